#!/usr/bin/env bash
# Starts the Canopy portal for local development: frontend on
# http://localhost:3000, backend on http://localhost:7007 (SQLite in memory,
# guest sign-in). Installs the toolchain and dependencies first when needed.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
. scripts/bootstrap.sh
echo "Canopy is starting: open http://localhost:3000 and choose 'Enter' to sign in as guest." >&2
exec yarn start "$@"
