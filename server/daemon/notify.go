package daemon

import (
	"os"
	"path/filepath"
	"syscall"
	"unsafe"
)

// notifier spares the watcher its stat of every watched path when nothing
// changed: it watches each watched file and folder with Linux's inotify,
// and reports whether any event came since the watcher's last look. A
// file's own watch sees its content and metadata change through any of
// its names (a hard link's too); a folder's sees entries come, go and be
// renamed. It is trusted only where inotify sees every change: each path
// watched since before that look, on a local file system, with no
// symbolic link among the watched paths or on the way to them (a link's
// target may change where no one watches). Anything else (a path it could
// not watch, a watch lost, events lost, a file system inotify does not
// serve) leaves the watcher to stat every path, as it would without one.
type notifier struct {
	fd int // the inotify instance (non-blocking); -1 when there is none
	// watches are the watched paths' watches, paths the other way round;
	// inodes, the file or folder each watch was put on (an inotify watch
	// follows its inode when it is renamed: a path that now names another
	// is watched again).
	watches map[string]int32
	paths   map[int32]string
	inodes  map[string][2]uint64
	// untrusted marks a set of paths inotify cannot vouch for (see
	// notifier); dirty, an event (or a path newly watched, whose changes
	// before its watch are unknown) since the watcher's last look.
	untrusted, dirty bool
	buf              []byte
}

// fileEvents are the events of a watched file that may change what a
// check reads of it: its content or metadata changed, it was removed or
// renamed. A folder's add its entries' creation, removal and renaming.
const (
	fileEvents = syscall.IN_MODIFY | syscall.IN_ATTRIB | syscall.IN_CLOSE_WRITE | syscall.IN_DELETE_SELF |
		syscall.IN_MOVE_SELF
	folderEvents = fileEvents | syscall.IN_CREATE | syscall.IN_DELETE | syscall.IN_MOVED_FROM | syscall.IN_MOVED_TO |
		syscall.IN_ONLYDIR
)

// localFileSystems are the file systems (statfs's type) on which inotify
// reports every change, made on this machine or not: their changes all
// go through this kernel.
var localFileSystems = map[int64]bool{
	0xEF53:     true, // ext2, ext3, ext4
	0x58465342: true, // xfs
	0x9123683E: true, // btrfs
	0x01021994: true, // tmpfs
	0x794C7630: true, // overlayfs
	0xF2F52010: true, // f2fs
	0x2FC12FC1: true, // zfs
}

// newNotifier returns a notifier, one that trusts nothing when inotify is
// not available.
func newNotifier() *notifier {
	fd, err := syscall.InotifyInit1(syscall.IN_NONBLOCK | syscall.IN_CLOEXEC)
	if err != nil {
		fd = -1
	}
	return &notifier{fd: fd, watches: map[string]int32{}, paths: map[int32]string{}, inodes: map[string][2]uint64{},
		untrusted: fd < 0, dirty: true, buf: make([]byte, 64<<10)}
}

// quiet reports whether nothing changed in the watched paths since the
// watcher's last look: no event came, and the paths are trusted. It reads
// the events waiting.
func (n *notifier) quiet() bool {
	n.drain()
	return !n.untrusted && !n.dirty
}

// looking tells the notifier that the watcher is about to stat every
// path: what changes from now on shows in an event.
func (n *notifier) looking() {
	n.drain()
	n.dirty = false
}

// drain reads the events waiting: any makes the notifier dirty, and a
// watch lost (its file or folder removed) untrusted until the next watch.
func (n *notifier) drain() {
	if n.fd < 0 {
		return
	}
	for {
		k, err := syscall.Read(n.fd, n.buf)
		if err == syscall.EINTR {
			continue
		}
		if k <= 0 {
			return // (EAGAIN: none left)
		}
		n.dirty = true
		for off := 0; off+syscall.SizeofInotifyEvent <= k; {
			ev := (*syscall.InotifyEvent)(unsafe.Pointer(&n.buf[off]))
			off += syscall.SizeofInotifyEvent + int(ev.Len)
			if path, ok := n.paths[ev.Wd]; ok && ev.Mask&syscall.IN_IGNORED != 0 {
				delete(n.paths, ev.Wd)
				delete(n.watches, path)
				delete(n.inodes, path)
				n.untrusted = true
			}
		}
	}
}

// watch makes the watched paths the stamped ones: it watches those not
// watched yet, watches again those that now name another file or folder
// than their watch's (as the stamps, taken by the last look, show), and
// stops watching those no longer stamped. A path newly watched makes the
// notifier dirty: what changed before its watch is unknown.
func (n *notifier) watch(stamps map[string]fileStamp) {
	if n.fd < 0 {
		return
	}
	n.untrusted = false
	for path, wd := range n.watches {
		if st, ok := stamps[path]; !ok || n.inodes[path] != [2]uint64{st.stat.Dev, st.stat.Inode} {
			syscall.InotifyRmWatch(n.fd, uint32(wd))
			delete(n.watches, path)
			delete(n.paths, wd)
			delete(n.inodes, path)
		}
	}
	for path, st := range stamps {
		if _, ok := n.watches[path]; ok {
			continue
		}
		events := uint32(fileEvents)
		if st.isDir {
			events = folderEvents
		}
		if !trustable(path, st.isDir) {
			n.untrusted = true
			continue
		}
		wd, err := syscall.InotifyAddWatch(n.fd, path, events)
		if err != nil {
			n.untrusted = true // (the path is gone, or the watches ran out)
			continue
		}
		n.watches[path], n.paths[int32(wd)] = int32(wd), path
		n.inodes[path] = [2]uint64{st.stat.Dev, st.stat.Inode}
		n.dirty = true
	}
}

// trustable reports whether inotify sees every change of a path: it is no
// symbolic link and, a folder, it is on a local file system and no link
// leads to it. (A file's folder is stamped too, and so judged.)
func trustable(path string, isDir bool) bool {
	info, err := os.Lstat(path)
	if err != nil || info.Mode()&os.ModeSymlink != 0 {
		return false
	}
	if !isDir {
		return true
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		return false
	}
	if real, err := filepath.EvalSymlinks(abs); err != nil || real != abs {
		return false
	}
	var fs syscall.Statfs_t
	if err := syscall.Statfs(path, &fs); err != nil {
		return false
	}
	return localFileSystems[int64(fs.Type)]
}

// close releases the inotify instance.
func (n *notifier) close() {
	if n.fd >= 0 {
		syscall.Close(n.fd)
		n.fd, n.untrusted = -1, true
	}
}
