#!/usr/bin/env bash
# Brings up Canopy's OpenStack test bed (testbed/openstack/up.sh: Keystone, Glance, Nova,
# Neutron, Cinder, Octavia, Placement on 127.0.0.1) and seeds it with tagged resources
# (testbed/openstack/seed.py -> .testbed/openstack/seed.json) for the OpenStack backend
# plugin's integration tests and benchmark.
#
# Needs root and Debian/Ubuntu with Debian's OpenStack packages reachable through apt.
# Where that is missing it fails and names what is missing. The only way to go without it
# is the explicit opt-out CANOPY_SKIP_OPENSTACK_TESTBED=1, which makes the integration
# tests report that they were not run.
#
# Keystone tokens live OSL_TOKEN_EXPIRATION seconds (default here: 60) so that the tests
# see tokens expire mid-run.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export OSL_STATE="${OSL_STATE:-$ROOT/.testbed/openstack}"
export OSL_TOKEN_EXPIRATION="${OSL_TOKEN_EXPIRATION:-60}"
# No bytecode next to the seed scripts in the working tree.
export PYTHONDONTWRITEBYTECODE=1

if [ "${CANOPY_SKIP_OPENSTACK_TESTBED:-0}" = 1 ]; then
  echo "[testbed] CANOPY_SKIP_OPENSTACK_TESTBED=1: not starting the OpenStack test bed; its tests will say they were not run"
  exit 0
fi

missing=()
[ "$(id -u)" = 0 ] || missing+=("root privileges (up.sh installs Debian packages and starts daemons)")
command -v apt-get >/dev/null 2>&1 || missing+=("apt-get (a Debian or Ubuntu system)")
[ -x /usr/bin/python3 ] || missing+=("/usr/bin/python3 (Debian's Python, used by the OpenStack services)")
if [ ${#missing[@]} -gt 0 ]; then
  echo "[testbed] cannot start the OpenStack test bed; missing:" >&2
  for m in "${missing[@]}"; do echo "[testbed]   - $m" >&2; done
  echo "[testbed] set CANOPY_SKIP_OPENSTACK_TESTBED=1 to run the suite without the OpenStack integration tests" >&2
  exit 1
fi

mkdir -p "$OSL_STATE"
t0=$(date +%s)

# A test bed this script already brought up and seeded, from the same scripts and
# settings, whose daemons all still run, is only checked: seed.py --check reads back
# what seed.json says is there (and gives the organisation in Keystone again). Anything
# else, or a check that finds a difference, runs the whole start below.
STAMP="$OSL_STATE/up.fingerprint"
fingerprint() {
  { cat "$ROOT"/testbed/openstack/*.sh "$ROOT"/testbed/openstack/*.py "$ROOT/scripts/openstack-testbed.sh"
    echo "$OSL_TOKEN_EXPIRATION ${OSL_OCTAVIA:-1} ${OSL_PASSWORD:-secret}"; } | sha256sum | cut -d' ' -f1
}
daemons_alive() {
  local f n=0
  for f in "$OSL_STATE"/run/*.pid; do
    [ -s "$f" ] && kill -0 "$(cat "$f")" 2>/dev/null || return 1
    n=$((n + 1))
  done
  [ "$n" -gt 0 ]
}
if [ -s "$STAMP" ] && [ "$(cat "$STAMP")" = "$(fingerprint)" ] && [ -s "$OSL_STATE/seed.json" ] && daemons_alive; then
  if /usr/bin/python3 "$ROOT/testbed/openstack/seed.py" --check < "$OSL_STATE/seed.json"; then
    echo "[testbed] already up and seeded; checked in $(( $(date +%s) - t0 ))s"
    exit 0
  fi
  echo "[testbed] up, but not as seeded: starting it again"
fi
rm -f "$STAMP"
if ! "$ROOT/testbed/openstack/up.sh" > "$OSL_STATE/../openstack-up.log" 2>&1; then
  tail -40 "$OSL_STATE/../openstack-up.log" >&2
  echo "[testbed] up.sh failed; full log: $OSL_STATE/../openstack-up.log" >&2
  exit 1
fi
grep -E '^\[up +[0-9]+s\] (packages installed|all services up)' "$OSL_STATE/../openstack-up.log" | sed 's/^/[testbed] /' || true
echo "[testbed] OpenStack up in $(( $(date +%s) - t0 ))s"
t1=$(date +%s)
/usr/bin/python3 "$ROOT/testbed/openstack/seed.py" > "$OSL_STATE/seed.json.tmp"
mv "$OSL_STATE/seed.json.tmp" "$OSL_STATE/seed.json"
echo "[testbed] seeded in $(( $(date +%s) - t1 ))s"
fingerprint > "$STAMP"
