#!/usr/bin/env bash
# Runs every test. Judged by swift test's exit code: when only XCTest fails, its last line can
# still read "passed" (see docs/known-gaps.md), so never by the output.
set -euo pipefail
swift test 2>&1 | tee .build/test-output.txt
status=${PIPESTATUS[0]}
[ "$status" -eq 0 ] || exit "$status"
# The JSON API against its OpenAPI document (docs/api.md).
scripts/run-schemathesis.sh .build/debug/ecluse
