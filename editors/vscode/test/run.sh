#!/usr/bin/env bash
# End-to-end test of the VS Code extension in the real VS Code workbench (code-server, driven by
# Playwright with Debian's chromium). Installs what it needs, only when missing:
#   - apt: the dev libraries code-server's native modules build against, ripgrep, chromium, fonts;
#   - code-server@4.100.3 and playwright-core under $CACHE (see below);
# then builds and packages the extension (npm ci + vsce) and runs test/e2e.mjs.
#
# Environment:
#   COPYDESK             the copydesk binary (default: <repo>/target/release/copydesk, built if missing)
#   COPYDESK_E2E_CACHE   where the tools go (default: ${XDG_CACHE_HOME:-$HOME/.cache}/copydesk-e2e/vscode)
#   COPYDESK_E2E_SKIP_BUILD=1   use the existing editors/vscode/copydesk.vsix
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
EXT=$(dirname "$HERE")
ROOT=$(cd "$EXT/../.." && pwd)
CACHE=${COPYDESK_E2E_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/copydesk-e2e/vscode}
COPYDESK=${COPYDESK:-$ROOT/target/release/copydesk}
CODE_SERVER_VERSION=4.100.3
PLAYWRIGHT_VERSION=1.65.1

step() { printf '\n== %s (%ss)\n' "$*" "$SECONDS"; }
die() { printf 'run.sh: %s\n' "$*" >&2; exit 1; }

as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"
  elif command -v sudo >/dev/null; then sudo "$@"
  else die "need root (or sudo) to run: $*"
  fi
}

# --- apt ---------------------------------------------------------------------------------------
APT_PACKAGES=(libkrb5-dev libx11-dev libxkbfile-dev libsecret-1-dev pkg-config ripgrep chromium
  fonts-dejavu-core python3 make g++ ca-certificates)
missing=()
for p in "${APT_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  step "apt-get install ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  as_root apt-get update -qq
  as_root apt-get install -y -qq -o Dpkg::Use-Pty=0 --no-install-recommends "${missing[@]}" >/dev/null
fi

command -v node >/dev/null || die "node (20 or newer) is required"
node_major=$(node -p 'process.versions.node.split(".")[0]')
[ "$node_major" -ge 20 ] || die "node 20 or newer is required, found $(node --version)"

# --- code-server ---------------------------------------------------------------------------------
CS_DIR=$CACHE/code-server-$CODE_SERVER_VERSION
CODE_SERVER=$CS_DIR/node_modules/.bin/code-server
if [ ! -x "$CODE_SERVER" ] || [ ! -f "$CS_DIR/.complete" ]; then
  step "npm install code-server@$CODE_SERVER_VERSION into $CS_DIR"
  # @vscode/ripgrep's postinstall downloads rg from GitHub: seed its cache with Debian's rg.
  tmp=${TMPDIR:-/tmp}
  rgcache=$tmp/vscode-ripgrep-cache-1.15.11
  mkdir -p "$rgcache" "$tmp/copydesk-rgpkg"
  cp "$(command -v rg)" "$tmp/copydesk-rgpkg/rg"
  tar czf "$rgcache/ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz" -C "$tmp/copydesk-rgpkg" rg
  rm -rf "$CS_DIR"
  mkdir -p "$CS_DIR"
  printf '{"name":"copydesk-e2e-code-server","private":true}\n' >"$CS_DIR/package.json"
  # Native modules build against the installed node's headers, not headers from the web.
  if [ -z "${npm_config_nodedir:-}" ] && [ -f /usr/include/node/node_version.h ] \
    && [ "$(command -v node)" = /usr/bin/node ]; then
    export npm_config_nodedir=/usr
  fi
  # node-pty's postinstall runs `npx node-gyp`, which needs npm's "yes"; code-server's own
  # postinstall refuses to run as root under npm without "unsafe-perm".
  (cd "$CS_DIR" && npm_config_yes=true npm_config_unsafe_perm=true npm install --no-audit --no-fund --loglevel=error \
    "code-server@$CODE_SERVER_VERSION")
  "$CODE_SERVER" --version >/dev/null || die "code-server does not run after install"
  touch "$CS_DIR/.complete"
fi

# --- playwright-core ------------------------------------------------------------------------------
PW_DIR=$CACHE/playwright-core-$PLAYWRIGHT_VERSION
if [ ! -f "$PW_DIR/.complete" ]; then
  step "npm install playwright-core@$PLAYWRIGHT_VERSION into $PW_DIR"
  rm -rf "$PW_DIR"
  mkdir -p "$PW_DIR"
  printf '{"name":"copydesk-e2e-driver","private":true}\n' >"$PW_DIR/package.json"
  (cd "$PW_DIR" && npm install --no-audit --no-fund --loglevel=error "playwright-core@$PLAYWRIGHT_VERSION")
  touch "$PW_DIR/.complete"
fi

# --- copydesk and the extension ---------------------------------------------------------------------
if [ ! -x "$COPYDESK" ]; then
  if [ "$COPYDESK" = "$ROOT/target/release/copydesk" ]; then
    step "cargo build --release"
    (cd "$ROOT" && cargo build --release --quiet)
  else
    die "COPYDESK=$COPYDESK is not an executable"
  fi
fi

if [ "${COPYDESK_E2E_SKIP_BUILD:-}" != 1 ] || [ ! -f "$EXT/copydesk.vsix" ]; then
  step "npm ci && npm run package in editors/vscode"
  (cd "$EXT" && npm ci --no-audit --no-fund --loglevel=error && npm run --silent package)
fi
[ -f "$EXT/copydesk.vsix" ] || die "packaging did not produce editors/vscode/copydesk.vsix"

# --- the test ----------------------------------------------------------------------------------------
step "e2e test"
export COPYDESK CODE_SERVER
export CHROMIUM=${CHROMIUM:-$(command -v chromium)}
export VSIX=$EXT/copydesk.vsix
export PLAYWRIGHT_CORE=$PW_DIR/node_modules/playwright-core
exec node "$HERE/e2e.mjs"
