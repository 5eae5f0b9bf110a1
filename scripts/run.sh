#!/usr/bin/env bash
# The main job: import a LinkedIn export, print where the member stands, the
# withdrawal plan and what to do next.
#   scripts/run.sh BUILD_DIR               the bundled demo (three exports of a made-up member)
#   scripts/run.sh BUILD_DIR EXPORT.zip    the member's own export, into their own ledger
set -euo pipefail
build=${1:-build}
export_path=${2:-}
ik="$build/invitekeeper"

if [ -z "$export_path" ]; then
  # The demo runs in its own database with the clock pinned to the morning after
  # the last demo export, so its output is the same on every machine and day.
  db="$build/demo/demo.db"
  rm -f "$db" "$db-wal" "$db-shm"
  run() { "$ik" --db "$db" --now 2026-11-25T08:30:00Z "$@"; }
  echo "== invitekeeper demo: a made-up member's three LinkedIn exports (database $db)"
  run init --name "Avery Quinlan (demo)" --tz Europe/London >/dev/null
  run import "$build"/demo/Basic_LinkedInDataExport_05-27-2026.zip \
             "$build"/demo/Basic_LinkedInDataExport_08-25-2026.zip \
             "$build"/demo/Basic_LinkedInDataExport_11-24-2026.zip
else
  run() { "$ik" "$@"; }
  if ! "$ik" status >/dev/null 2>&1; then
    if "$ik" status 2>&1 | grep -q "no account yet"; then
      "$ik" init --name me
    fi
  fi
  run import "$export_path"
fi
echo
run status
echo
run plan withdraw
echo
if [ -z "$export_path" ]; then
  echo "The same on the dashboard: $ik --db $db --now 2026-11-25T08:30:00Z serve"
else
  echo "The same on the dashboard: $ik serve"
fi
