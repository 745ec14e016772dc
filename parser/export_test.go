package parser

// Splice and SpliceTop expose splice and spliceTop to the external tests,
// which check that the fast paths of Reparse are taken and agree with
// Parse.
func Splice(old *File, oldSrc, src []byte) *File {
	if e, ok := editBetween(old, oldSrc, src); ok {
		return splice(old, oldSrc, src, e)
	}
	return nil
}

func SpliceTop(old *File, oldSrc, src []byte) *File {
	if e, ok := editBetween(old, oldSrc, src); ok {
		return spliceTop(old, oldSrc, src, e)
	}
	return nil
}

// ParseInParts parses src cut into at most parts pieces as Parse does for
// a large file, or returns nil when src has no cut or a piece has a syntax
// error (where Parse parses the whole file).
func ParseInParts(src []byte, parts int) *File {
	text, err := decodeSource(src)
	if err != nil {
		return nil
	}
	e, cuts := scanLayout(text, parts)
	if e != nil || len(cuts) == 0 {
		return nil
	}
	return parseParts(text, cuts)
}
