#!/usr/bin/env bash
# Part of `make bench`: Ecluse and vdirsyncer side by side in one run, on the same generated
# contacts and the same machine: (a) 10,000 contacts, Ecluse's vdir destination against
# vdirsyncer's filesystem-to-filesystem pair; (b) 1,000 contacts to one local Radicale, with the
# server's CPU measured apart from the client's.
#
# Three phases each: a first sync, a no-change re-sync, and a sync after 100 contacts changed;
# wall and CPU (user + system) time of each. Targets (issue 5): Ecluse's CPU at least 5 times
# lower than vdirsyncer's in every phase, and a no-change re-sync under 0.5 s wall.
#
# The work differs: Ecluse syncs from its store, applies a policy, writes only allowed fields
# and records each change in its ledger; vdirsyncer copies files as they are. Both write one
# file per contact and both compare what is there before writing.
#
# Usage: scripts/bench-vdirsyncer.sh ECLUSE ECLUSE_BENCH (release binaries)
set -euo pipefail
ecluse=$1
bench=$2
count=10000

if ! python3 -c "import vdirsyncer" 2>/dev/null; then
    echo "Installing vdirsyncer for the comparison (once)"
    python3 -m pip install --quiet --disable-pip-version-check vdirsyncer
fi
vdirsyncer_version=$(python3 -c "import vdirsyncer; print(vdirsyncer.__version__)")

work=$(mktemp -d)
folders=$work
trap 'umount "$work/fs" 2>/dev/null || true; rm -rf "$work"' EXIT

# The folder half runs on a file system made for this run when the machine allows it (root,
# loop devices): creating a file on a shared ext4 where other processes deleted many files
# lately costs the kernel a search for a free inode, which took more than half of both tools'
# CPU time and says nothing about either tool. Otherwise it runs where the rest runs.
folders_on="the temporary folder's file system"
if [ "$(id -u)" = 0 ] && command -v mkfs.ext4 >/dev/null && truncate -s 1G "$work/fs.img" \
    && mkfs.ext4 -q -F "$work/fs.img" 2>/dev/null && mkdir -p "$work/fs" \
    && mount -o loop "$work/fs.img" "$work/fs" 2>/dev/null; then
    folders=$work/fs
    folders_on="a fresh ext4 file system on a loop device"
fi

# Prints "wall cpu" for the command, its output kept in $work/out.
timed() {
    /usr/bin/time -f "%e %U %S" -o "$work/time" "$@" >"$work/out" 2>&1 \
        || { echo "error: '$*' failed:" >&2; tail -5 "$work/out" >&2; exit 1; }
    read -r wall user sys <"$work/time"
    python3 -c "print(f'{$wall:.2f} {$user + $sys:.2f}')"
}

# The same contacts for both: one vCard file, then one file per card for vdirsyncer's source.
"$bench" generate "$count" "$work/contacts.vcf"
split_cards() { # vcf file, folder: one UID.vcf per card
    python3 - "$1" "$2" <<'PY'
import os, sys
source, folder = sys.argv[1], sys.argv[2]
os.makedirs(folder, exist_ok=True)
card = []
for line in open(source, encoding="utf-8"):
    card.append(line)
    if line.startswith("END:VCARD"):
        uid = next(l for l in card if l.startswith("UID:"))[4:].strip()
        with open(os.path.join(folder, uid + ".vcf"), "w", encoding="utf-8") as out:
            out.writelines(card)
        card = []
PY
}
change_hundred() { # vcf file in, vcf file out: the first 100 cards get a new title
    python3 - "$1" "$2" <<'PY'
import sys
seen = 0
with open(sys.argv[2], "w", encoding="utf-8") as out:
    for line in open(sys.argv[1], encoding="utf-8"):
        if line.startswith("BEGIN:VCARD"):
            seen += 1
        if line.startswith("TITLE:") and seen <= 100:
            line = "TITLE:Directrice des achats\n"
        out.write(line)
PY
}
change_hundred "$work/contacts.vcf" "$work/changed.vcf"

# Ecluse: the store holds the contacts; the policy sends every field a phone book needs.
cat >"$work/policy.yaml" <<'YAML'
controller: { name: Bench SARL }
purposes:
  directory: { legal-basis: contract }
destinations:
  folder: { kind: vdir, path: out/folder, residency: eu }
rules:
  - purpose: directory
    to: folder
    fields: [name, organisation, title, phone.work, phone.mobile, email.work, address.work]
YAML
"$ecluse" --data "$folders/ecluse" init --policy "$work/policy.yaml" >/dev/null
"$ecluse" --data "$folders/ecluse" import "$work/contacts.vcf" >/dev/null
e_first=$(timed "$ecluse" --data "$folders/ecluse" sync)
e_again=$(timed "$ecluse" --data "$folders/ecluse" sync)
grep -q "0 created, 0 updated, 0 deleted" "$work/out" || { echo "error: Ecluse's no-change sync wrote"; exit 1; }
"$ecluse" --data "$folders/ecluse" import "$work/changed.vcf" >/dev/null
e_changed=$(timed "$ecluse" --data "$folders/ecluse" sync)
grep -q "0 created, 100 updated, 0 deleted" "$work/out" || { echo "error: Ecluse did not update 100"; exit 1; }

# vdirsyncer: a folder of the same cards to another folder.
split_cards "$work/contacts.vcf" "$folders/vds/source"
mkdir -p "$folders/vds/target" "$folders/vds/status"
cat >"$folders/vds/config" <<INI
[general]
status_path = "$folders/vds/status/"

[pair bench]
a = "bench_source"
b = "bench_target"
collections = null

[storage bench_source]
type = "filesystem"
path = "$folders/vds/source/"
fileext = ".vcf"

[storage bench_target]
type = "filesystem"
path = "$folders/vds/target/"
fileext = ".vcf"
INI
vds=(vdirsyncer -c "$folders/vds/config")
"${vds[@]}" discover >/dev/null 2>&1 </dev/null || true
v_first=$(timed "${vds[@]}" sync)
v_again=$(timed "${vds[@]}" sync)
rm -rf "$folders/vds/changed" && split_cards "$work/changed.vcf" "$folders/vds/changed"
for file in $(cd "$folders/vds/changed" && ls); do
    cmp -s "$folders/vds/changed/$file" "$folders/vds/source/$file" || cp "$folders/vds/changed/$file" "$folders/vds/source/$file"
done
v_changed=$(timed "${vds[@]}" sync)
copied=$(ls "$folders/vds/target" | wc -l)
[ "$copied" -eq "$count" ] || { echo "error: vdirsyncer's target holds $copied files, not $count"; exit 1; }

echo "Ecluse and vdirsyncer $vdirsyncer_version, $count contacts, folder to folder, on $folders_on (targets: CPU ratio >= 5, no-change < 0.5 s)"
python3 - "$e_first" "$v_first" "$e_again" "$v_again" "$e_changed" "$v_changed" <<'PY'
import sys
values = [tuple(map(float, v.split())) for v in sys.argv[1:]]
phases = ["first sync", "no-change re-sync", "after 100 changes"]
print(f"  {'phase':<20} {'ecluse wall':>11} {'cpu':>7} {'vdirsyncer wall':>16} {'cpu':>7} {'cpu ratio':>10}")
for index, phase in enumerate(phases):
    (ew, ec), (vw, vc) = values[2 * index], values[2 * index + 1]
    ratio = vc / max(ec, 0.01)
    print(f"  {phase:<20} {ew:>10.2f}s {ec:>6.2f}s {vw:>15.2f}s {vc:>6.2f}s {ratio:>9.1f}x")
PY
if [ "$folders" != "$work" ]; then umount "$work/fs"; fi

# (b) 1,000 contacts to one local Radicale, both tools on the same server: Ecluse's carddav
# destination against vdirsyncer's filesystem-to-carddav pair. Radicale's CPU is measured
# apart from the client's, from /proc, since Radicale's PUT slows as a collection grows and
# its time would otherwise hide the client's.
dav_count=1000
"$bench" generate "$dav_count" "$work/dav.vcf"
change_hundred "$work/dav.vcf" "$work/dav-changed.vcf"
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')
scripts/start-radicale.sh "$port" "$work/radicale" >/dev/null
trap 'scripts/stop-radicale.sh "$work/radicale" >/dev/null 2>&1 || true; umount "$work/fs" 2>/dev/null || true; rm -rf "$work"' EXIT
radicale_pid=$(cat "$work/radicale/radicale.pid")
ticks=$(getconf CLK_TCK)
server_ticks() { awk '{print $14 + $15}' "/proc/$radicale_pid/stat"; }
# Prints "wall client-cpu server-cpu" for the command.
timed_dav() {
    local before after
    before=$(server_ticks)
    read -r wall cpu < <(timed "$@")
    after=$(server_ticks)
    python3 -c "print(f'$wall $cpu {($after - $before) / $ticks:.2f}')"
}

cat >"$work/dav-policy.yaml" <<YAML
controller: { name: Bench SARL }
purposes:
  directory: { legal-basis: contract }
destinations:
  book:
    kind: carddav
    url: http://127.0.0.1:$port/ecluse/bench/
    username: ecluse
    password-env: BENCH_DAV_PASSWORD
    residency: eu
rules:
  - purpose: directory
    to: book
    fields: [name, organisation, title, phone.work, phone.mobile, email.work, address.work]
YAML
export BENCH_DAV_PASSWORD=invented
"$ecluse" --data "$work/ecluse-dav" init --policy "$work/dav-policy.yaml" >/dev/null
"$ecluse" --data "$work/ecluse-dav" import "$work/dav.vcf" >/dev/null
d_first=$(timed_dav "$ecluse" --data "$work/ecluse-dav" sync)
d_again=$(timed_dav "$ecluse" --data "$work/ecluse-dav" sync)
grep -q "0 created, 0 updated, 0 deleted" "$work/out" || { echo "error: Ecluse's no-change sync to Radicale wrote"; exit 1; }
"$ecluse" --data "$work/ecluse-dav" import "$work/dav-changed.vcf" >/dev/null
d_changed=$(timed_dav "$ecluse" --data "$work/ecluse-dav" sync)
grep -q "0 created, 100 updated, 0 deleted" "$work/out" || { echo "error: Ecluse did not update 100 on Radicale"; exit 1; }

# vdirsyncer's address book, made as a client would (extended MKCOL), then the pair.
curl -s -o /dev/null -u vds:invented -X MKCOL -H 'Content-Type: application/xml' \
    --data '<?xml version="1.0"?><d:mkcol xmlns:d="DAV:" xmlns:c="urn:ietf:params:xml:ns:carddav"><d:set><d:prop><d:resourcetype><d:collection/><c:addressbook/></d:resourcetype></d:prop></d:set></d:mkcol>' \
    "http://127.0.0.1:$port/vds/bench/"
split_cards "$work/dav.vcf" "$work/vdav/source"
mkdir -p "$work/vdav/status"
cat >"$work/vdav/config" <<INI
[general]
status_path = "$work/vdav/status/"

[pair bench]
a = "bench_source"
b = "bench_remote"
collections = null

[storage bench_source]
type = "filesystem"
path = "$work/vdav/source/"
fileext = ".vcf"

[storage bench_remote]
type = "carddav"
url = "http://127.0.0.1:$port/vds/bench/"
username = "vds"
password = "invented"
INI
vdav=(vdirsyncer -c "$work/vdav/config")
"${vdav[@]}" discover >/dev/null 2>&1 </dev/null || true
w_first=$(timed_dav "${vdav[@]}" sync)
w_again=$(timed_dav "${vdav[@]}" sync)
rm -rf "$work/vdav/changed" && split_cards "$work/dav-changed.vcf" "$work/vdav/changed"
for file in $(cd "$work/vdav/changed" && ls); do
    cmp -s "$work/vdav/changed/$file" "$work/vdav/source/$file" || cp "$work/vdav/changed/$file" "$work/vdav/source/$file"
done
w_changed=$(timed_dav "${vdav[@]}" sync)
on_server=$(curl -s -u vds:invented -X PROPFIND -H 'Depth: 1' "http://127.0.0.1:$port/vds/bench/" | grep -o '\.vcf</' | wc -l)
[ "$on_server" -eq "$dav_count" ] || { echo "error: vdirsyncer's address book holds $on_server cards, not $dav_count"; exit 1; }

echo "Ecluse and vdirsyncer $vdirsyncer_version, $dav_count contacts to one local Radicale (target: client CPU ratio >= 5)"
python3 - "$d_first" "$w_first" "$d_again" "$w_again" "$d_changed" "$w_changed" <<'PY'
import sys
values = [tuple(map(float, v.split())) for v in sys.argv[1:]]
phases = ["first sync", "no-change re-sync", "after 100 changes"]
print(f"  {'phase':<20} {'ecluse wall':>11} {'client':>7} {'server':>7} {'vdirsyncer wall':>16} {'client':>7} {'server':>7} {'client ratio':>13}")
for index, phase in enumerate(phases):
    (ew, ec, es), (vw, vc, vs) = values[2 * index], values[2 * index + 1]
    ratio = vc / max(ec, 0.01)
    print(f"  {phase:<20} {ew:>10.2f}s {ec:>6.2f}s {es:>6.2f}s {vw:>15.2f}s {vc:>6.2f}s {vs:>6.2f}s {ratio:>12.1f}x")
PY
