#!/usr/bin/env bash
# Checks the JSON API against its own OpenAPI document with schemathesis: `ecluse serve` on a
# free loopback port, a temporary data folder with the shipped (invented) sample, an admin
# token; then generated requests to every route, each answer checked for no server error,
# a documented status, a documented content type and a body that fits its schema.
# Usage: scripts/run-schemathesis.sh [ECLUSE_BINARY]   (default .build/debug/ecluse)
set -euo pipefail
cd "$(dirname "$0")/.."

ecluse=${1:-.build/debug/ecluse}
[ -x "$ecluse" ] || { echo "error: $ecluse is missing; run \`swift build\` first" >&2; exit 1; }
command -v schemathesis >/dev/null || { echo "error: schemathesis is missing; run scripts/install-deps.sh" >&2; exit 1; }

work=$(mktemp -d)
server=""
cleanup() {
    if [ -n "$server" ]; then kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; fi
    rm -rf "$work"
}
trap cleanup EXIT

data="$work/data"
sed "s#http://127.0.0.1:5232/#http://127.0.0.1:9/#" sample/policy.yaml > "$work/policy.yaml"
"$ecluse" --data "$data" init --policy "$work/policy.yaml" >/dev/null
"$ecluse" --data "$data" users import sample/salespeople.csv >/dev/null
"$ecluse" --data "$data" import sample/crm-export.vcf sample/appointments.ics >/dev/null
ECLUSE_PASSWORD="schemathesis-password" "$ecluse" --data "$data" user add api-admin --role admin >/dev/null
token=$("$ecluse" --data "$data" token add api-admin --name schemathesis | head -n 1)

"$ecluse" --data "$data" serve --listen 127.0.0.1:0 >"$work/serve.out" 2>"$work/serve.err" &
server=$!
for _ in $(seq 1 100); do
    grep -q "listening on" "$work/serve.out" 2>/dev/null && break
    sleep 0.1
done
address=$(sed -n 's/^listening on //p' "$work/serve.out")
[ -n "$address" ] || { echo "error: ecluse serve did not start:" >&2; cat "$work/serve.err" >&2; exit 1; }

# From the temporary folder: schemathesis keeps its cache in the folder it runs in. One worker:
# with two, Python 3.11's ast module, used by the test generator from both threads, once failed
# with "AST constructor recursion depth mismatch" (a tool error, not a finding).
cd "$work"
schemathesis run "$address/api/v1/openapi.json" \
    --header "Authorization: Bearer $token" \
    --checks not_a_server_error,status_code_conformance,content_type_conformance,response_schema_conformance \
    --max-examples "${SCHEMATHESIS_EXAMPLES:-100}" \
    --seed 20261204 \
    --workers 1 \
    --request-timeout 10 \
    --no-color \
    --warnings off
