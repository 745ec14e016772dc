package cache

import (
	"database/sql"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"time"

	_ "modernc.org/sqlite" // the database/sql driver "sqlite", in pure Go
)

// databaseName is the SQLite cache's file in the cache's folder.
const databaseName = "cache.db"

// OpenSQLite returns the cache in the folder at path (made as Open makes
// it), its entries kept in one SQLite database there, cache.db, as mypy's
// --sqlite-cache keeps them: for file systems where many small files are
// slow. Several processes may use it at once (write-ahead logging, and a
// writer waits up to five seconds for another). A file there that is not
// a database SQLite can read (corrupt, cut short, something else) is
// replaced by an empty database.
func OpenSQLite(path string) (*Dir, error) {
	d, err := openFolder(path)
	if err != nil {
		return nil, err
	}
	db := filepath.Join(path, databaseName)
	entries, err := openDatabase(db)
	if err != nil && isNotADatabase(err) {
		for _, suffix := range []string{"", "-wal", "-shm"} {
			os.Remove(db + suffix)
		}
		entries, err = openDatabase(db)
	}
	if err != nil {
		return nil, err
	}
	d.entries = entries
	return d, nil
}

// isNotADatabase reports whether an error is SQLite's for a file that is
// not a database it can read.
func isNotADatabase(err error) bool {
	msg := err.Error()
	return strings.Contains(msg, "not a database") || strings.Contains(msg, "malformed") ||
		strings.Contains(msg, "SQLITE_NOTADB") || strings.Contains(msg, "SQLITE_CORRUPT")
}

// sqliteEntries keeps entries in a SQLite table: (kind, key) → frame, with
// the time each was last written (for pruning).
type sqliteEntries struct {
	db                       *sql.DB
	get, put, length, byKind *sql.Stmt
}

// openDatabase opens (or makes) the database at path and its table.
func openDatabase(path string) (*sqliteEntries, error) {
	db, err := sql.Open("sqlite", "file:"+path+
		"?_pragma=busy_timeout(5000)&_pragma=journal_mode(WAL)&_pragma=synchronous(NORMAL)")
	if err != nil {
		return nil, err
	}
	if _, err := db.Exec(`CREATE TABLE IF NOT EXISTS entries (
		kind TEXT NOT NULL, key BLOB NOT NULL, frame BLOB NOT NULL, written INTEGER NOT NULL,
		PRIMARY KEY (kind, key)) WITHOUT ROWID`); err != nil {
		db.Close()
		return nil, err
	}
	s := &sqliteEntries{db: db}
	for stmt, query := range map[**sql.Stmt]string{
		&s.get:    `SELECT frame FROM entries WHERE kind = ? AND key = ?`,
		&s.put:    `INSERT OR REPLACE INTO entries (kind, key, frame, written) VALUES (?, ?, ?, ?)`,
		&s.length: `SELECT length(frame) FROM entries WHERE kind = ? AND key = ?`,
		&s.byKind: `SELECT key, frame FROM entries WHERE kind = ?`,
	} {
		if *stmt, err = db.Prepare(query); err != nil {
			db.Close()
			return nil, err
		}
	}
	return s, nil
}

func (s *sqliteEntries) read(kind string, key [32]byte) ([]byte, error) {
	var frame []byte
	err := s.get.QueryRow(kind, key[:]).Scan(&frame)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, os.ErrNotExist
	}
	return frame, err
}

func (s *sqliteEntries) write(kind string, key [32]byte, frame []byte) error {
	_, err := s.put.Exec(kind, key[:], frame, time.Now().Unix())
	return err
}

func (s *sqliteEntries) size(kind string, key [32]byte) (int64, bool) {
	var n int64
	if s.length.QueryRow(kind, key[:]).Scan(&n) != nil {
		return 0, false
	}
	return n, true
}

func (s *sqliteEntries) each(kind string, fn func(key [32]byte, frame []byte)) {
	rows, err := s.byKind.Query(kind)
	if err != nil {
		return
	}
	defer rows.Close()
	for rows.Next() {
		var k, frame []byte
		var key [32]byte
		if rows.Scan(&k, &frame) != nil || len(k) != len(key) {
			continue
		}
		copy(key[:], k)
		fn(key, frame)
	}
}

func (s *sqliteEntries) close() { s.db.Close() }

func (s *sqliteEntries) prune(cutoff time.Time) {
	s.db.Exec(`DELETE FROM entries WHERE written < ?`, cutoff.Unix())
}
