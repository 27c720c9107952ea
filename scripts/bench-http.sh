#!/usr/bin/env bash
# `make bench`, HTTP part: requests/s and p99 latency of `ecluse serve` under wrk, against a
# C libmicrohttpd "hello" server with the same thread model (the ceiling).
#   (a) one contact as JSON through the API, with a bearer token;
#   (b) a calendar feed of 500 appointments (/feeds/TOKEN.ics);
#   (c) the C ceiling.
# Targets: (a) >= 30% of (c); (b) >= 2,000 req/s; p99 < 50 ms at 64 connections.
# Usage: scripts/bench-http.sh [ECLUSE_RELEASE_BINARY]
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v wrk >/dev/null; then
    echo "Installing wrk (the HTTP load generator)"
    SUDO=""
    [ "$(id -u)" -eq 0 ] || SUDO="sudo"
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq wrk >/dev/null
fi
ecluse=${1:-.build/release/ecluse}
if [ ! -x "$ecluse" ]; then
    swift build -c release --product ecluse 2>&1 | grep -Ev '^\[[0-9]+/[0-9]+\]' || true
fi
duration=${BENCH_HTTP_SECONDS:-10}
connections=${BENCH_HTTP_CONNECTIONS:-64}

work=$(mktemp -d)
pids=()
cleanup() {
    for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; done
    rm -rf "$work"
}
trap cleanup EXIT

free_port() {
    python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

# The data: the shipped sample of invented contacts, a salesperson with 500 appointments
# with them over the next 60 days, an ics-feed destination, an admin with an API token.
cat >"$work/policy.yaml" <<'YAML'
controller: { name: Bench SARL }
purposes:
  meetings: { legal-basis: legitimate-interest }
destinations:
  agenda-feed: { kind: ics-feed, scope: per-user, residency: eu }
rules:
  - purpose: meetings
    to: agenda-feed
    appointment-details: [name, organisation, phone.mobile]
    erase-details: 30d after end
YAML
printf 'login,display_name,email\nalice,Alice Bench,alice@example.org\n' >"$work/users.csv"
python3 - "$work/agenda.ics" <<'PY'
import datetime, re, sys
emails = re.findall(r"^EMAIL[^:]*:(.+?)\r?$", open("sample/crm-export.vcf", encoding="utf-8").read(), re.M)
start = datetime.datetime.now(datetime.timezone.utc).replace(minute=0, second=0, microsecond=0)
lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Ecluse bench//EN"]
for number in range(500):
    begins = start + datetime.timedelta(hours=3 * number)
    ends = begins + datetime.timedelta(hours=1)
    lines += ["BEGIN:VEVENT", f"UID:bench-{number}@example.org", "DTSTAMP:20261201T000000Z",
              "DTSTART:" + begins.strftime("%Y%m%dT%H%M%SZ"), "DTEND:" + ends.strftime("%Y%m%dT%H%M%SZ"),
              f"SUMMARY:Visit {number}", "ORGANIZER:mailto:alice@example.org",
              "ATTENDEE:mailto:" + emails[number % len(emails)], "END:VEVENT"]
lines.append("END:VCALENDAR")
open(sys.argv[1], "w").write("\r\n".join(lines) + "\r\n")
PY
data="$work/data"
"$ecluse" --data "$data" init --policy "$work/policy.yaml" >/dev/null
"$ecluse" --data "$data" users import "$work/users.csv" >/dev/null
"$ecluse" --data "$data" import sample/crm-export.vcf "$work/agenda.ics" >/dev/null
ECLUSE_PASSWORD="bench-password-1" "$ecluse" --data "$data" user add bench-admin --role admin >/dev/null
token=$("$ecluse" --data "$data" token add bench-admin --name bench | head -n 1)
feed=$("$ecluse" --data "$data" feed issue alice | head -n 1)
feed_path="/${feed#http*://*/}"

port=$(free_port)
"$ecluse" --data "$data" serve --listen "127.0.0.1:$port" >"$work/serve.out" 2>"$work/serve.err" &
pids+=($!)
for _ in $(seq 1 100); do grep -q "listening on" "$work/serve.out" 2>/dev/null && break; sleep 0.1; done
base="http://127.0.0.1:$port"
contact=$(curl -sf -H "Authorization: Bearer $token" "$base/api/v1/contacts?limit=1" \
    | python3 -c 'import json, sys; print(json.load(sys.stdin)["items"][0]["id"])')
events=$(curl -sf "$base$feed_path" | grep -c "BEGIN:VEVENT")

cc -O2 -o "$work/hello-mhd" scripts/bench/hello-mhd.c $(pkg-config --cflags --libs libmicrohttpd)
hello_port=$(free_port)
"$work/hello-mhd" "$hello_port" &
pids+=($!)
sleep 0.3

# One wrk run: prints "requests/s p99-ms".
measure() {
    wrk -t2 -c"$connections" -d"${duration}s" --latency "$@" >"$work/wrk.out" 2>&1
    python3 - "$work/wrk.out" <<'PY'
import re, sys
text = open(sys.argv[1]).read()
rate = float(re.search(r"Requests/sec:\s*([\d.]+)", text).group(1))
value, unit = re.search(r"^\s*99%\s+([\d.]+)(us|ms|s)\s*$", text, re.M).groups()
p99 = float(value) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[unit]
errors = re.search(r"Non-2xx or 3xx responses:\s*(\d+)", text)
timeouts = re.search(r"timeout (\d+)", text)
print(f"{rate:.0f} {p99:.2f} {errors.group(1) if errors else 0} {timeouts.group(1) if timeouts else 0}")
PY
}

echo "HTTP under wrk: $(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores, $(uname -m), wrk -t2 -c$connections -d${duration}s"
read -r contact_rate contact_p99 contact_errors contact_timeouts < <(measure -H "Authorization: Bearer $token" "$base/api/v1/contacts/$contact")
read -r feed_rate feed_p99 feed_errors feed_timeouts < <(measure "$base$feed_path")
read -r hello_rate hello_p99 hello_errors hello_timeouts < <(measure "http://127.0.0.1:$hello_port/")
# wrk gives up on a request after 2 s and counts it as a timeout: its p99 is then at most 2 s.
row() { printf '  %-30s %8s req/s   p99 %8s ms   non-2xx %s   timeouts %s\n' "$@"; }
row "(a) contact JSON, /api/v1" "$contact_rate" "$contact_p99" "$contact_errors" "$contact_timeouts"
row "(b) feed, $events events" "$feed_rate" "$feed_p99" "$feed_errors" "$feed_timeouts"
row "(c) C libmicrohttpd hello" "$hello_rate" "$hello_p99" "$hello_errors" "$hello_timeouts"
# One feed at a time: the time a single request takes, with no queue in front of it.
for _ in 1 2 3; do curl -s -o /dev/null "$base$feed_path"; done
single=$(for _ in $(seq 1 10); do curl -s -o /dev/null -w '%{time_total}\n' "$base$feed_path"; done | sort -n | sed -n 5p)
printf '  %-30s %8.1f ms (median of 10, sequential)\n' "(b) one feed alone" "$(python3 -c "print($single * 1000)")"
# A guessed feed address and a revoked one must take the same time to refuse, so that timing
# tells nothing about which addresses exist: 2,000 of each, interleaved on one connection.
revoked=$("$ecluse" --data "$data" feed issue alice | head -n 1)
revoked_path="/${revoked#http*://*/}"
"$ecluse" --data "$data" feed issue alice >/dev/null  # makes a new one: the previous is revoked
python3 - "$port" "$revoked_path" <<'PY'
import http.client, secrets, base64, statistics, sys, time
port, revoked = int(sys.argv[1]), sys.argv[2]
connection = http.client.HTTPConnection("127.0.0.1", port)
timings = {"guessed": [], "revoked": []}
for number in range(4000):
    kind = "guessed" if number % 2 == 0 else "revoked"
    path = revoked if kind == "revoked" else "/feeds/" + base64.urlsafe_b64encode(secrets.token_bytes(32)).decode().rstrip("=") + ".ics"
    started = time.perf_counter()
    connection.request("GET", path)
    response = connection.getresponse()
    response.read()
    timings[kind].append(time.perf_counter() - started)
    assert response.status == 404, (kind, response.status)
guessed, revoked_median = statistics.median(timings["guessed"]), statistics.median(timings["revoked"])
print(f"  {'(b) unknown feed addresses':<30} guessed {guessed * 1e6:.0f} us, revoked {revoked_median * 1e6:.0f} us "
      f"(medians of 2,000 each, both 404): difference {abs(guessed - revoked_median) * 1e6:.0f} us")
PY
python3 - "$contact_rate" "$hello_rate" "$feed_rate" "$contact_p99" "$feed_p99" <<'PY'
import sys
contact, hello, feed, contact_p99, feed_p99 = map(float, sys.argv[1:])
ratio = contact / hello
verdict = lambda ok: "met" if ok else "MISSED"
print(f"  contact/ceiling ratio {ratio:.0%} (target >= 30%: {verdict(ratio >= 0.30)}); "
      f"feed {feed:,.0f} req/s (target >= 2,000: {verdict(feed >= 2000)}); "
      f"p99 target < 50 ms: contact {verdict(contact_p99 < 50)}, feed {verdict(feed_p99 < 50)}")
PY
