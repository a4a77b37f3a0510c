#!/usr/bin/env bash
# Runs the benchmark (README, Performance): starts (or reuses) local Postgres and Redis, builds the
# bench tool, then measures every scenario against its same-run baseline at 10 thousand and 5 million
# entities and prints the table. Extra arguments go to qweeby-bench (--quick, --sizes, --rounds, --help).
# The 5M database (about 7 GB) is loaded on the first run and reused afterwards.
set -euo pipefail
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$repo"

tools/deps.sh start
eval "$(tools/deps.sh env)"

dotnet build tools/Qweeby.Routing.Bench -c Release -nologo -v quiet
exec dotnet tools/Qweeby.Routing.Bench/bin/Release/net10.0/qweeby-bench.dll "$@"
