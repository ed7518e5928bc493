;;; test.el --- end-to-end test of copydesk.el in Emacs with eglot  -*- lexical-binding: t; -*-

;; COPYDESK=/path/to/copydesk emacs --batch -l test.el
;; (not -Q: that hides Debian's elpa-eglot)
;;
;; Opens a plain-text draft with `copydesk-eglot-ensure' on `text-mode-hook', waits for the
;; server's diagnostics in flymake, checks their codes, lines and severities, moves between them,
;; asks for hover and document symbols through eglot's connection (and eglot's imenu), edits the
;; draft and waits for the new diagnostic, and shuts the server down.

;;; Code:

(require 'cl-lib)
(require 'subr-x)

(defvar copydesk-test-dir (file-name-directory (or load-file-name buffer-file-name)))
(defvar copydesk-test-state "starting")

(defun copydesk-test-out (fmt &rest args)
  (princ (concat (apply #'format fmt args) "\n") #'external-debugging-output))

(defun copydesk-test-die (fmt &rest args)
  (copydesk-test-out "FAIL: %s" (apply #'format fmt args))
  (kill-emacs 1))

(defun copydesk-test-check (ok what &optional detail)
  (if ok
      (copydesk-test-out "ok   - %s" what)
    (copydesk-test-die "%s%s" what (if detail (format "\n  %s" detail) ""))))

(defun copydesk-test-equal (actual expected what)
  (copydesk-test-check (equal actual expected) what
                       (format "expected: %S\n  actual:   %S" expected actual)))

(defun copydesk-test-contains (haystack needle what)
  (copydesk-test-check (and (stringp haystack) (string-search needle haystack)) what
                       (format "expected to find %S in:\n  %s" needle haystack)))

(defun copydesk-test-wait (seconds pred what)
  "Runs the event loop until PRED is non-nil; fails after SECONDS."
  (let ((start (float-time)))
    (while (and (not (funcall pred)) (< (- (float-time) start) seconds))
      (accept-process-output nil 0.02))
    (unless (funcall pred)
      (copydesk-test-die "timed out after %s s waiting for %s" seconds what))
    (copydesk-test-out "ok   - %s (%d ms)" what (round (* 1000 (- (float-time) start))))))

;; The watchdog: a hang anywhere becomes a failure (timers run while we wait for the server).
(run-at-time (string-to-number (or (getenv "COPYDESK_E2E_TIMEOUT") "30")) nil
             (lambda ()
               (copydesk-test-out "FAIL: watchdog: the test did not finish in time (while %s)"
                                  copydesk-test-state)
               (kill-emacs 2)))

(defun copydesk-test-diagnostics ()
  "copydesk's flymake diagnostics in this buffer, as sorted \"LINE:CODE\" strings."
  (sort (delq nil
              (mapcar (lambda (d)
                        (let ((text (flymake-diagnostic-text d)))
                          (when (string-match "\\`copydesk \\[\\([a-z-]+\\)\\]: " text)
                            (format "%d:%s" (line-number-at-pos (flymake-diagnostic-beg d))
                                    (match-string 1 text)))))
                      (flymake-diagnostics)))
        (lambda (a b)
          (let ((la (string-to-number a)) (lb (string-to-number b)))
            (if (= la lb) (string< a b) (< la lb))))))

(defun copydesk-test-diagnostic (code line)
  (cl-find-if (lambda (d)
                (and (= (line-number-at-pos (flymake-diagnostic-beg d)) line)
                     (string-prefix-p (format "copydesk [%s]: " code) (flymake-diagnostic-text d))))
              (flymake-diagnostics)))

(defun copydesk-test-position (line character)
  "LSP params for LINE (1-based) and CHARACTER (0-based) in this buffer."
  (save-excursion
    (goto-char (point-min))
    (forward-line (1- line))
    (forward-char character)
    (eglot--TextDocumentPositionParams)))

(defun copydesk-test-run ()
  (let ((bin (getenv "COPYDESK")))
    (unless (and bin (file-executable-p bin))
      (copydesk-test-die "set COPYDESK to the copydesk binary (got %S)" bin))
    (add-to-list 'load-path (expand-file-name ".." copydesk-test-dir))
    (require 'copydesk)
    (copydesk-test-out "Emacs %s, %s" emacs-version
                       (file-name-nondirectory
                        (directory-file-name (file-name-directory (locate-library "eglot")))))
    (setq copydesk-command (list bin "lsp"))
    ;; Settings reach the server: loaded-verb is a warning by default, an error here.
    (setq copydesk-settings '(:rules (:loaded-verb "error")))
    (add-hook 'text-mode-hook #'copydesk-eglot-ensure))

  ;; Registration: the language ids the server expects.
  (copydesk-test-equal (cadr (eglot--lookup-mode 'text-mode)) "plaintext"
                       "text-mode buffers are sent as plaintext")
  (unless (fboundp 'markdown-mode)      ; a stand-in when markdown-mode is not installed
    (define-derived-mode markdown-mode text-mode "Markdown"))
  (copydesk-test-equal (cadr (eglot--lookup-mode 'markdown-mode)) "markdown"
                       "markdown-mode buffers are sent as markdown")

  ;; Open the draft (a copy in a fresh folder).
  (let* ((dir (make-temp-file "copydesk-emacs-e2e" t))
         (path (expand-file-name "draft.txt" dir)))
    (copy-file (expand-file-name "draft.txt" copydesk-test-dir) path)
    (find-file path)
    (copydesk-test-equal major-mode 'text-mode "the draft opens in text-mode")
    ;; `eglot-ensure' connects from `post-command-hook', after the command that opened the file.
    (setq copydesk-test-state "connecting")
    (run-hooks 'post-command-hook)
    (copydesk-test-check (eglot-current-server) "copydesk-eglot-ensure starts eglot for the draft")
    (let ((server (eglot-current-server)))
      (copydesk-test-check (object-of-class-p server 'copydesk-eglot-server)
                           "the server is a copydesk-eglot-server")
      (copydesk-test-check (and (eglot--server-capable :hoverProvider)
                                (eglot--server-capable :documentSymbolProvider))
                           "the server advertises hover and documentSymbol")

      ;; Diagnostics, through flymake.
      (setq copydesk-test-state "waiting for diagnostics")
      (copydesk-test-wait 10 (lambda () (copydesk-test-diagnostics)) "flymake has copydesk's diagnostics")
      (copydesk-test-equal (copydesk-test-diagnostics)
                           '("9:loaded-verb" "11:anonymity-unexplained" "11:anonymous-source"
                             "13:unattributed-quote" "15:name-variant")
                           "diagnostics: codes and lines")
      (let ((loaded (copydesk-test-diagnostic "loaded-verb" 9)))
        (copydesk-test-equal (buffer-substring (flymake-diagnostic-beg loaded) (flymake-diagnostic-end loaded))
                             "blasted" "loaded-verb underlines “blasted”")
        (copydesk-test-equal (flymake-diagnostic-type loaded) 'eglot-error
                             "copydesk-settings reach the server (loaded-verb is an error)"))
      (copydesk-test-equal (flymake-diagnostic-type (copydesk-test-diagnostic "unattributed-quote" 13))
                           'eglot-warning "unattributed-quote is a warning")
      (copydesk-test-equal (flymake-diagnostic-type (copydesk-test-diagnostic "anonymous-source" 11))
                           'eglot-note "anonymous-source is a note")

      ;; Moving between diagnostics.
      (goto-char (point-min))
      (flymake-goto-next-error)
      (copydesk-test-equal (list (line-number-at-pos) (current-column)) '(9 32)
                           "flymake-goto-next-error goes to “blasted” on line 9")
      (flymake-goto-next-error)
      (copydesk-test-equal (line-number-at-pos) 11 "and then to line 11")

      ;; Hover on a speaker, through eglot's connection.
      (setq copydesk-test-state "hover")
      (let* ((hover (jsonrpc-request server :textDocument/hover (copydesk-test-position 7 3)))
             (text (plist-get (plist-get hover :contents) :value)))
        (copydesk-test-contains text "Mara Lindqvist" "hover on “Lindqvist” (line 7) shows the full name")
        (copydesk-test-contains text "Transit Director" "hover on “Lindqvist” shows the role"))

      ;; Document symbols: raw, and as eglot's imenu index.
      (setq copydesk-test-state "documentSymbol")
      (let ((symbols (jsonrpc-request server :textDocument/documentSymbol
                                      (list :textDocument (eglot--TextDocumentIdentifier)))))
        (copydesk-test-equal (mapcar (lambda (s) (format "%s | %s" (plist-get s :name) (plist-get s :detail)))
                                     symbols)
                             '("Mara Lindqvist | Transit Director" "Tomas Okonjo | cannery worker"
                               "Anonymous sources | 1 source" "Unattributed | 1 claim")
                             "document symbols list the speakers, anonymous sources and unattributed claims"))
      (copydesk-test-equal (mapcar #'car (cdr (assoc "Class" (eglot-imenu))))
                           '("Mara Lindqvist" "Tomas Okonjo")
                           "eglot's imenu lists the speakers")

      ;; An edit: a new unattributed quote.
      (setq copydesk-test-state "waiting for the diagnostic of the edit")
      (goto-char (point-max))
      (insert "\n\"The night boats were never going to pay for themselves.\"\n")
      ;; What eglot's idle timer does; idle timers do not run in batch mode.
      (eglot--signal-textDocument/didChange)
      (copydesk-test-wait 10 (lambda () (copydesk-test-diagnostic "unattributed-quote" 17))
                          "the inserted quote (line 17) gets an unattributed-quote diagnostic")
      (copydesk-test-equal (length (copydesk-test-diagnostics)) 6 "and nothing else changed")

      (setq copydesk-test-state "shutting down")
      (set-buffer-modified-p nil)
      (eglot-shutdown server)
      (copydesk-test-check (not (jsonrpc-running-p server)) "the server shuts down")
      (delete-directory dir t)))
  (copydesk-test-out "PASS emacs e2e")
  (kill-emacs 0))

(condition-case err
    (copydesk-test-run)
  (error (copydesk-test-die "error: %S" err)))

;;; test.el ends here
