;;; copydesk.el --- copydesk language server for news drafts, through eglot  -*- lexical-binding: t; -*-

;; Version: 0.1.0
;; Package-Requires: ((emacs "27.1") (eglot "1.9"))
;; Keywords: languages, wp
;; URL: editors/emacs in the copydesk repository

;;; Commentary:

;; copydesk checks news drafts as you type: quotes nobody is named as saying, anonymous sources
;; with no reason given, "critics say", loaded verbs, names spelled two ways, placeholders.
;; This file registers the copydesk language server (`copydesk lsp') with eglot for Markdown
;; (`markdown-mode', `gfm-mode', if installed) and plain text (`text-mode').
;;
;;   (add-to-list 'load-path "/path/to/copydesk/editors/emacs")
;;   (require 'copydesk)
;;   (add-hook 'text-mode-hook #'copydesk-eglot-ensure)   ; start it in drafts
;;
;; or start it by hand with M-x eglot in a draft.  Settings (the same keys as `.copydesk.toml')
;; go in `copydesk-settings'; per project, `eglot-workspace-configuration' with a `:copydesk'
;; section works too and wins.

;;; Code:

(require 'eglot)

(defgroup copydesk nil
  "Quotes, attribution and sourcing in news drafts, through the copydesk language server."
  :group 'eglot
  :prefix "copydesk-")

(defcustom copydesk-command '("copydesk" "lsp")
  "The command that starts the copydesk language server, as a list of strings."
  :type '(repeat string))

(defcustom copydesk-settings nil
  "Settings for the copydesk server, as a plist: the keys of `.copydesk.toml'.
Sent as `initializationOptions'.  For example:

  (setq copydesk-settings
        \\='(:courtesy-titles \"nyt\"
          :rules (:unattributed-claim \"off\" :loaded-verb \"error\")))

Unknown keys are errors; the server then reports them and ignores the settings."
  :type '(plist :key-type symbol :value-type sexp))

(defcustom copydesk-modes '(markdown-mode gfm-mode text-mode)
  "Major modes whose buffers `copydesk-eglot-ensure' starts copydesk in.
Only these exact modes: modes derived from `text-mode' such as `org-mode' are left alone."
  :type '(repeat symbol))

(defclass copydesk-eglot-server (eglot-lsp-server) ()
  :documentation "The copydesk language server.")

(cl-defmethod eglot-initialization-options ((_server copydesk-eglot-server))
  "Send `copydesk-settings' as the server's initialization options."
  (or copydesk-settings eglot--{}))

(defun copydesk--contact (_interactive)
  "The eglot contact for copydesk: its server class and `copydesk-command'."
  (cons 'copydesk-eglot-server copydesk-command))

;; Markdown modes come first: `markdown-mode' derives from `text-mode', and eglot takes the
;; first spec a mode derives from.  Naming `markdown-mode' when it is not installed is harmless.
(defconst copydesk--eglot-modes
  '((gfm-mode :language-id "markdown")
    (markdown-mode :language-id "markdown")
    (text-mode :language-id "plaintext"))
  "The modes copydesk registers with eglot, with the LSP language ids the server expects.")

(defun copydesk-eglot-register ()
  "Add copydesk to `eglot-server-programs', after any server already there.
Appended, so a more specific server for a mode derived from `text-mode' (LaTeX, Org) keeps
its buffers."
  (let ((entry (cons copydesk--eglot-modes #'copydesk--contact)))
    (unless (member entry eglot-server-programs)
      (setq eglot-server-programs (append eglot-server-programs (list entry))))))

;;;###autoload
(defun copydesk-eglot-ensure ()
  "Start copydesk through eglot in this buffer if its major mode is one of `copydesk-modes'.
Meant for `text-mode-hook' (which also runs in `markdown-mode' buffers)."
  (when (and (memq major-mode copydesk-modes) buffer-file-name)
    (copydesk-eglot-register)
    (eglot-ensure)))

(copydesk-eglot-register)

(provide 'copydesk)
;;; copydesk.el ends here
