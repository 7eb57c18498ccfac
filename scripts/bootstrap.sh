#!/usr/bin/env bash
# Canopy bootstrap: makes this clone runnable on a machine that has only the OS's
# Node and npm. Source it (`. scripts/bootstrap.sh`) so the PATH it sets stays in
# effect; scripts/start.sh and scripts/test.sh do that for you.
#
# What it does, each step only when needed:
#   1. Node 22 from the npm registry into .tools/node when the system Node is older
#      than 22 (Backstage 1.55 requires Node 22 or 24).
#   2. Yarn through corepack at the version pinned in package.json "packageManager",
#      downloaded from the registry npm is configured with.
#   3. node-gyp pointed at the C headers of the Node in use (no header download).
#   4. `yarn install --immutable`.
# When everything is already in place it costs a few seconds.
# Set CANOPY_SKIP_INSTALL=1 to stop after step 3.

set -euo pipefail

CANOPY_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
CANOPY_TOOLS="$CANOPY_ROOT/.tools"
export CANOPY_ROOT

_canopy_log() { printf '[bootstrap] %s\n' "$*" >&2; }

_canopy_node_major() {
  command -v node >/dev/null 2>&1 || { echo 0; return; }
  node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0
}

# --- 1. Node -----------------------------------------------------------------
major="$(_canopy_node_major)"
if [ "$major" != 22 ] && [ "$major" != 24 ]; then
  local_node="$CANOPY_TOOLS/node/node_modules/node/bin/node"
  if [ ! -x "$local_node" ]; then
    command -v npm >/dev/null 2>&1 || { _canopy_log "npm is needed to fetch Node 22 (found Node major '$major')"; exit 1; }
    _canopy_log "system Node is '$major'; fetching Node 22 from the npm registry into .tools/node"
    mkdir -p "$CANOPY_TOOLS/node"
    npm install --prefix "$CANOPY_TOOLS/node" --no-save --no-package-lock \
      --no-audit --no-fund --loglevel=error node@22 >&2
  fi
  export PATH="$CANOPY_TOOLS/node/node_modules/node/bin:$PATH"
  # Headers shipped inside the same npm package, so node-gyp never downloads any.
  headers="$(ls -d "$CANOPY_TOOLS"/node/node_modules/node/node_modules/node-{linux,darwin,win}-* 2>/dev/null | head -n1 || true)"
  [ -n "$headers" ] && export npm_config_nodedir="$headers"
else
  # A system Node 22/24: use its own headers when the distribution ships them.
  node_prefix="$(dirname "$(dirname "$(command -v node)")")"
  if [ -f "$node_prefix/include/node/node_version.h" ]; then
    export npm_config_nodedir="$node_prefix"
  fi
fi
_canopy_log "node $(node --version) at $(command -v node)"

# --- 2. Yarn via corepack ------------------------------------------------------
if ! (cd "$CANOPY_ROOT" && yarn --version 2>/dev/null | grep -q '^4\.'); then
  mkdir -p "$CANOPY_TOOLS/bin"
  corepack enable --install-directory "$CANOPY_TOOLS/bin" yarn
  export PATH="$CANOPY_TOOLS/bin:$PATH"
fi
if [ -z "${COREPACK_NPM_REGISTRY:-}" ]; then
  registry="$(npm config get registry 2>/dev/null | sed 's#/$##' || true)"
  [ -n "$registry" ] && export COREPACK_NPM_REGISTRY="$registry"
fi
export COREPACK_ENABLE_DOWNLOAD_PROMPT=0 COREPACK_DEFAULT_TO_LATEST=0
_canopy_log "yarn $(cd "$CANOPY_ROOT" && yarn --version)"

# --- 3/4. Dependencies ---------------------------------------------------------
if [ "${CANOPY_SKIP_INSTALL:-0}" != 1 ]; then
  (cd "$CANOPY_ROOT" && yarn install --immutable >&2) || {
    _canopy_log "yarn install --immutable failed; if you changed package.json, run 'yarn install' and commit yarn.lock"
    exit 1
  }
fi
set +euo pipefail
