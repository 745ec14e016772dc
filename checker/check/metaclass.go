package check

import (
	"fmt"
	"strings"

	"typd/checker/diag"
	"typd/checker/types"
	"typd/parser/ast"
)

// checkMetaclassConflict reports a class whose metaclass has no winner
// while one of its bases' has (mypy's check_metaclass_compatibility: a
// class below a conflict is not reported again), with mypy's note on the
// conflict. Not checked: metaclasses, protocols, named tuples, enums,
// TypedDicts, and classes whose metaclass is not known.
func (c *Checker) checkMetaclassConflict(x *ast.ClassDef, cls *types.Class) {
	if cls == nil || cls.MetaclassUnknown || hasBase(cls, "builtins.type") || cls.FullName == "abc.ABCMeta" ||
		cls.IsProtocol || cls.IsNamedTuple || cls.IsEnum() || cls.IsTypedDict {
		return
	}
	winner, conflict := metaclassWinner(cls)
	if winner != nil || conflict == "" {
		return
	}
	for _, b := range cls.Bases {
		if w, _ := metaclassWinner(b.Class); w != nil {
			c.report(&x.Span, diag.Error, diag.CodeMetaclass, diag.MetaclassConflict)
			c.report(&x.Span, diag.Note, diag.CodeMetaclass, conflict)
			return
		}
	}
}

// metaclassWinner is a class's metaclass as mypy calculates it: the one
// it declares, if not a metaclass; else, among the one it declares and
// those its MRO's classes declare, in order, each one that derives from
// all met before. When two do not derive from each other, winner is nil
// and conflict explains, as mypy's note does, how the last winner was
// found and what it conflicts with.
func metaclassWinner(cls *types.Class) (winner *types.Instance, conflict string) {
	declared := cls.DeclaredMetaclass
	if declared != nil && !hasBase(declared.Class, "builtins.type") || cls.FullName == "builtins.type" {
		return declared, ""
	}
	winner = declared
	var steps []string
	if declared != nil {
		steps = append(steps, fmt.Sprintf(diag.MetaclassOf, declared.Class.FullName, cls.FullName))
	}
	for _, super := range cls.MRO[1:] {
		meta := super.DeclaredMetaclass
		switch {
		case meta == nil, winner != nil && hasBase(winner.Class, meta.Class.FullName):
			continue
		case winner == nil || hasBase(meta.Class, winner.Class.FullName):
			winner = meta
			steps = append(steps, fmt.Sprintf(diag.MetaclassOf, meta.Class.FullName, super.FullName))
			continue
		}
		return nil, fmt.Sprintf(diag.MetaclassConflictsWith, strings.Join(steps, " > "),
			fmt.Sprintf(diag.MetaclassOf, meta.Class.FullName, super.FullName))
	}
	return winner, ""
}
