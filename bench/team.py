#!/usr/bin/env python3
"""A team's database: 100 accounts, each 1,500 pending in a 10,000-invitation history,
on PostgreSQL beside the same ledger on SQLite, each served by `serve`, under wrk.

    bench/team.py BINARY WORK RUNS POSTGRES_URI

The 100 exports are made up once (tools/gen_export.py bench, one seed per account, the
sends over 180 days: LinkedIn's export holds about six months), imported into one
SQLite ledger, then moved whole into a fresh PostgreSQL database with `migrate`, so
both hold the same rows. Every request names the next of the 100 accounts in turn and
asks for a computed answer (Cache-Control: no-cache), so none is served from the
cache; the cached status (the answer a dashboard reload meets) is shown for scale.
Rounds interleave the backends and cases so machine noise hits all alike; the figures
are medians of the rounds. Both servers run through the whole measurement.
"""
import json
import os
import re
import statistics
import subprocess
import sys
import time

ik, work, runs, server_uri = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
now = "2026-11-25T09:00:00Z"
accounts = [f"member-{i:03d}" for i in range(1, 101)]
team = os.path.join(work, "team")
sqlite = os.path.join(team, "team.db")
token = "bench-team-token-0123456789abcdef"
os.environ["PGOPTIONS"] = "-c client_min_messages=warning"


def run(*args, **kw):
    return subprocess.run(list(args), check=True, stdout=subprocess.DEVNULL, **kw)


def ledger_ready():
    """The SQLite ledger of all 100 accounts, made once and kept between runs."""
    if os.path.exists(sqlite):
        return
    started = time.perf_counter()
    print("bench: making 100 accounts of 10,000 invitations each (once)", file=sys.stderr)
    partial = sqlite + ".partial"
    for suffix in ("", "-wal", "-shm"):
        if os.path.exists(partial + suffix):
            os.remove(partial + suffix)
    for seed, name in enumerate(accounts, start=1):
        export = os.path.join(team, name)
        if not os.path.exists(os.path.join(export, "Connections.csv")):
            run("python3", os.path.join(root, "tools", "gen_export.py"), "bench", "--out", export,
                "--invitations", "10000", "--pending", "1500", "--days", "180", "--seed", str(seed),
                stderr=subprocess.DEVNULL)
        run(ik, "--db", partial, "init", "--name", name, "--tz", "UTC")
        run(ik, "--db", partial, "--now", now, "--account", name, "import", export)
    os.rename(partial, sqlite)
    print(f"bench: the team ledger took {time.perf_counter() - started:.0f} s", file=sys.stderr)


def postgres_ledger():
    query = server_uri[server_uri.index("?"):]
    run("psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", server_uri, "-c", "DROP DATABASE IF EXISTS bench_team",
        "-c", "CREATE DATABASE bench_team")
    uri = f"postgresql:///bench_team{query}"
    started = time.perf_counter()
    run(ik, "migrate", "--from", sqlite, "--to", uri)
    return uri, time.perf_counter() - started


def serve(db):
    proc = subprocess.Popen([ik, "--db", db, "--now", now, "serve", "--listen", "127.0.0.1:0", "--token", token],
                            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    line = proc.stdout.readline()
    match = re.match(r"listening on (\S+)", line)
    if not match:
        proc.kill()
        sys.exit(f"bench: serve on {db} did not start: {line!r}")
    return proc, match.group(1).rstrip("/")


def script(path, fresh):
    """A wrk script asking `path` of each account in turn."""
    lua = os.path.join(team, f"{path.strip('/').replace('/', '_')}{'_fresh' if fresh else ''}.lua")
    names = ", ".join(f'"{a}"' for a in accounts)
    no_cache = '["Cache-Control"] = "no-cache", ' if fresh else ""
    with open(lua, "w") as f:
        f.write(f"local accounts = {{{names}}}\nlocal n = 0\n"
                "request = function()\n  n = n % #accounts + 1\n"
                f'  return wrk.format("GET", "{path}?account=" .. accounts[n], '
                f'{{{no_cache}["Authorization"] = "Bearer {token}"}})\nend\n')
    return lua


def wrk(base, lua):
    out = subprocess.run(["wrk", "-t2", "-c16", "-d8s", "--latency", "-s", lua, base], check=True,
                         capture_output=True, text=True).stdout
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    if errors:
        sys.exit(f"bench: {lua} answered {errors.group(1)} errors")

    def pct(p):
        v, unit = re.search(rf"^\s+{p}%\s+([\d.]+)(us|ms|s)\s*$", out, re.M).groups()
        return float(v) * {"us": 0.001, "ms": 1, "s": 1000}[unit]
    return float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1)), pct(50), pct(99)


ledger_ready()
postgres, moved = postgres_ledger()
# Both ledgers answer alike: the same status for an account, byte for byte.
answers = {db: subprocess.run([ik, "--db", db, "--now", now, "--json", "--account", accounts[41], "status"],
                              check=True, capture_output=True).stdout for db in (sqlite, postgres)}
if len(set(answers.values())) != 1:
    sys.exit("bench: the PostgreSQL ledger answers differently from the SQLite one")
status = json.loads(answers[sqlite])
cases = [("GET /api/status, cached", script("/api/status", False)),
         ("GET /api/status, uncached", script("/api/status", True)),
         ("GET /api/plan/withdraw, uncached", script("/api/plan/withdraw", True))]
servers = {"SQLite": serve(sqlite), "PostgreSQL": serve(postgres)}
results = {(backend, name): [] for backend in servers for name, _ in cases}
try:
    for _ in range(runs):
        for name, lua in cases:
            for backend, (_, base) in servers.items():
                results[(backend, name)].append(wrk(base, lua))
finally:
    for proc, _ in servers.values():
        proc.terminate()
        proc.wait()

m = statistics.median
print(f"team: 100 accounts x {status['pending']:,} pending (10,000 invitations each); "
      f"migrate of the SQLite ledger into PostgreSQL {moved:.1f} s")
print(f"team serve (wrk -t2 -c16 -d8s, each request the next account; medians of {runs} rounds)")
for name, _ in cases:
    row = {}
    for backend in servers:
        r = results[(backend, name)]
        row[backend] = m(x[0] for x in r)
        print(f"  {name:34} {backend:10} {row[backend]:8,.0f} req/s  p50 {m(x[1] for x in r):7.2f} ms"
              f"  p99 {m(x[2] for x in r):7.2f} ms")
    print(f"  {'':34} PostgreSQL at {row['PostgreSQL'] / row['SQLite']:.2f}x SQLite's throughput")
