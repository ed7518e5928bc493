#!/usr/bin/env bash
# End-to-end test of copydesk.el in real Emacs with eglot, in batch mode.
#
#   editors/emacs/test/run.sh
#
# COPYDESK   the server binary (default: target/release/copydesk in the repo; this script builds
#            nothing: run `cargo build --release` first)
# COPYDESK_E2E_TIMEOUT   the in-editor watchdog in seconds (default 30)
#
# Installs Debian's emacs-nox and elpa-eglot with apt-get when Emacs (or eglot) is missing.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../../.." && pwd)

say() { printf '== %s\n' "$*"; }
die() { printf 'emacs e2e: FAIL: %s\n' "$*" >&2; exit 1; }

copydesk=${COPYDESK:-target/release/copydesk}
case $copydesk in /*) ;; *) copydesk=$root/$copydesk ;; esac
[ -x "$copydesk" ] || die "no copydesk binary at $copydesk (run 'cargo build --release', or set COPYDESK)"

has_eglot() { emacs --batch --eval "(require 'eglot)" >/dev/null 2>&1; }

if ! command -v emacs >/dev/null || ! has_eglot; then
  command -v apt-get >/dev/null || die "Emacs with eglot is missing and there is no apt-get"
  sudo=; [ "$(id -u)" = 0 ] || sudo=sudo
  say "apt-get install emacs-nox elpa-eglot"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends emacs-nox elpa-eglot >/dev/null \
    || die "apt-get install emacs-nox elpa-eglot failed"
fi
has_eglot || die "Emacs cannot load eglot"

export COPYDESK=$copydesk
say "$(emacs --version | head -1), server $copydesk"
start=${EPOCHREALTIME/./}
# Not -Q: that would hide Debian's elpa-eglot. --batch skips the user's init file.
# The test's own watchdog fails a hang inside Emacs; timeout(1) catches anything else.
set +e
timeout --kill-after=5 90 emacs --batch -l "$here/test.el" </dev/null 2>&1 | grep -v '^Loading /etc/emacs/site-start'
status=${PIPESTATUS[0]}
set -e
printf -- '-- test.el: exit %d in %d ms\n' "$status" "$(( (${EPOCHREALTIME/./} - start) / 1000 ))"
case $status in
  0) say "emacs e2e: passed" ;;
  124) die "timed out (timeout 90 s)" ;;
  *) die "see above" ;;
esac
