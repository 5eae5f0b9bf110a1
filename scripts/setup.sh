#!/usr/bin/env bash
# Installs every Debian package invitekeeper needs to build, test and benchmark.
# Idempotent: only missing packages are installed. Uses sudo when not root.
set -euo pipefail

packages=(
  build-essential cmake pkg-config ccache git
  libcli11-dev nlohmann-json3-dev libsqlite3-dev sqlite3 libtomlplusplus-dev
  libhowardhinnant-date-dev tzdata libfmt-dev libzip-dev
  libcpp-httplib-dev  # `serve`: the HTTP server
  libpq-dev          # the PostgreSQL backend (a team's database)
  libsodium-dev      # team users' passwords, hashed with Argon2id
  postgresql-15      # ... whose tests run a real, throwaway server (tests/pg/cluster.sh)
  libgtest-dev googletest
  python3 zip unzip
  python3-icalendar  # the calendar tests read `plan send --ics` with a real iCalendar parser
  python3-jsonschema # the API tests check real responses against the OpenAPI document
  chromium           # the browser tests (report --html) run in Debian's chromium
  nodejs             # ... driven by playwright-core from npm
)
if [ "${IK_SETUP_BENCH:-0}" = 1 ]; then packages+=(hyperfine wrk time); fi

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done
[ ${#missing[@]} -eq 0 ] && command -v npm >/dev/null 2>&1 && exit 0

sudo=""
if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
echo "setup: installing ${missing[*]}" >&2
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
# NodeSource's nodejs brings npm; Debian's own needs the npm package (which would
# conflict with NodeSource's), so it is added only when npm is still missing.
if ! command -v npm >/dev/null 2>&1; then
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends npm >&2
fi
