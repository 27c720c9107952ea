#!/usr/bin/env bash
# Installs what Ecluse needs to build, run its demo and run its tests, when it is missing:
# Debian's -dev packages for the C libraries; from PyPI, Radicale (the CardDAV and CalDAV
# server the demo and the tests use), Xandikos (a second server the tests run against),
# vobject and icalendar (independent readers the tests compare Ecluse's output with),
# schemathesis (checks the JSON API against its OpenAPI document). wrk, the HTTP load
# generator, is installed by scripts/bench-http.sh when `make bench` needs it.
# Chromium is only for the browser tests of the web app (Tests/EcluseWebTests), but CI runs
# them, so it is installed here too.
set -euo pipefail

debian_packages=(pkg-config libsqlite3-dev libssl-dev libyaml-dev libcurl4-openssl-dev sqlite3 libphonenumber-dev
    libical-dev libmicrohttpd-dev libqrencode-dev curl)
# For the tests only: the browser the web app's browser tests drive.
test_packages=(chromium)
missing=()
for package in "${debian_packages[@]}" "${test_packages[@]}"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "ok installed" || missing+=("$package")
done
if [ ${#missing[@]} -gt 0 ]; then
    echo "Installing Debian packages: ${missing[*]}"
    SUDO=""
    [ "$(id -u)" -eq 0 ] || SUDO="sudo"
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null
fi

python_modules=(radicale vobject icalendar xandikos schemathesis)
missing=()
for module in "${python_modules[@]}"; do
    python3 -c "import $module" 2>/dev/null || missing+=("$module")
done
if [ ${#missing[@]} -gt 0 ]; then
    echo "Installing Python packages: ${missing[*]}"
    python3 -m pip install --quiet --disable-pip-version-check "${missing[@]}"
fi
