#!/usr/bin/env bash
# `npm run test:future`: the whole suite with the machine's clock moved ahead (default a year), for every process —
# node, tsc, vitest's workers and the DynamoDB Local JVM — through libfaketime (Debian's `faketime`). A suite that
# is green today and red next month is broken today (issue 11). Usage: npm run test:future [-- +730d]
set -euo pipefail
cd "$(dirname "$0")/.."
offset="${1:-+365d}"
if ! command -v faketime >/dev/null; then
  echo "faketime is not installed: apt-get install -y faketime (Debian), then run again" >&2
  exit 1
fi
# Monotonic clocks move by the same constant offset (durations stay true). FORCE_MONOTONIC_FIX is what lets the
# JVM of DynamoDB Local start under libfaketime; with FAKETIME_DONT_FAKE_MONOTONIC it hangs before listening.
export FAKETIME_FORCE_MONOTONIC_FIX=1
now=$(faketime -f "$offset" node -e 'console.log(new Date().toISOString())')
echo "test:future: wall clock of every process moved $offset (node sees $now)"
exec faketime -f "$offset" npm test
