#!/usr/bin/env python3
"""Interleaved reads of one ledger by several builds: whole-process times of each read
command, and `serve` answering a fresh withdrawal plan per request.

    bench/compare_reads.py DB RUNS BIN...

Each round runs every command with every BIN in turn, so machine noise hits all alike;
prints each command's median per BIN and its ratio to the first BIN, and fails if two
BINs print different JSON (a faster answer must be the same answer). The serve rows
start one server per BIN on DB and time 40 sequential GET /api/plan/withdraw?target=N
with a new N each (nothing cached), the BINs' servers taking turns. Used for
before/after figures in docs/performance.md.
"""
import http.client
import re
import statistics
import subprocess
import sys
import time

db, runs, bins = sys.argv[1], int(sys.argv[2]), sys.argv[3:]
now = "2026-11-25T09:00:00Z"
commands = [["status"], ["plan", "withdraw"], ["health"], ["forecast"], ["stats"], ["history"],
            ["pending", "--limit", "100"]]
times = {(" ".join(c), b): [] for c in commands for b in bins}
for _ in range(runs):
    for cmd in commands:
        outputs = {}
        for b in bins:
            t = time.perf_counter()
            out = subprocess.run([b, "--db", db, "--now", now, "--json", *cmd], check=True, capture_output=True).stdout
            times[(" ".join(cmd), b)].append(time.perf_counter() - t)
            outputs[b] = out
        if len(set(outputs.values())) != 1:
            sys.exit(f"compare_reads: {' '.join(cmd)} answers differently between builds")

token = "compare-token-0123456789abcdef"
servers, serve_times = {}, {b: [] for b in bins}
try:
    for b in bins:
        p = subprocess.Popen([b, "--db", db, "--now", now, "serve", "--listen", "127.0.0.1:0", "--token", token],
                             stdout=subprocess.PIPE, text=True)
        host, port = re.match(r"listening on http://([\d.]+):(\d+)", p.stdout.readline()).groups()
        servers[b] = (p, http.client.HTTPConnection(host, int(port), timeout=60))
    n = 1000
    for _ in range(runs):
        for b in bins:
            conn = servers[b][1]
            t = time.perf_counter()
            for _ in range(40):
                n += 1
                conn.request("GET", f"/api/plan/withdraw?target={n}", headers={"Authorization": f"Bearer {token}"})
                res = conn.getresponse()
                res.read()
                if res.status != 200:
                    sys.exit(f"compare_reads: {b} answered {res.status}")
            serve_times[b].append((time.perf_counter() - t) / 40)
finally:
    for p, conn in servers.values():
        conn.close()
        p.terminate()
        p.wait()

m = statistics.median
for cmd in commands:
    name = " ".join(cmd)
    first = m(times[(name, bins[0])])
    row = "  ".join(f"{m(times[(name, b)]) * 1000:7.1f} ms {m(times[(name, b)]) / first:4.2f}x" for b in bins)
    print(f"{name:24} {row}")
first = m(serve_times[bins[0]])
row = "  ".join(f"{m(serve_times[b]) * 1000:7.1f} ms {m(serve_times[b]) / first:4.2f}x" for b in bins)
print(f"{'serve plan, uncached':24} {row}")
