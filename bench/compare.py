#!/usr/bin/env python3
"""Interleaved first imports of one CSV by several builds, beside the sqlite3 shell.

    bench/compare.py CSV RUNS BIN...     (BIN "shell": sqlite3's .mode csv / .import)

Each run imports CSV once with every BIN in turn into a fresh database (`init`
first), so machine noise hits all alike; prints the median wall time, its ratio to
the first BIN, and the median user and system CPU. Used for before/after figures in
docs/performance.md; bench/run.sh gives the published ones.
"""
import os
import resource
import statistics
import subprocess
import sys
import tempfile

csv, runs, bins = sys.argv[1], int(sys.argv[2]), sys.argv[3:]
now = "2026-11-25T09:00:00Z"
work = tempfile.mkdtemp(prefix="ik-compare-")
res = {b: [] for b in bins}


def fresh(path):
    for suffix in ("", "-wal", "-shm", "-journal"):
        if os.path.exists(path + suffix):
            os.remove(path + suffix)


for _ in range(runs):
    for i, b in enumerate(bins):
        db = f"{work}/{i}.db"
        fresh(db)
        if b == "shell":
            cmd = ["sqlite3", db, ".mode csv", f".import {csv} invitations"]
        else:
            subprocess.run([b, "--db", db, "init", "--name", "bench"], check=True, stdout=subprocess.DEVNULL)
            cmd = [b, "--db", db, "--now", now, "import", csv]
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        t = os.times().elapsed
        subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        wall = os.times().elapsed - t
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        res[b].append((wall, after.ru_utime - before.ru_utime, after.ru_stime - before.ru_stime))
        fresh(db)
os.rmdir(work)

m = statistics.median
first = m(x[0] for x in res[bins[0]])
for b in bins:
    wall = m(x[0] for x in res[b])
    print(f"{b:40} {wall:6.2f} s  {wall / first:4.2f}x  user {m(x[1] for x in res[b]):5.2f} s  "
          f"sys {m(x[2] for x in res[b]):5.2f} s   runs {[round(x[0], 2) for x in res[b]]}")
