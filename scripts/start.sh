#!/usr/bin/env bash
# Starts the Canopy portal for local development: frontend on
# http://localhost:3000, backend on http://localhost:7007 (SQLite in memory,
# guest sign-in). Installs the toolchain and dependencies first when needed.
#
#   ./scripts/start.sh                 the portal alone: no OpenStack cloud is
#                                      configured, so the OpenStack pages and
#                                      pickers say so
#   ./scripts/start.sh --with-testbed  first brings up Canopy's local OpenStack
#                                      test bed (scripts/openstack-testbed.sh)
#                                      and points the portal at it, with the
#                                      test bed's components in the catalog
#
# Other arguments are passed to `yarn start`. A relative `--config FILE` is
# taken from the folder you run this script in: `backstage-cli repo start` would
# otherwise resolve it from each package's own folder (packages/backend/FILE).
set -euo pipefail
invoked_from="$PWD"
cd "$(dirname "${BASH_SOURCE[0]}")/.."

absolute() { case "$1" in /*) printf '%s' "$1" ;; *) printf '%s/%s' "$invoked_from" "$1" ;; esac; }
with_testbed=0
args=()
while [ $# -gt 0 ]; do
  case "$1" in
    --with-testbed) with_testbed=1 ;;
    --config)
      [ $# -ge 2 ] || { echo "Canopy: --config needs a file" >&2; exit 2; }
      args+=(--config "$(absolute "$2")"); shift ;;
    --config=*) args+=(--config "$(absolute "${1#--config=}")") ;;
    *) args+=("$1") ;;
  esac
  shift
done

if [ "$with_testbed" = 1 ]; then
  cat >&2 <<'EOF'
Canopy: starting with the local OpenStack test bed.
  It runs Keystone, Glance, Nova (fake driver), Neutron, Cinder, Octavia and
  Placement from Debian's packages on 127.0.0.1, so it needs root and apt on
  Debian or Ubuntu. The first start installs the packages and takes about 4 to
  5 minutes; while it runs, a later start only checks it (seconds); after
  sudo testbed/openstack/down.sh, a start takes about 1 to 2 minutes.
EOF
  if [ "$(id -u)" != 0 ]; then
    echo "Canopy: --with-testbed needs root (run it with sudo)." >&2
    exit 1
  fi
fi

t0=$(date +%s)
. scripts/bootstrap.sh
set -euo pipefail
echo "[start] toolchain and dependencies ready after $(( $(date +%s) - t0 ))s" >&2

if [ "$with_testbed" = 1 ]; then
  ./scripts/openstack-testbed.sh
  echo "[start] test bed ready after $(( $(date +%s) - t0 ))s" >&2
  args=(--config "$PWD/app-config.yaml" --config "$PWD/app-config.testbed.yaml" "${args[@]}")
  echo "Canopy is starting against the test bed: open http://localhost:3000, choose 'Enter', and look at the components payments, shop and batch, or Create -> OpenStack virtual machines." >&2
else
  echo "Canopy is starting: open http://localhost:3000 and choose 'Enter' to sign in as guest. No OpenStack cloud is configured; ./scripts/start.sh --with-testbed brings up a local one." >&2
fi
exec yarn start "${args[@]}"
