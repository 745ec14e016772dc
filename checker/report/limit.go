package report

import "typd/checker/diag"

// SkippingNote is mypy's note in place of the errors --soft-error-limit
// hides.
const SkippingNote = "(Skipping most remaining errors due to unresolved imports or missing stubs; fix these first)"

// SoftLimit applies --soft-error-limit to a check's diagnostics, in the
// order they were found: once an import could not be resolved and limit
// diagnostics (notes too) have been kept, each later one that is not about
// an import is dropped, and the first dropped is replaced by SkippingNote,
// as mypy does. A negative limit (mypy's default) keeps everything.
func SoftLimit(ds []diag.Diagnostic, limit int) []diag.Diagnostic {
	if limit < 0 {
		return ds
	}
	out := ds[:0:0]
	seenImportError, noted := false, false
	for _, d := range ds {
		isImport := d.Code == diag.CodeImportNotFound || d.Code == diag.CodeImportUntyped
		if seenImportError && !isImport && len(out) >= limit {
			if !noted {
				noted = true
				out = append(out, diag.Diagnostic{File: d.File, Line: d.Line, Col: d.Col, Severity: diag.Note,
					Message: SkippingNote})
			}
			continue
		}
		out = append(out, d)
		seenImportError = seenImportError || isImport
	}
	return out
}
