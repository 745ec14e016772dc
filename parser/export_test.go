package parser

// Splice exposes splice to the external tests, which check that the fast
// path of Reparse is taken and agrees with Parse.
var Splice = splice
