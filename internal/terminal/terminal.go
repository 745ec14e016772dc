// Package terminal tells whether typd's output goes to a terminal, and how
// wide it is. It uses only the standard library, so that typd's front
// end, which links it, starts fast.
package terminal

import (
	"io"
	"os"
	"strconv"
	"syscall"
	"unsafe"
)

// defaultWidth is the width assumed when none can be found.
const defaultWidth = 80

// winsize is the kernel's struct winsize, which TIOCGWINSZ fills.
type winsize struct {
	Row, Col, XPixel, YPixel uint16
}

// Size says whether out is a terminal and the width mypy fits --pretty
// output in: MYPY_FORCE_TERMINAL_WIDTH, else COLUMNS, else the terminal's
// own width, else 80 columns.
func Size(getenv func(string) string, out io.Writer) (isTTY bool, width int) {
	var ws winsize
	if f, ok := out.(*os.File); ok {
		_, _, errno := syscall.Syscall(syscall.SYS_IOCTL, f.Fd(), uintptr(syscall.TIOCGWINSZ), uintptr(unsafe.Pointer(&ws)))
		isTTY = errno == 0
	}
	for _, name := range []string{"MYPY_FORCE_TERMINAL_WIDTH", "COLUMNS"} {
		if n, err := strconv.Atoi(getenv(name)); err == nil && n > 0 {
			return isTTY, n
		}
	}
	if isTTY && ws.Col > 0 {
		return isTTY, int(ws.Col)
	}
	return isTTY, defaultWidth
}
