package cli

import (
	"io"
	"os"
	"strconv"

	"golang.org/x/sys/unix"
)

// defaultWidth is the width assumed when none can be found.
const defaultWidth = 80

// Terminal says whether out is a terminal and the width mypy fits
// --pretty output in: MYPY_FORCE_TERMINAL_WIDTH, else COLUMNS, else the
// terminal's own width, else 80 columns.
func Terminal(getenv func(string) string, out io.Writer) (isTTY bool, width int) {
	var ws *unix.Winsize
	if f, ok := out.(*os.File); ok {
		if w, err := unix.IoctlGetWinsize(int(f.Fd()), unix.TIOCGWINSZ); err == nil {
			isTTY, ws = true, w
		}
	}
	for _, name := range []string{"MYPY_FORCE_TERMINAL_WIDTH", "COLUMNS"} {
		if n, err := strconv.Atoi(getenv(name)); err == nil && n > 0 {
			return isTTY, n
		}
	}
	if ws != nil && ws.Col > 0 {
		return isTTY, int(ws.Col)
	}
	return isTTY, defaultWidth
}
