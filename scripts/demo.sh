#!/usr/bin/env bash
# The demo: the whole path on the shipped sample, as a new user would run it.
# Builds Ecluse, makes a fresh data folder, imports the sample CRM export, prints the plan,
# syncs to a folder (vdir) and to a real CardDAV and CalDAV server (Radicale, started here
# and stopped at the end), syncs again to show that nothing is left to do, syncs as if it
# were months later to show appointment details erased, verifies the ledger and prints a
# summary.
set -euo pipefail
cd "$(dirname "$0")/.."

swift build 2>&1 | grep -Ev '^\[[0-9]+/[0-9]+\]' || true
ecluse=".build/debug/ecluse"
[ -x "$ecluse" ] || { echo "error: the build failed; run \`swift build\` to see why" >&2; exit 1; }

data="demo-data"
rm -rf "$data"
mkdir -p "$data"
log="$data/ecluse.log"

# Radicale on a free loopback port, its storage inside the demo folder.
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')
scripts/start-radicale.sh "$port" "$data/radicale"
trap 'scripts/stop-radicale.sh "$data/radicale"' EXIT
export ECLUSE_CARDDAV_PASSWORD="demo-password"

sed "s#http://127.0.0.1:5232/#http://127.0.0.1:$port/#" sample/policy.yaml > "$data/sample-policy.yaml"

step() { printf '\n== %s\n' "$*"; }
run() { "$ecluse" --data "$data" --log-level info "$@" 2>>"$log"; }

step "ecluse init"
run init --policy "$data/sample-policy.yaml"
step "ecluse policy check"
run policy check
step "ecluse users import sample/salespeople.csv"
run users import sample/salespeople.csv
step "ecluse import: the CRM's vCard export, the same contacts as a Google CSV, an Outlook 2.1 export, the calendar"
run import sample/crm-export.vcf sample/crm-export.csv sample/outlook-export.vcf sample/appointments.ics \
    | tee "$data/import.txt"
step "ecluse appointments (the first week of December 2026)"
run appointments --from 2026-12-01 --to 2026-12-08 | tail -n 4
step "ecluse plan"
run plan
step "ecluse sync"
run sync | tee "$data/first-sync.txt"
step "ecluse sync (again: nothing should be left to do)"
run sync | tee "$data/second-sync.txt"
step "ecluse feed issue alice, ecluse serve: alice's calendar feed as her phone fetches it, today and on 2027-09-01"
feed_port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')
feed_url=$(run feed issue alice --base-url "http://127.0.0.1:$feed_port" | head -n 1)
# Starts `ecluse serve` at the time given (empty: now), fetches alice's feed, stops the server.
fetch_feed() {
    (
        [ -z "$1" ] || export ECLUSE_NOW="$1"
        exec "$ecluse" --data "$data" serve --listen "127.0.0.1:$feed_port" >"$data/serve.out" 2>>"$log"
    ) &
    local pid=$!
    for _ in $(seq 1 100); do grep -q '^listening' "$data/serve.out" 2>/dev/null && break; sleep 0.1; done
    curl -sS -o "$2" "$feed_url"
    kill "$pid"
    wait "$pid" 2>/dev/null || true
    echo "$(grep -c '^BEGIN:VEVENT' "$2") events, $(grep -c '^DESCRIPTION' "$2" || true) with contact details"
}
feed_today=$(fetch_feed "" "$data/alice-feed.ics")
feed_later=$(fetch_feed 2027-09-01T00:00:00Z "$data/alice-feed-later.ics")
echo "alice's feed today: $feed_today"
echo "alice's feed on 2027-09-01: $feed_later"

events_with_details() {
    { grep -l '^DESCRIPTION' "$data"/radicale/collections/collection-root/*/ecluse-agenda/*.ics || true; } | wc -l
}
details_before=$(events_with_details)
step "ecluse sync on 2027-09-01 (ECLUSE_NOW): the details of meetings that ended 90 days before are erased"
ECLUSE_NOW=2027-09-01T00:00:00Z run sync | tee "$data/later-sync.txt"
details_after=$(events_with_details)
step "ecluse ledger verify"
run ledger verify | tee "$data/verify.txt"

contacts=$(run contacts --json --limit 1000000 | python3 -c 'import json,sys; print(len(json.load(sys.stdin)))')
step "Summary"
echo "contacts imported: $contacts"
echo "warnings about lost data during import: $(grep -c 'warning:' "$data/import.txt" || true)"
python3 - "$data/first-sync.txt" <<'PY'
import re, sys
created = {}
for line in open(sys.argv[1]):
    m = re.match(r"^(\S+?)(?:/\S+)?: (\d+) created", line)
    if m:
        created[m.group(1)] = created.get(m.group(1), 0) + int(m.group(2))
for destination, count in created.items():
    print(f"copies created at {destination}: {count}")
PY
echo "second sync: $(tail -n 1 "$data/second-sync.txt")"
echo "calendar events carrying contact details: $details_before, then $details_after on 2027-09-01"
echo "alice's calendar feed: $feed_today; on 2027-09-01, $feed_later"
echo "$(cat "$data/verify.txt")"
scripts/check-log-privacy.py "$log" sample/crm-export.vcf
