;;; typd.el --- typd, mypy's verdicts as a language server, through eglot  -*- lexical-binding: t -*-

;; Usage (Emacs 28 with the eglot package, or Emacs 29 and later):
;;
;;   (add-to-list 'load-path "/path/to/typd/editors/emacs")
;;   (require 'typd)
;;   (add-hook 'python-mode-hook #'eglot-ensure)
;;
;; `typd-executable' names the binary, `typd-args' adds mypy flags to the
;; project's configuration file.  eglot's project is the workspace typd
;; checks, as `typd check' run in its root does.

;;; Code:

(require 'eglot)

(defgroup typd nil
  "typd, a Python type checker with mypy's verdicts, as a language server."
  :group 'tools)

(defcustom typd-executable "typd"
  "The typd binary eglot starts as `typd lsp'."
  :type 'string)

(defcustom typd-args nil
  "mypy flags added to the project's configuration file."
  :type '(repeat string))

(defun typd-command (&rest _)
  "The command line of typd's language server."
  (append (list typd-executable "lsp")
          (when typd-args (cons "--" typd-args))))

(add-to-list 'eglot-server-programs '((python-mode python-ts-mode) . typd-command))

(provide 'typd)
;;; typd.el ends here
