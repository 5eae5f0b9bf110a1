#!/usr/bin/env python3
"""A morning's Sent page on the 1,000,000-row ledger, and what large pages cost in memory.

    bench/sent_page.py BINARY WORK RUNS NOW

WORK/ik.db is the ledger run.sh imported (1,500 pending in a 1,000,000-row history).
The page (tools/gen_sent_page.py big --from-pending) lists the member's own pending
invitations but the 100 oldest (withdrawn or declined on LinkedIn meanwhile) and 100
the ledger never saw: the import matches 1,400 by profile URL, adds 100 and marks 100
gone. Each run imports it, whole process, into a fresh copy of the ledger (the copy is
not timed), beside `status` on that same copy: the baseline, in the same rounds; and
the same cards as a select-all text copy (names, no profile URLs).

Then peak memory (`/usr/bin/time -f %M`, kilobytes of resident set) of importing into
an empty ledger: that page; the same 1,500 cards padded to 100 MiB with script noise,
as a saved page with every script of LinkedIn's would be; and a 100 MiB HTML file that
is not a Sent page, which is refused.
"""
import json
import os
import shutil
import statistics
import subprocess
import sys
import time

ik, work, runs, now = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
gen = os.path.join(root, "tools", "gen_sent_page.py")
ledger = os.path.join(work, "ik.db")
scratch = os.path.join(work, "sentpage.db")
page = os.path.join(work, "Sent.html")


def run(cmd, **kw):
    return subprocess.run(cmd, check=True, capture_output=True, text=True, **kw)


def timed(cmd):
    t = time.perf_counter()
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - t


def fresh_copy():
    for suffix in ("", "-wal", "-shm"):
        if os.path.exists(scratch + suffix):
            os.remove(scratch + suffix)
    run([ik, "--db", ledger, "--now", now, "status"])  # checkpoints the WAL into the file
    shutil.copyfile(ledger, scratch)
    os.sync()  # else the import's first fsync would write out the whole copy


pending = json.loads(run([ik, "--db", ledger, "--now", now, "--json", "pending", "--limit", "100000"]).stdout)
kept = dict(pending, items=pending["items"][100:])  # oldest first: the 100 oldest are gone
listed = os.path.join(work, "sentpage-pending.json")
with open(listed, "w") as f:
    json.dump(kept, f)
run([sys.executable, gen, "big", "--out", page, "--from-pending", listed, "--cards", "100"])
copy = os.path.join(work, "Sent-copy.txt")  # the same cards as a select-all copy: names, no URLs
run([sys.executable, gen, "big", "--out", copy, "--layout", "copy", "--from-pending", listed, "--cards", "100"])
for path in (page, copy):
    os.utime(path, None)  # saved "now": the import dates the snapshot at --now

imports, copies, status, summary = [], [], [], None
for _ in range(max(runs, 5)):
    fresh_copy()
    status.append(timed([ik, "--db", scratch, "--now", now, "--json", "status"]))
    imports.append(timed([ik, "--db", scratch, "--now", now, "import", page]))
    fresh_copy()
    copies.append(timed([ik, "--db", scratch, "--now", now, "import", copy]))
    if summary is None:
        fresh_copy()
        summary = json.loads(run([ik, "--db", scratch, "--now", now, "--json", "import", page]).stdout)["sent_page"]
os.remove(scratch)

m = statistics.median
print(f"Sent page on the 1,000,000-row ledger: {summary['cards']:,} cards, {summary['matched']:,} matched, "
      f"{summary['new']:,} new, {summary['gone']:,} gone ({os.path.getsize(page) / 1e6:.1f} MB)")
print(f"  import the page (whole process)   {m(imports) * 1000:6.1f} ms median, {max(imports) * 1000:.1f} ms max "
      f"of {len(imports)}   {m(imports) / m(status):.2f}x status on the same ledger ({m(status) * 1000:.1f} ms)")
print(f"  import it as a text copy          {m(copies) * 1000:6.1f} ms median, {max(copies) * 1000:.1f} ms max "
      f"of {len(copies)}   {m(copies) / m(status):.2f}x status (names only: every ended invitation's name is read)")


def peak_kib(path, expect_ok=True):
    db = os.path.join(work, "sentpage-empty.db")
    for suffix in ("", "-wal", "-shm"):
        if os.path.exists(db + suffix):
            os.remove(db + suffix)
    run([ik, "--db", db, "init", "--name", "bench"])
    proc = subprocess.run(["/usr/bin/time", "-f", "%M", ik, "--db", db, "--now", now, "import", path],
                          capture_output=True, text=True)
    if (proc.returncode == 0) != expect_ok:
        sys.exit(f"bench: import {path} exited {proc.returncode}: {proc.stderr}")
    lines = proc.stderr.strip().splitlines()
    os.remove(db)
    return int(lines[-1]), lines[0] if not expect_ok else ""


def status_kib():
    db = os.path.join(work, "sentpage-empty.db")
    run([ik, "--db", db, "init", "--name", "bench"])
    proc = run(["/usr/bin/time", "-f", "%M", ik, "--db", db, "--now", now, "status"])
    os.remove(db)
    return int(proc.stderr.strip().splitlines()[-1])


padded = os.path.join(work, "Sent-100MiB.html")
run([sys.executable, gen, "big", "--out", padded, "--cards", "1500", "--pad-mb", "100"])
os.utime(padded, None)
junk = os.path.join(work, "not-a-page-100MiB.html")
with open(junk, "w") as f:
    f.write("<!DOCTYPE html><html><head><title>Some page</title></head><body>\n")
    row = "<div class=\"x\"><span>Lorem ipsum dolor sit amet</span> &amp; more</div>\n"
    f.write(row * ((100 << 20) // len(row)))
    f.write("</body></html>\n")

small, _ = peak_kib(page)
big, _ = peak_kib(padded)
refused, message = peak_kib(junk, expect_ok=False)
print("  peak memory of an import into an empty ledger (/usr/bin/time -f %M)")
print(f"    (status on an empty ledger, for scale)   {status_kib() / 1024:7.1f} MiB")
print(f"    the page above ({os.path.getsize(page) / 1e6:.1f} MB)           {small / 1024:7.1f} MiB")
print(f"    1,500 cards in a {os.path.getsize(padded) / 2**20:.0f} MiB page         {big / 1024:7.1f} MiB")
print(f"    a {os.path.getsize(junk) / 2**20:.0f} MiB page that is not one    {refused / 1024:7.1f} MiB  ({message.split(': ', 1)[-1]})")
for path in (padded, junk):
    os.remove(path)
