"""Print CPython's AST dump of every .py file under the given roots.

Used by the parser's stdlib comparison test. For each file it writes the
path, a NUL, then either "OK\n" and ast.dump(ast.parse(src),
include_attributes=True), or "ERR\n" and the SyntaxError's message and line,
then a NUL.
"""
import ast
import os
import sys


def main():
    out = sys.stdout.buffer
    for root in sys.argv[1:]:
        for dirpath, dirnames, filenames in os.walk(root):
            dirnames[:] = sorted(d for d in dirnames if d != "site-packages")
            for name in sorted(filenames):
                if not name.endswith(".py"):
                    continue
                path = os.path.join(dirpath, name)
                with open(path, "rb") as f:
                    src = f.read()
                try:
                    text = "OK\n" + ast.dump(ast.parse(src), include_attributes=True)
                except (SyntaxError, ValueError) as e:
                    text = "ERR\n%s (line %s)" % (getattr(e, "msg", str(e)), getattr(e, "lineno", 0))
                except RecursionError:
                    text = "ERR\nrecursion"
                out.write(path.encode("utf-8", "surrogateescape") + b"\0")
                out.write(text.encode("utf-8", "surrogatepass") + b"\0")


if __name__ == "__main__":
    main()
