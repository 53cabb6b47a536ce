#!/usr/bin/env bash
# Installs what the editor suites need, on a bare Debian 12 machine with only the
# npm registry and apt reachable (recipes from the team guide EDITOR-TESTS.md):
#   - apt: chromium (driven by playwright-core), neovim (second LSP client),
#     libkrb5-dev + pkg-config (code-server's kerberos module builds against them),
#     ripgrep (stands in for @vscode/ripgrep, whose postinstall downloads from GitHub),
#     build-essential + python3 (node-gyp builds code-server's native modules);
#   - code-server 4.100.3 (VS Code 1.100.3, the newest that runs on node 20) into a
#     cache outside the repo: ${CPT_LENS_CACHE:-$HOME/.cache/cpt-lens}/code-server-4.100.3.
# Idempotent and quick when warm: `dpkg -s` and a stamp file written last, so an
# interrupted install is redone from scratch. Prints the code-server entry point.
set -euo pipefail

CODE_SERVER_VERSION=4.100.3
APT_PACKAGES=(chromium neovim libkrb5-dev ripgrep pkg-config build-essential python3)
CACHE=${CPT_LENS_CACHE:-$HOME/.cache/cpt-lens}
DEST=$CACHE/code-server-$CODE_SERVER_VERSION
STAMP=$DEST/.cpt-lens-installed
ENTRY=$DEST/node_modules/code-server/out/node/entry.js
LOG=$CACHE/install.log

log() { printf 'install-editor-deps: %s\n' "$*" >&2; }

# Runs a noisy step with its output in a log file; shows the tail only on failure.
quietly() {
  local what=$1; shift
  if ! "$@" >>"$LOG" 2>&1; then
    log "FAILED: $what (last lines of $LOG follow)"
    tail -n 40 "$LOG" >&2
    exit 1
  fi
}

# --- apt packages -------------------------------------------------------------
missing=()
for pkg in "${APT_PACKAGES[@]}"; do
  dpkg -s "$pkg" 2>/dev/null | grep -q '^Status: install ok installed' || missing+=("$pkg")
done
if ((${#missing[@]} > 0)); then
  SUDO=()
  if [[ $(id -u) -ne 0 ]]; then
    command -v sudo >/dev/null || { log "need root or sudo to apt-get install ${missing[*]}"; exit 1; }
    SUDO=(sudo)
  fi
  log "apt-get install ${missing[*]}"
  # Another job may hold the dpkg lock (parallel CI steps): wait for it instead of failing.
  APT=("${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive apt-get -q -o DPkg::Lock::Timeout=600)
  mkdir -p "$CACHE"
  : >"$LOG"
  quietly "apt-get update" "${APT[@]}" update
  quietly "apt-get install" "${APT[@]}" install -y "${missing[@]}"
fi

# --- code-server --------------------------------------------------------------
if [[ -f $STAMP ]]; then
  echo "code-server $CODE_SERVER_VERSION: $ENTRY"
  exit 0
fi

mkdir -p "$CACHE"
# Two suites started at once must not install into the same folder together.
exec 9>"$CACHE/.code-server-$CODE_SERVER_VERSION.lock"
flock 9
if [[ -f $STAMP ]]; then # the other installer finished while we waited
  echo "code-server $CODE_SERVER_VERSION: $ENTRY"
  exit 0
fi

started=$SECONDS
log "installing code-server $CODE_SERVER_VERSION into $DEST (about a minute; log in $CACHE/install.log)"
rm -rf "$DEST"
mkdir -p "$DEST"
: >"$LOG"
# node-pty's install script runs `npx`; this machine's npmrc says yes=false.
export npm_config_yes=true npm_config_audit=false npm_config_fund=false npm_config_update_notifier=false
# node-gyp must use the installed Node headers: its default downloads them from nodejs.org.
node_bin=$(command -v node)
if [[ -z ${npm_config_nodedir:-} && -f ${node_bin%/bin/node}/include/node/node_version.h ]]; then
  export npm_config_nodedir=${node_bin%/bin/node}
fi
NPM_INSTALL=(npm install --no-audit --no-fund --loglevel=error)

cd "$DEST"
quietly "npm init" npm init -y
# --ignore-scripts: code-server's own postinstall refuses root and @vscode/ripgrep's
# downloads from GitHub; the native modules are rebuilt explicitly below.
quietly "npm install code-server" "${NPM_INSTALL[@]}" --ignore-scripts "code-server@$CODE_SERVER_VERSION"
quietly "npm rebuild argon2" npm rebuild argon2

cd node_modules/code-server/lib/vscode
quietly "npm install (vscode)" "${NPM_INSTALL[@]}" --omit=dev --ignore-scripts
mapfile -t native < <(ls -d node_modules/*/binding.gyp node_modules/@*/*/binding.gyp 2>/dev/null \
  | xargs -n1 dirname | sed 's|^node_modules/||' | grep -v '^@vscode/windows-')
quietly "npm rebuild ${native[*]}" npm rebuild "${native[@]}"
mkdir -p node_modules/@vscode/ripgrep/bin
ln -sf "$(command -v rg)" node_modules/@vscode/ripgrep/bin/rg
# The server loads native modules from node_modules.asar in a packaged build.
rm -rf node_modules.asar && ln -s node_modules node_modules.asar
(cd bin/remote-cli && ln -sf code-linux.sh code-server)
(cd bin/helpers && ln -sf browser-linux.sh browser.sh)
(cd extensions && quietly "npm install (built-in extensions)" "${NPM_INSTALL[@]}" --omit=dev)

[[ -f $ENTRY ]] || { log "FAILED: $ENTRY missing after install"; exit 1; }
date -u +%FT%TZ >"$STAMP"
log "code-server installed in $((SECONDS - started)) s"
echo "code-server $CODE_SERVER_VERSION: $ENTRY"
