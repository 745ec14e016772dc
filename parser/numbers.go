package parser

import (
	"math/big"
	"strconv"
	"strings"

	"typd/parser/ast"
)

// number converts an integer or float token, checking it as CPython's
// tokenizer does.
func (c *converter) number(i uint32) ast.Expr {
	text := c.text(i)
	k := &ast.Constant{Span: c.span(i)}
	if !validUnderscores(text) {
		c.numberError(i, text)
		return k
	}
	clean := strings.ReplaceAll(text, "_", "")
	lower := strings.ToLower(clean)
	if strings.HasSuffix(lower, "j") {
		f, err := strconv.ParseFloat(clean[:len(clean)-1], 64)
		if err != nil && !isRangeErr(err) {
			c.errorAt(i, "invalid imaginary literal")
		}
		k.Value = ast.Value{Kind: ast.ComplexValue, Float: f}
		return k
	}
	if c.kind(i) == kFloat || (!strings.HasPrefix(lower, "0x") && strings.ContainsAny(lower, ".e")) {
		f, err := strconv.ParseFloat(clean, 64)
		if err != nil && !isRangeErr(err) {
			c.errorAt(i, "invalid decimal literal")
		}
		k.Value = ast.Value{Kind: ast.FloatValue, Float: f}
		return k
	}
	base, digits := 10, lower
	switch {
	case strings.HasPrefix(lower, "0x"):
		base, digits = 16, lower[2:]
	case strings.HasPrefix(lower, "0o"):
		base, digits = 8, lower[2:]
	case strings.HasPrefix(lower, "0b"):
		base, digits = 2, lower[2:]
	case len(lower) > 1 && lower[0] == '0':
		if strings.Trim(lower, "0") != "" {
			if strings.Trim(lower, "0123456789") == "" {
				c.errorAt(i, "leading zeros in decimal integer literals are not permitted; use an 0o prefix for octal integers")
			} else {
				c.errorAt(i, "invalid decimal literal")
			}
			return k
		}
	}
	k.Value.Kind = ast.IntValue
	if v, err := strconv.ParseInt(digits, base, 64); err == nil {
		k.Value.Int = v
		return k
	}
	b, ok := new(big.Int).SetString(digits, base)
	if !ok {
		c.numberError(i, text)
		return k
	}
	k.Value.Big = b
	return k
}

// numberError reports a malformed literal where CPython's tokenizer does:
// one byte into it.
func (c *converter) numberError(i uint32, text string) {
	n := &c.nodes[i]
	c.errs = append(c.errs, Error{Line: int32(n.StartRow) + 1, Col: int32(n.StartCol) + 1, Msg: numberErrorMsg(text)})
}

func isRangeErr(err error) bool {
	ne, ok := err.(*strconv.NumError)
	return ok && ne.Err == strconv.ErrRange
}

// validUnderscores reports whether every underscore in a numeric literal
// stands between two digits (or right after a base prefix).
func validUnderscores(s string) bool {
	for k := 0; k < len(s); k++ {
		if s[k] != '_' {
			continue
		}
		if k == 0 || k == len(s)-1 || !isHexDigit(s[k+1]) {
			return false
		}
		p := s[k-1]
		if !isHexDigit(p) && !(k == 2 && s[0] == '0' && strings.ContainsRune("xXoObB", rune(p))) {
			return false
		}
		if (p == 'e' || p == 'E') && !strings.HasPrefix(strings.ToLower(s), "0x") {
			return false
		}
	}
	return true
}

func isHexDigit(b byte) bool {
	return (b >= '0' && b <= '9') || (b >= 'a' && b <= 'f') || (b >= 'A' && b <= 'F')
}
