#!/usr/bin/env python3
"""Checks that a log holds none of the personal data of a vCard file.

Usage: check-log-privacy.py LOG VCARD-FILE

Collects every name (FN, and the family and given names of N), email address and phone number
of the vCard file, then looks for each in the log. Exits 1 and names the kind of value found
(never the value itself) when the log holds any.
"""
import re
import sys


def values(vcard_text):
    found = {"name": set(), "email": set(), "phone": set()}
    unfolded = re.sub(r"\r?\n[ \t]", "", vcard_text)
    for line in unfolded.splitlines():
        name, _, value = line.partition(":")
        prop = name.split(";")[0].split(".")[-1].upper()
        value = value.strip()
        if not value:
            continue
        if prop == "FN":
            found["name"].add(value)
        elif prop == "N":
            found["name"].update(part for part in value.split(";")[:2] if len(part) > 3)
        elif prop == "EMAIL":
            found["email"].add(value)
        elif prop == "TEL":
            found["phone"].add(value)
            found["phone"].add(re.sub(r"[^0-9+]", "", value))
    return found


def main():
    log_path, vcard_path = sys.argv[1], sys.argv[2]
    log = open(log_path, encoding="utf-8", errors="replace").read()
    leaks = {}
    for kind, items in values(open(vcard_path, encoding="utf-8", errors="replace").read()).items():
        hits = sum(1 for item in items if item and item in log)
        if hits:
            leaks[kind] = hits
    lines = log.count("\n")
    if leaks:
        summary = ", ".join(f"{count} {kind}(s)" for kind, count in leaks.items())
        print(f"log check: FAILED: {log_path} ({lines} lines) holds personal data: {summary}")
        return 1
    print(f"log check: no name, email or phone number of {vcard_path} in {log_path} ({lines} lines)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
