#!/bin/sh
# Starts Radicale on 127.0.0.1:PORT with its storage in DIR, no authentication, for tests and
# benchmarks. Writes DIR/radicale.pid and DIR/radicale.log; stop it with stop-radicale.sh DIR.
# Usage: scripts/start-radicale.sh PORT DIR
set -eu

if [ "$#" -ne 2 ]; then
    echo "usage: $0 PORT DIR" >&2
    exit 2
fi
port=$1
dir=$2

if ! python3 -c 'import radicale' 2>/dev/null; then
    echo "Radicale is not installed: run 'make deps' to install it." >&2
    exit 1
fi

mkdir -p "$dir/collections"
# --config "" keeps a developer's own Radicale configuration out of the way.
python3 -m radicale --config "" \
    --server-hosts "127.0.0.1:$port" \
    --storage-filesystem-folder "$dir/collections" \
    --auth-type none \
    >"$dir/radicale.log" 2>&1 &
echo $! >"$dir/radicale.pid"

# Wait until it answers (any HTTP status will do), for at most 20 seconds.
tries=0
until curl --silent --output /dev/null --max-time 1 "http://127.0.0.1:$port/"; do
    tries=$((tries + 1))
    if [ "$tries" -ge 200 ] || ! kill -0 "$(cat "$dir/radicale.pid")" 2>/dev/null; then
        echo "Radicale did not start on 127.0.0.1:$port; see $dir/radicale.log" >&2
        exit 1
    fi
    sleep 0.1
done
echo "Radicale listening on http://127.0.0.1:$port/ (pid $(cat "$dir/radicale.pid"))"
