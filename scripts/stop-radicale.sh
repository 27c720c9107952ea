#!/bin/sh
# Stops the Radicale that start-radicale.sh started in DIR, by the pid it recorded.
# Usage: scripts/stop-radicale.sh DIR
set -eu

if [ "$#" -ne 1 ]; then
    echo "usage: $0 DIR" >&2
    exit 2
fi
pidfile="$1/radicale.pid"
[ -f "$pidfile" ] || exit 0
pid=$(cat "$pidfile")

if kill "$pid" 2>/dev/null; then
    # Wait up to 5 seconds for a clean exit, then force it.
    tries=0
    while kill -0 "$pid" 2>/dev/null && [ "$tries" -lt 50 ]; do
        tries=$((tries + 1))
        sleep 0.1
    done
    if kill -0 "$pid" 2>/dev/null; then kill -9 "$pid"; fi
fi
rm -f "$pidfile"
