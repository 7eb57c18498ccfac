#!/usr/bin/env bash
# Runs Canopy's whole test suite, as CI does:
#   type-check (tsc:full), the generated OpenAPI files and the packages' API
#     reports up to date (openapi:check, api-reports:check), lint (lint:all,
#     and lint:cycles: no import cycle between source files),
#     formatting (prettier),
#   the OpenStack test bed (scripts/openstack-testbed.sh; needs root and Debian packages,
#     CANOPY_SKIP_OPENSTACK_TESTBED=1 opts out explicitly; it starts in the
#     background once the toolchain is installed, and the step waits for it
#     before the tests that use it),
#   unit + integration tests (Jest through backstage-cli; offline: `yarn test`),
#     and beside them, once the test bed is up:
#     the OpenStack test-bed tests (`yarn test:testbed`: Jest's *.e2e.test.ts
#     files, which `yarn test` leaves out), then the backend end-to-end tests
#     (Node's test runner: the real backend with the kubernetes backend, whose
#     ESM import Jest cannot load),
#   browser smoke test (headless Chromium through playwright-core),
#   README walkthrough (the README's quick-start commands run as written:
#     the portal starts, serves the catalog and the test bed's payments, stops),
#   adopter test (Canopy's packed packages installed into a fresh
#     @backstage/create-app app by following the READMEs; prints its phases;
#     the packages are packed after the checks, the app prepared in the
#     background from there on).
# Installs the toolchain, dependencies and Debian's Chromium first when needed.
# Ends with one line: "canopy: N passed, N failed".
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
mkdir -p artifacts
rm -f artifacts/testbed.log artifacts/testbed.rc artifacts/testbed.rc.tmp artifacts/chromium.log

ensure_chromium() {
  local chromium="${CHROMIUM_PATH:-/usr/bin/chromium}"
  [ -x "$chromium" ] && return 0
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "[test] installing Debian's chromium for the browser smoke test"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  else
    echo "[test] Chromium is missing at $chromium: install Debian's 'chromium' package or set CHROMIUM_PATH" >&2
    return 1
  fi
}


suite_start=$(date +%s)
. scripts/bootstrap.sh
set -euo pipefail

# The OpenStack test bed, then Debian's Chromium for the browser test, start
# now, in the background: they mostly wait on Debian's packages and on daemons,
# on the core the checks below (one process each) leave free. One after the
# other, as both use apt. Their log: artifacts/testbed.log.
testbed_started=$(date +%s)
(
  rc=0
  ./scripts/openstack-testbed.sh || rc=$?
  echo "[test] test bed ready after $(( $(date +%s) - testbed_started ))s (exit $rc)"
  ensure_chromium > artifacts/chromium.log 2>&1 || true
  # Written whole, then renamed: a reader never sees it half written.
  echo "$rc" > artifacts/testbed.rc.tmp && mv artifacts/testbed.rc.tmp artifacts/testbed.rc
) > artifacts/testbed.log 2>&1 &
testbed=$!

# The PostgreSQL cases of the Jest tests (the backend boot test, the delivery
# store) run when this names a server: here the machine's loopback one.
export CANOPY_TEST_POSTGRES_URL="${CANOPY_TEST_POSTGRES_URL:-postgres://postgres@127.0.0.1:5432/postgres}"

rm -f artifacts/jest-results.json artifacts/jest-testbed-results.json artifacts/e2e-results.txt artifacts/backend-e2e-results.txt artifacts/walkthrough-results.txt artifacts/adopter-results.txt artifacts/adopter-prepare.log
failed_steps=()

step() {
  local name="$1"; shift
  local t0; t0=$(date +%s)
  echo; echo "=== ${name} ==="
  if "$@"; then
    echo "=== ${name}: ok ($(( $(date +%s) - t0 ))s) ==="
  else
    echo "=== ${name}: FAILED ($(( $(date +%s) - t0 ))s) ==="
    failed_steps+=("$name")
  fi
}

# Waits for the background test bed (and Chromium), then shows their log.
testbed_ready() {
  while [ ! -e artifacts/testbed.rc ] && kill -0 "$testbed" 2>/dev/null; do sleep 2; done
  cat artifacts/testbed.log
  [ -e artifacts/testbed.rc ] || { echo "[test] the test bed's start ended without a result"; return 1; }
  return "$(cat artifacts/testbed.rc)"
}

step "type-check" yarn tsc:full
# After the type-check, whose declarations (dist-types) the API reports read.
step "API contract and reports" bash -c 'yarn openapi:check && yarn api-reports:check'
step "lint" bash -c 'yarn lint:all && yarn lint:cycles'
step "format" yarn prettier:check

# The adopter test's app (packing Canopy's packages, a fresh create-app app,
# its yarn install and the READMEs' steps) is prepared in the background from
# here on. Its log: artifacts/adopter-prepare.log.
adopter_work=$(mktemp -d "${TMPDIR:-/tmp}/canopy-adopter-XXXXXX")
# The type-check just wrote every package's declarations (dist-types), which
# the packages' builds read: the preparation does not write them again.
types_fresh=1
for s in "${failed_steps[@]}"; do [ "$s" = type-check ] && types_fresh=0; done
CANOPY_DIST_TYPES_FRESH=$types_fresh node e2e/adopter/prepare.mts "$adopter_work" > artifacts/adopter-prepare.log 2>&1 &
adopter_prepare=$!
# `yarn pack` rewrites each package.json while it runs: nothing that reads the
# workspace's packages (the checks above, the tests below) runs meanwhile; the
# tests start once the packing is over (or the preparation ended without it).
pack_started=$(date +%s)
while [ ! -e "$adopter_work/packed" ] && kill -0 "$adopter_prepare" 2>/dev/null; do sleep 2; done
echo "[test] adopter packages packed in $(( $(date +%s) - pack_started ))s"

# The tests of the test bed run beside the unit tests: they mostly wait on
# OpenStack, and leave a core the unit tests use. They touch nothing the unit
# tests read (their own ports and databases; the unit tests are offline).
# Their output is shown once the unit tests are over; the steps that failed
# come back through artifacts/testbed-lane.failed.
rm -f artifacts/testbed-lane.log artifacts/testbed-lane.failed
(
  failed_steps=()
  step "OpenStack test bed" testbed_ready
  step "OpenStack test-bed tests" env CI=true yarn test:testbed --json --outputFile="$PWD/artifacts/jest-testbed-results.json"
  step "backend end-to-end tests" bash -o pipefail -c 'yarn test:backend-e2e > artifacts/backend-e2e-results.txt'
  cat artifacts/backend-e2e-results.txt
  printf '%s\n' "${failed_steps[@]}" > artifacts/testbed-lane.failed
) > artifacts/testbed-lane.log 2>&1 &
testbed_lane=$!
step "unit and integration tests" env CI=true yarn test --json --outputFile="$PWD/artifacts/jest-results.json"
wait "$testbed_lane" || true
cat artifacts/testbed-lane.log
while IFS= read -r s; do [ -n "$s" ] && failed_steps+=("$s"); done < <(cat artifacts/testbed-lane.failed 2>/dev/null || echo "OpenStack test-bed tests")
step "README walkthrough" bash -o pipefail -c 'yarn test:walkthrough | tee artifacts/walkthrough-results.txt'
if ensure_chromium; then
  step "browser smoke test" bash -o pipefail -c 'yarn test:e2e | tee artifacts/e2e-results.txt'
  wait "$adopter_prepare" || true
  step "adopter test" env CANOPY_ADOPTER_PREPARED="$adopter_work" bash -o pipefail -c 'yarn test:adopter | tee artifacts/adopter-results.txt'
else
  kill "$adopter_prepare" 2>/dev/null || true
  failed_steps+=("browser smoke test" "adopter test")
fi

echo "total time: $(( $(date +%s) - suite_start ))s"
[ ${#failed_steps[@]} -gt 0 ] && echo "failed steps: ${failed_steps[*]}"

# One closing line for humans and CI, from the runners' own results.
node -e '
const fs = require("fs");
let passed = 0, failed = 0;
for (const file of ["artifacts/jest-results.json", "artifacts/jest-testbed-results.json"]) {
  try {
    const j = JSON.parse(fs.readFileSync(file, "utf8"));
    passed += j.numPassedTests;
    failed += j.numFailedTests + j.numRuntimeErrorTestSuites;
  } catch { failed += 1; }
}
for (const file of ["artifacts/backend-e2e-results.txt", "artifacts/e2e-results.txt", "artifacts/walkthrough-results.txt", "artifacts/adopter-results.txt"]) {
  try {
    const e = fs.readFileSync(file, "utf8");
    const count = name => { const m = e.match(new RegExp("^\\S*\\s*" + name + " (\\d+)$", "m")); return m ? Number(m[1]) : undefined; };
    passed += count("pass") ?? 0;
    failed += count("fail") ?? 1;
  } catch { failed += 1; }
}
console.log(`canopy: ${passed} passed, ${failed} failed`);
'
[ ${#failed_steps[@]} -eq 0 ]
