#!/usr/bin/env bash
# Runs every test: starts (or reuses) local Postgres and Redis, builds with warnings as errors,
# runs the unit and integration tests, and ends with one line "Tests: N passed, N failed, N skipped".
set -euo pipefail
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$repo"

tools/deps.sh start
eval "$(tools/deps.sh env)"

dotnet build Qweeby.Routing.sln -c Release -warnaserror -nologo -v quiet
mkdir -p .local
set +e
dotnet test Qweeby.Routing.sln -c Release --no-build -nologo "$@" 2>&1 | tee .local/test-output.log
status=${PIPESTATUS[0]}
set -e

# One closing line for every project's "Passed!/Failed!  - Failed: a, Passed: b, Skipped: c" summary.
awk -F'[:,]' '/(Passed|Failed)! +- Failed:/ { f += $2; p += $4; s += $6 }
  END { printf "Tests: %d passed, %d failed, %d skipped\n", p, f, s }' .local/test-output.log
exit "$status"
