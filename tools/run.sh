#!/usr/bin/env bash
# Runs Qweeby Routing locally: Postgres and Redis, migrations, the demo directory, then the routing
# host (127.0.0.1:5080) and the admin host (127.0.0.1:5081) until Ctrl-C.
set -euo pipefail
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$repo"

tools/deps.sh start
eval "$(tools/deps.sh env)"

dotnet build Qweeby.Routing.sln -c Release -nologo -v quiet
server=src/Qweeby.Routing.Server/bin/Release/net10.0/Qweeby.Routing.Server.dll
admin=src/Qweeby.Routing.Admin/bin/Release/net10.0/Qweeby.Routing.Admin.dll

dotnet "$server" migrate
psql "host=127.0.0.1 port=${QWEEBY_PG_PORT:-5433} dbname=qweeby user=qweeby" -q -v ON_ERROR_STOP=1 -f tools/demo/demo-directory.sql
echo "run: demo directory loaded"
echo "run: a platform-administrator key for this session (send it as 'authorization: Bearer <token>'):"
dotnet tools/Qweeby.Routing.Cli/bin/Release/net10.0/qweeby.dll credentials create --name "demo $(date -u +%FT%TZ)" --role platform-administrator

dotnet "$admin" --Database:MigrateOnStart=false &
admin_pid=$!
dotnet "$server" --Database:MigrateOnStart=false &
server_pid=$!
trap 'kill $admin_pid $server_pid 2>/dev/null; wait' INT TERM EXIT
echo "run: routing host on http://127.0.0.1:5080, admin host on http://127.0.0.1:5081 (Ctrl-C stops both)"
wait -n $admin_pid $server_pid
