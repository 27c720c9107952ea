#!/usr/bin/env bash
# `make bench`: figures for the walking skeleton, on the shipped sample (2,000 contacts).
# Prints the import rate, the wall and CPU time of a first and a no-change sync to a vdir, and
# each step's peak memory. Compare figures as ratios measured in one run: the machine is shared.
set -euo pipefail
cd "$(dirname "$0")/.."

command -v /usr/bin/time >/dev/null || { apt-get install -y -qq time >/dev/null; }
swift build -c release --product ecluse 2>&1 | grep -Ev '^\[[0-9]+/[0-9]+\]' || true
swift build -c release --product ecluse-bench 2>&1 | grep -Ev '^\[[0-9]+/[0-9]+\]' || true
ecluse=".build/release/ecluse"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cat > "$work/policy.yaml" <<'YAML'
controller: { name: Bench SARL }
purposes:
  directory: { legal-basis: contract }
destinations:
  team-folder: { kind: vdir, path: out/team-folder, residency: eu }
rules:
  - purpose: directory
    to: team-folder
    subjects: { tags-any: [customer, prospect, partner, supplier] }
    fields: [name, organisation, title, phone.work, phone.mobile, email.work, address.work]
YAML

measure() { # label, then the command; prints wall, user+sys CPU and peak RSS
    local label=$1; shift
    /usr/bin/time -f "%e %U %S %M" -o "$work/time" "$@" >"$work/out" 2>"$work/err" \
        || { echo "error: $label failed:"; cat "$work/err"; exit 1; }
    read -r wall user sys rss <"$work/time"
    cpu=$(python3 -c "print(f'{$user + $sys:.2f}')")
    printf '%-28s wall %6.2f s   cpu %6s s   peak %6.1f MiB\n' "$label" "$wall" "$cpu" "$(python3 -c "print($rss/1024)")"
    echo "$wall"> "$work/last-wall"
}

echo "ecluse bench: $(date -u +%Y-%m-%dT%H:%MZ) on $(nproc) cores, $(uname -m), sample of $(grep -c BEGIN:VCARD sample/crm-export.vcf) contacts"
"$ecluse" --data "$work/data" init --policy "$work/policy.yaml" >/dev/null
measure "import sample" "$ecluse" --data "$work/data" import sample/crm-export.vcf
cards=$(grep -c BEGIN:VCARD sample/crm-export.vcf)
python3 -c "print(f'{\"import rate\":<28} {$cards / max(float(open(\"$work/last-wall\").read()), 1e-3):,.0f} contacts/s')"
measure "re-import (no change)" "$ecluse" --data "$work/data" import sample/crm-export.vcf
measure "first sync to vdir" "$ecluse" --data "$work/data" sync
copies=$(ls "$work/data/out/team-folder" | wc -l)
measure "no-change sync to vdir" "$ecluse" --data "$work/data" sync
grep -q "0 created, 0 updated, 0 deleted" "$work/out" || { echo "error: the no-change sync changed something"; exit 1; }
echo "copies written: $copies"

echo
echo "import of 100,000 generated vCards (targets: parse >= 50,000/s, parse and store >= 20,000/s, < 500 MiB)"
.build/release/ecluse-bench vcard-import 100000 | sed 's/^/  in process: /'
.build/release/ecluse-bench generate 100000 "$work/generated.vcf"
"$ecluse" --data "$work/big" init >/dev/null
measure "ecluse import (100,000)" "$ecluse" --data "$work/big" import "$work/generated.vcf"
python3 -c "print(f'{\"ecluse import rate\":<28} {100000 / max(float(open(\"$work/last-wall\").read()), 1e-3):,.0f} contacts/s (process start included)')"

echo
echo "policy decision (target: 100,000 contacts for a per-user destination of 20 users under 2 s)"
.build/release/ecluse-bench decide 100000 | sed 's/^/  /'

echo
scripts/bench-vdirsyncer.sh "$ecluse" .build/release/ecluse-bench

echo
scripts/bench-http.sh "$ecluse"
