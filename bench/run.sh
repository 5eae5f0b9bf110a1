#!/usr/bin/env bash
# make bench: import throughput against the sqlite3 shell's .import of the same
# file, and whole-process times of `status` and `plan withdraw` at 1,500 pending
# over a 1,000,000-row history. Runs are interleaved and repeated; the figures
# are medians. See docs/performance.md for the method.
set -euo pipefail
build=$(cd "${1:-build}" && pwd)
root=$(cd "$(dirname "$0")/.." && pwd)
work="$build/bench"
ik="$build/invitekeeper"
runs=${IK_BENCH_RUNS:-3}
mkdir -p "$work"

if [ ! -f "$work/Invitations.csv" ]; then
  echo "bench: generating 1,000,000 invitations (once)" >&2
  python3 "$root/tools/gen_export.py" bench --out "$work" --invitations 1000000 --pending 1500
fi
rows=$(python3 -c 'import csv,sys; print(sum(1 for _ in csv.reader(open(sys.argv[1], newline="", encoding="utf-8"))) - 1)' "$work/Invitations.csv")
now=2026-11-25T09:00:00Z

python3 - "$ik" "$work" "$runs" "$rows" "$now" <<'PY'
import os, statistics, subprocess, sys, time
ik, work, runs, rows, now = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), sys.argv[5]
inv, conn, both = f"{work}/Invitations.csv", f"{work}/Connections.csv", f"{work}/export"
os.makedirs(both, exist_ok=True)
for name in ("Invitations.csv", "Connections.csv"):
    if not os.path.exists(f"{both}/{name}"):
        os.symlink(f"../{name}", f"{both}/{name}")

def fresh(path):
    for suffix in ("", "-wal", "-shm"):
        if os.path.exists(path + suffix):
            os.remove(path + suffix)

def timed(cmd):
    t = time.perf_counter()
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - t

base, ours, full = [], [], []
for _ in range(runs):  # interleaved, so machine noise hits both alike
    db = f"{work}/shell.db"; fresh(db)
    base.append(timed(["sqlite3", db, ".mode csv", f".import {inv} invitations"]))
    db = f"{work}/ik-inv.db"; fresh(db)
    subprocess.run([ik, "--db", db, "init", "--name", "bench"], check=True, stdout=subprocess.DEVNULL)
    ours.append(timed([ik, "--db", db, "--now", now, "import", inv]))
    db = f"{work}/ik.db"; fresh(db)  # one export holding both files, as LinkedIn's zip does
    subprocess.run([ik, "--db", db, "init", "--name", "bench"], check=True, stdout=subprocess.DEVNULL)
    full.append(timed([ik, "--db", db, "--now", now, "import", both]))

db = f"{work}/ik.db"
status, plan = [], []
for _ in range(max(runs, 10)):
    status.append(timed([ik, "--db", db, "--now", now, "--json", "status"]))
    plan.append(timed([ik, "--db", db, "--now", now, "--json", "plan", "withdraw"]))
pending = subprocess.run([ik, "--db", db, "--now", now, "--json", "status"], check=True, capture_output=True, text=True).stdout
import json; pending = json.loads(pending)["pending"]

m = statistics.median
print(f"rows in Invitations.csv             {rows:,}")
print(f"sqlite3 shell .import               {m(base):6.2f} s   {rows / m(base):>10,.0f} rows/s   (baseline)")
print(f"invitekeeper import Invitations.csv {m(ours):6.2f} s   {rows / m(ours):>10,.0f} rows/s   {m(ours) / m(base):.2f}x the baseline")
print(f"invitekeeper import, whole export   {m(full):6.2f} s   (Invitations.csv and Connections.csv in one folder)")
print(f"pending after import                {pending:,}")
print(f"status (whole process)              {m(status) * 1000:6.1f} ms median, {max(status) * 1000:.1f} ms max of {len(status)}")
print(f"plan withdraw (whole process)       {m(plan) * 1000:6.1f} ms median, {max(plan) * 1000:.1f} ms max of {len(plan)}")
PY

# A saved Sent page of 1,500 cards on that ledger beside status, and large pages'
# peak memory (bench/sent_page.py says how).
python3 "$root/bench/sent_page.py" "$ik" "$work" "$runs" "$now"

# plan send: a 10,000-prospect queue (a quarter in each of four zones, half
# with notes, priorities 0-3) over 90 days, on the demo's year of history, beside
# `status` on the same database as the baseline of a whole process.
python3 - "$ik" "$work" "$build/demo" "$runs" <<'PY'
import csv, glob, os, random, statistics, subprocess, sys, time
ik, work, demo, runs = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
db, people, now = f"{work}/pacing.db", f"{work}/people.csv", "2026-11-25T08:30:00Z"
for suffix in ("", "-wal", "-shm"):
    if os.path.exists(db + suffix):
        os.remove(db + suffix)
rng = random.Random(7)
zones = ["Europe/London", "America/New_York", "Asia/Kolkata", "Australia/Sydney"]
with open(people, "w", newline="", encoding="utf-8") as f:
    w = csv.writer(f)
    w.writerow(["profile_url", "name", "company", "note", "timezone", "priority"])
    for i in range(10000):
        note = f"Hi P{i}, your post on pacing at Co{i} was great." if rng.random() < 0.5 else ""
        w.writerow([f"https://www.linkedin.com/in/prospect-{i:05d}", f"P{i} Person", f"Co{i}", note,
                    zones[i % 4], rng.randint(0, 3)])
base = [ik, "--db", db, "--now", now]
subprocess.run([*base, "init", "--name", "bench", "--tz", "Europe/London"], check=True, stdout=subprocess.DEVNULL)
subprocess.run([*base, "import", *sorted(glob.glob(f"{demo}/*.zip"))], check=True, stdout=subprocess.DEVNULL)
subprocess.run([*base, "queue", "import", people], check=True, stdout=subprocess.DEVNULL)

def timed(cmd):
    t = time.perf_counter()
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - t

send, status, sim = [], [], []
for _ in range(max(runs, 10)):  # interleaved
    send.append(timed([*base, "--json", "plan", "send", "--days", "90"]))
    status.append(timed([*base, "--json", "status"]))
    sim.append(timed([*base, "--json", "simulate", "--withdraw-after", "7d,14d,21d,30d", "--per-day", "10,15,20",
                      "--days", "180", "--runs", "1000", "--unlimited"]))
m = statistics.median
print(f"plan send, 10,000 queued, 90 days   {m(send) * 1000:6.1f} ms median, {max(send) * 1000:.1f} ms max of {len(send)}"
      f"   ({m(send) / m(status):.1f}x status on the same database, {m(status) * 1000:.1f} ms)")
print(f"simulate, 12 strategies x 1,000 runs x 180 days  {m(sim) * 1000:6.1f} ms median, {max(sim) * 1000:.1f} ms max of {len(sim)}")
PY

# PostgreSQL: the same 1,000,000-row Invitations.csv imported into a fresh database
# beside psql's \copy of the file into a plain table on the same server (the
# baseline), interleaved; then status and plan withdraw on that ledger beside the
# SQLite one. The server is tests/pg/cluster.sh's throwaway cluster (fsync off, as
# for the tests: both sides alike), stopped at the end whatever happens.
pg_state="$work/pgstate"
"$root/tests/pg/cluster.sh" start "$pg_state" >/dev/null
trap '"$root/tests/pg/cluster.sh" stop "$pg_state"' EXIT
python3 - "$ik" "$work" "$runs" "$now" "$(cat "$pg_state/uri")" <<'PY'
import os, statistics, subprocess, sys, time
ik, work, runs, now, server = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4], sys.argv[5]
os.environ["PGOPTIONS"] = "-c client_min_messages=warning"  # no NOTICE for DROP ... IF EXISTS
inv = f"{work}/Invitations.csv"
query = server[server.index("?"):]

def psql(uri, *commands):
    args = ["psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", uri]
    for c in commands:
        args += ["-c", c]
    subprocess.run(args, check=True, stdout=subprocess.DEVNULL)

def fresh(name):
    psql(server, f"DROP DATABASE IF EXISTS {name}", f"CREATE DATABASE {name}")
    return f"postgresql:///{name}{query}"

def timed(cmd):
    t = time.perf_counter()
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - t

header = open(inv, encoding="utf-8").readline().strip().split(",")
columns = ", ".join(f'"{c}" text' for c in header)
copy, ours, floor = [], [], []
stored = f"{work}/pg_invitations.copy"  # the ledger's own rows, in COPY's text format
for _ in range(runs):  # interleaved
    plain = fresh("bench_copy")
    psql(plain, f"CREATE TABLE invitations ({columns})")
    copy.append(timed(["psql", "-X", "-q", plain, "-c", f"\\copy invitations FROM '{inv}' CSV HEADER"]))
    ledger = fresh("bench_ik")
    subprocess.run([ik, "--db", ledger, "init", "--name", "bench"], check=True, stdout=subprocess.DEVNULL)
    ours.append(timed([ik, "--db", ledger, "--now", now, "import", inv]))
    # The server's floor for what the import stores: the same rows, already made,
    # copied into a table of the same columns and primary key, then the same indexes
    # built and the statistics gathered, as the import's first load does.
    psql(ledger, f"\\copy invitations TO '{stored}'")
    indexes = subprocess.run(["psql", "-X", "-At", ledger, "-c",
                              "SELECT pg_get_indexdef(indexrelid) FROM pg_index WHERE indrelid = 'invitations'::regclass "
                              "AND NOT indisprimary"], check=True, capture_output=True, text=True).stdout.split("\n")
    builds = [d.replace(" ON public.invitations ", " ON public.floor_invitations ").replace("INDEX ", "INDEX floor_", 1)
              for d in indexes if d]
    psql(ledger, "CREATE TABLE floor_invitations (LIKE invitations INCLUDING DEFAULTS)",
         "ALTER TABLE floor_invitations ADD PRIMARY KEY (id)")
    floor.append(timed(["psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", ledger, "-c", f"\\copy floor_invitations FROM '{stored}'",
                        *[a for b in builds for a in ("-c", b)], "-c", "ANALYZE floor_invitations"]))
os.remove(stored)
m = statistics.median
print(f"PostgreSQL: psql \\copy (baseline)    {m(copy):6.2f} s   runs {[round(x, 2) for x in copy]}")
print(f"PostgreSQL: invitekeeper import     {m(ours):6.2f} s   {m(ours) / m(copy):.2f}x the baseline   runs {[round(x, 2) for x in ours]}")
print(f"PostgreSQL: the server's floor      {m(floor):6.2f} s   {m(floor) / m(copy):.2f}x the baseline; the import at "
      f"{m(ours) / m(floor):.2f}x it   runs {[round(x, 2) for x in floor]}")
print("  (floor: the stored rows copied into the same columns and primary key, the same indexes built, ANALYZE)")
# The reads on the same data as the SQLite ledger's: the whole export.
ledger = fresh("bench_export")
subprocess.run([ik, "--db", ledger, "init", "--name", "bench"], check=True, stdout=subprocess.DEVNULL)
whole = timed([ik, "--db", ledger, "--now", now, "import", f"{work}/export"])
print(f"PostgreSQL: invitekeeper import, whole export {whole:6.2f} s (one run)")
reads = {"status": [], "plan withdraw": []}
sqlite = f"{work}/ik.db"
pg_times = {k: [] for k in reads}
for _ in range(10):
    for name in reads:
        reads[name].append(timed([ik, "--db", sqlite, "--now", now, "--json", *name.split()]))
        pg_times[name].append(timed([ik, "--db", ledger, "--now", now, "--json", *name.split()]))
for name in reads:
    print(f"{name:14} (whole process)     PostgreSQL {m(pg_times[name]) * 1000:6.1f} ms, SQLite {m(reads[name]) * 1000:6.1f} ms"
          f" ({m(pg_times[name]) / m(reads[name]):.2f}x), medians of 10")
PY

# serve: wrk on loopback against GET /api/status and GET /api/plan/withdraw at
# 1,500 pending over the 1,000,000-row history, beside a static asset of the same
# server, rounds interleaved. "uncached" varies ?target= on every request so each
# one computes a fresh plan: the cost when the data or the question changes.
if command -v wrk >/dev/null 2>&1; then
python3 - "$ik" "$work" "$runs" "$now" <<'PY'
import os, re, statistics, subprocess, sys, tempfile
ik, work, runs, now = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
token = "bench-token-0123456789abcdef"
server = subprocess.Popen([ik, "--db", f"{work}/ik.db", "--now", now, "serve", "--listen", "127.0.0.1:0",
                           "--token", token], stdout=subprocess.PIPE, text=True)
base = re.match(r"listening on (\S+)", server.stdout.readline()).group(1)
script = os.path.join(work, "uncached.lua")
with open(script, "w") as f:
    f.write('local n = 0\nrequest = function()\n  n = n + 1\n'
            '  return wrk.format("GET", "/api/plan/withdraw?target=" .. (1000 + n % 100000))\nend\n')

def wrk(path, lua=None):
    cmd = ["wrk", "-t2", "-c16", "-d8s", "--latency", "-H", f"Authorization: Bearer {token}", base + path]
    if lua:
        cmd[1:1] = ["-s", lua]
    out = subprocess.run(cmd, check=True, capture_output=True, text=True).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    def pct(p):
        v, unit = re.search(rf"^\s+{p}%\s+([\d.]+)(us|ms|s)\s*$", out, re.M).groups()
        return float(v) * {"us": 0.001, "ms": 1, "s": 1000}[unit]
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    if errors:
        sys.exit(f"bench: {path} answered {errors.group(1)} errors")
    return rps, pct(50), pct(99)

cases = [("static /assets/app.js", "/assets/app.js", None), ("static /assets/uplot.esm.js", "/assets/uplot.esm.js", None),
         ("GET /api/status", "/api/status", None),
         ("GET /api/plan/withdraw", "/api/plan/withdraw", None),
         ("GET /api/plan/withdraw, uncached", "/api/plan/withdraw", script)]
results = {name: [] for name, _, _ in cases}
try:
    for _ in range(runs):
        for name, path, lua in cases:
            results[name].append(wrk(path, lua))
finally:
    server.terminate()
    server.wait()
m = statistics.median
static = m(r[0] for r in results["static /assets/app.js"])
print("serve (wrk -t2 -c16 -d8s on loopback, medians of", runs, "rounds)")
for name, _, _ in cases:
    rps = m(r[0] for r in results[name])
    print(f"  {name:34} {rps:9,.0f} req/s  p50 {m(r[1] for r in results[name]):7.2f} ms"
          f"  p99 {m(r[2] for r in results[name]):7.2f} ms   {rps / static:.2f}x the static asset's throughput")
PY

# A team's database: 100 accounts x 1,500 pending x 10,000 invitations each, served
# from PostgreSQL beside the same rows on SQLite (bench/team.py says how).
python3 "$root/bench/team.py" "$ik" "$work" "$runs" "$(cat "$pg_state/uri")"
else
  echo "bench: wrk is missing (IK_SETUP_BENCH=1 scripts/setup.sh installs it)" >&2
fi
