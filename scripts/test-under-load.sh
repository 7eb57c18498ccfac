#!/usr/bin/env bash
# Runs the README test command (scripts/test.sh) while a CPU hog keeps every
# core busy, then stops the hog. A suite that is only green on an idle machine
# is a flaky suite; this is how to find out.
#
#   ./scripts/test-under-load.sh [HOGS]
#
# HOGS: number of busy loops (default: the number of cores). Exits with the
# test command's status.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

hogs="${1:-$(nproc)}"
pids=()
stop_hogs() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait "${pids[@]}" 2>/dev/null || true
}
trap stop_hogs EXIT

for _ in $(seq "$hogs"); do
  # A busy loop in its own process, at normal priority, for as long as the suite runs.
  bash -c 'while :; do :; done' &
  pids+=("$!")
done
echo "[under load] ${hogs} busy loop(s) running (pids ${pids[*]}); load average: $(cut -d' ' -f1-3 /proc/loadavg)"

start=$(date +%s)
status=0
./scripts/test.sh || status=$?
echo "[under load] test command finished with status ${status} in $(( $(date +%s) - start ))s; load average: $(cut -d' ' -f1-3 /proc/loadavg)"
exit "$status"
