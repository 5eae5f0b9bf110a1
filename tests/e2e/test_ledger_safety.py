#!/usr/bin/env python3
"""End-to-end tests of what must never happen to a member's ledger, each from a defect
found by using invitekeeper as a hostile or a new user would (issue 20): a crash on a
daily command, invitations marked gone by a partial file, a result that depends on the
order of imports, a database created or changed where it should not be, a failed
write reported as a success.

Run: test_ledger_safety.py BINARY DEMO_DIR
"""
import datetime as dt
import hashlib
import json
import os
import random
import resource
import signal
import sqlite3
import subprocess
import sys
import unittest
import zipfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import test_import  # noqa: E402  (the Ledger helpers)
from test_import import CONN_HEADER, CONN_PREAMBLE, INV_HEADER, Ledger, TempCase, inv_row, make_zip  # noqa: E402

DEMO_NOW = "2026-11-25T08:30:00Z"


def demo_zips():
    return sorted(str(p) for p in Path(test_import.DEMO).glob("Basic_LinkedInDataExport_*.zip"))


class DemoCase(TempCase):
    """A ledger holding the bundled demo's three exports, the clock at the demo's day."""

    def setUp(self):
        super().setUp()
        self.ledger.now = DEMO_NOW
        self.ledger.run("import", *demo_zips(), check=0)


    def run_limited(self, *args, file_size):
        """Runs a command on the demo ledger that can write no file past `file_size`
        bytes: a full disk, for whichever file reaches the limit first."""
        def limit():
            signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
            resource.setrlimit(resource.RLIMIT_FSIZE, (file_size, file_size))
        cmd = [test_import.BINARY, "--db", str(self.ledger.db), "--now", DEMO_NOW, *args]
        return subprocess.run(cmd, cwd=self.tmp, capture_output=True, text=True, timeout=120, preexec_fn=limit,
                              env={"PATH": os.environ["PATH"], "HOME": str(self.tmp)})

class NoCrash(DemoCase):
    def test_months_of_sends_without_connections_keep_every_daily_command_working(self):
        # 3,000 sends recorded today, none known accepted: the newest 3,000 (the sample the
        # member's own curve is built from) hold no acceptance, though the history has 844.
        rows = "".join(inv_row(f"Fresh Person{i}", f"fresh-person-{i}", f"11/25/26, {1 + i % 7}:{i % 60:02d} AM")
                       for i in range(3000))
        self.ledger.run("import", str(self.write("Invitations.csv", INV_HEADER + rows)), check=0)
        status = self.ledger.json("status")
        self.assertEqual(status["pending"], 1385 + 3000)
        stats = self.ledger.json("stats")
        self.assertEqual(stats["accepted"], 0)
        self.assertEqual(stats["curve_source"], "prior")
        for command in (["forecast"], ["health"], ["plan", "withdraw"], ["plan", "send"],
                        ["simulate", "--runs", "5", "--days", "30"], ["history"]):
            self.ledger.json(*command)


def ledger_state(db):
    """What a member's ledger holds, without the row ids and recording times that
    depend on when each row arrived: each invitation's identity and fate, each
    connection, each whole export."""
    con = sqlite3.connect(db)
    try:
        return {
            "invitations": con.execute(
                "SELECT direction, person_key, name, sent_at, message, status, status_at, seen_at FROM invitations "
                "ORDER BY direction, person_key, sent_at").fetchall(),
            "connections": con.execute(
                "SELECT person_key, first_name, last_name, company, position, connected_on, listed_at FROM connections "
                "ORDER BY person_key").fetchall(),
            "snapshots": con.execute("SELECT covers_from, taken_by, as_of FROM snapshots ORDER BY 1, 2, 3").fetchall(),
        }
    finally:
        con.close()


class PartialFiles(DemoCase):
    """Issue 20: a file that holds only part of an export marked hundreds gone, for good."""

    def test_one_row_marks_nothing_gone_and_says_why(self):
        before = self.ledger.json("status")["pending"]
        for direction in ("OUTGOING", "INCOMING"):
            # Sent after the newest export: nothing says it is gone.
            row = inv_row("Nell Ahn", f"nell-ahn-{direction.lower()}", "11/25/26, 8:00 AM", direction=direction)
            r = self.ledger.json("import", str(self.write("Invitations.csv", INV_HEADER + row)))
            self.assertEqual(r["gone"], 0)
            self.assertIs(r["sources"][0]["whole_export"], False)
            self.assertTrue(any("taken for part of an export" in w["message"] for w in r["warnings"]), r["warnings"])
        self.assertEqual(self.ledger.json("status")["pending"], before + 1)

    def test_a_later_export_listing_a_gone_invitation_makes_it_pending_again(self):
        con = sqlite3.connect(self.ledger.db)
        gone = con.execute("SELECT count(*) FROM invitations WHERE status = 'gone' AND direction = 'outgoing'"
                           ).fetchone()[0]
        con.close()
        self.assertEqual(gone, 55)
        # The member's newest export lists them all again (say LinkedIn's export had
        # lost them): built from the newest demo export plus the gone ones' rows.
        import zipfile
        newest = demo_zips()[-1]
        with zipfile.ZipFile(newest) as z:
            invitations = z.read("Invitations.csv").decode()
            connections = z.read("Connections.csv").decode()
        con = sqlite3.connect(self.ledger.db)
        rows = con.execute("SELECT name, profile_url, sent_at FROM invitations WHERE status = 'gone' AND "
                           "direction = 'outgoing' AND profile_url <> ''").fetchall()
        con.close()
        extra = "".join(inv_row(name, url.rsplit("/", 1)[1], dt.datetime.fromtimestamp(at, dt.timezone.utc)
                                .strftime("%-m/%-d/%y, %-I:%M %p")) for name, url, at in rows)
        make_zip(self.tmp / "Basic_LinkedInDataExport_11-26-2026.zip",
                 {"Invitations.csv": invitations + extra, "Connections.csv": connections})
        before = self.ledger.json("status")["pending"]
        r = self.ledger.json("import", str(self.tmp / "Basic_LinkedInDataExport_11-26-2026.zip"),
                             now="2026-11-26T09:00:00Z")
        self.assertEqual(r["seen_again"], len(rows))
        self.assertEqual(r["pending"], before + len(rows))
        text = self.ledger.run("history", now="2026-11-26T09:00:00Z", check=0)
        self.assertEqual(text.returncode, 0)

    def test_dry_run_says_what_would_change_and_writes_nothing(self):
        before = self.ledger.dump()
        rows = "".join(inv_row(f"New Person{i}", f"new-person-{i}", "11/25/26, 8:00 AM") for i in range(3))
        path = self.write("Invitations.csv", INV_HEADER + rows)
        r = self.ledger.json("import", "--dry-run", str(path))
        self.assertTrue(r["dry_run"])
        self.assertEqual(r["invitations"]["new"], 3)
        self.assertEqual(r["pending"], 1388)
        self.assertEqual(self.ledger.dump(), before)
        text = self.ledger.run("import", "--dry-run", str(path), check=0).stdout
        self.assertIn("Would import", text)
        self.assertIn("Dry run: nothing was written", text)

    def test_an_import_is_undone_whole(self):
        before = ledger_state(self.ledger.db)
        status = self.ledger.json("status")
        # A day later's export: the newest demo export, three new invitations, one of
        # them accepted already, and every other connection at a new company.
        import zipfile
        with zipfile.ZipFile(demo_zips()[-1]) as z:
            invitations = z.read("Invitations.csv").decode()
            connections = z.read("Connections.csv").decode()
        rows = "".join(inv_row(f"New Person{i}", f"new-person-{i}", "11/25/26, 8:00 AM") for i in range(3))
        lines = connections.split("\n")
        moved = [line.replace(",Engineer,", ",Staff Engineer,") for line in lines]
        conns = "\n".join(moved) + "\nNew,Person0,https://www.linkedin.com/in/new-person-0,,Acme,CTO,25 Nov 2026"
        make_zip(self.tmp / "Basic_LinkedInDataExport_11-25-2026.zip",
                 {"Invitations.csv": INV_HEADER + rows + invitations[len(INV_HEADER):], "Connections.csv": conns})
        r = self.ledger.json("import", str(self.tmp / "Basic_LinkedInDataExport_11-25-2026.zip"))
        self.assertTrue(r["changed"])
        self.assertEqual((r["invitations"]["new"], r["accepted"], r["gone"]), (3, 1, 0))
        self.assertNotEqual(ledger_state(self.ledger.db), before)
        undone = self.ledger.json("import", "--undo")
        self.assertEqual(undone["invitations_removed"], 3)
        self.assertEqual(undone["connections_removed"], 1)
        self.assertGreater(undone["connections_restored"], 1000)
        self.assertGreater(undone["sightings_undone"], 1000)
        self.assertEqual(undone["pending"], status["pending"])
        self.assertEqual(ledger_state(self.ledger.db), before)
        self.assertEqual(self.ledger.json("status"), status)
        # Then the three demo exports (one command, one import), back to an empty ledger.
        self.ledger.json("import", "--undo")
        empty = ledger_state(self.ledger.db)
        self.assertEqual(empty, {"invitations": [], "connections": [], "snapshots": []})
        refused = self.ledger.run("import", "--undo")
        self.assertEqual(refused.returncode, 3)
        self.assertIn("no import to undo", refused.stderr)

    def test_undo_refuses_while_a_later_mark_depends_on_the_import(self):
        rows = inv_row("New Person", "new-person", "11/25/26, 8:00 AM")
        self.ledger.run("import", str(self.write("Invitations.csv", INV_HEADER + rows)), check=0)
        self.ledger.run("mark", "withdrawn", "https://www.linkedin.com/in/new-person", check=0)
        before = self.ledger.dump()
        refused = self.ledger.run("import", "--undo")
        self.assertEqual(refused.returncode, 3)
        self.assertIn("undo that mark first", refused.stderr)
        self.assertEqual(self.ledger.dump(), before)
        self.ledger.run("mark", "undo", "https://www.linkedin.com/in/new-person", check=0)
        self.assertEqual(self.ledger.json("import", "--undo")["invitations_removed"], 1)


class ImportOrder(TempCase):
    """Issue 20: the same set of exports gives the same ledger in any order."""

    def test_the_demo_exports_in_any_order(self):
        states = []
        for order in (demo_zips(), demo_zips()[::-1], [demo_zips()[i] for i in (1, 2, 0)]):
            for one_command in (True, False):
                tmp = self.tmp / f"run{len(states)}"
                tmp.mkdir()
                ledger = Ledger(tmp, now=DEMO_NOW)
                ledger.run("init", "--name", "robin", check=0)
                if one_command:
                    ledger.run("import", *order, check=0)
                else:
                    for z in order:
                        ledger.run("import", z, check=0)
                states.append((ledger_state(ledger.db), ledger.json("status")))
        self.assertEqual(states[0][1]["pending"], 1385)
        for state in states[1:]:
            self.assertEqual(state[1], states[0][1])
            self.assertEqual(state[0], states[0][0])

    def test_random_export_series_in_random_orders(self):
        """A made-up member's outreach, exported a few times as LinkedIn would, plus
        now and then a file cut down in a spreadsheet; each series imported in order,
        in reverse, and shuffled, in one command and one by one."""
        self.series_truth = {}
        for seed in range(12):
            rnd = random.Random(seed)
            files, self.series_truth[seed] = self.random_series(rnd, self.tmp / f"series{seed}")
            orders = [files, files[::-1], rnd.sample(files, len(files)), rnd.sample(files, len(files))]
            states = []
            for k, order in enumerate(orders):
                tmp = self.tmp / f"series{seed}" / f"order{k}"
                tmp.mkdir()
                ledger = Ledger(tmp, now="2026-11-30T12:00:00Z")
                ledger.run("init", "--name", "robin", check=0)
                if k % 2 == 0:
                    ledger.run("import", *map(str, order), check=0)
                else:
                    for f in order:
                        ledger.run("import", str(f), check=0)
                states.append(ledger_state(ledger.db))
            for k in range(1, len(states)):
                self.assertEqual(states[k], states[0], f"seed {seed}: order {[f.name for f in orders[k]]}")
            self.assert_true_to_life(seed, states[0])

    def assert_true_to_life(self, seed, state):
        """What the ledger concludes against what happened: acceptances are exactly
        the ones an export's connections show; nobody is gone who was not withdrawn;
        everyone withdrawn while a later export still reached back to them is gone."""
        people, exports = self.series_truth[seed]
        status = {row[1]: row[5] for row in state["invitations"]}
        self.assertEqual(len(status), len(state["invitations"]), "one invitation per person")
        last = max(e["taken"] for e in exports)
        for p in people:
            key = "in:" + p["slug"]
            listed = [e for e in exports if p["slug"] in e["slugs"]]
            if not listed:
                self.assertNotIn(key, status)
                continue
            got = status[key]
            if p["fate"] == "accepted" and p["at"] <= last:
                self.assertEqual(got, "accepted", f"seed {seed}: {p}")
                continue
            if got == "gone":
                self.assertEqual(p["fate"], "withdrawn", f"seed {seed}: gone but never withdrawn: {p}")
            seen = max(e["taken"] for e in listed)
            told = any(e["taken"] > seen and e["oldest"] <= p["sent"] <= e["taken"] and
                       p["sent"] >= e["taken"] - dt.timedelta(days=180) for e in exports)
            if told:
                self.assertEqual(got, "gone", f"seed {seed}: withdrawn, and a later export reaches back: {p}")

    @staticmethod
    def random_series(rnd, folder):
        folder.mkdir()
        end = dt.datetime(2026, 11, 28, tzinfo=dt.timezone.utc)
        people = []
        for i in range(rnd.randint(40, 120)):
            sent = end - dt.timedelta(days=rnd.uniform(0, 300), minutes=rnd.randint(0, 600))
            sent = sent.replace(second=0, microsecond=0)
            fate = rnd.choices(["accepted", "withdrawn", "pending"], [0.35, 0.15, 0.5])[0]
            at = sent + dt.timedelta(days=rnd.uniform(0, 40) if fate == "accepted" else rnd.uniform(14, 90))
            incoming = rnd.random() < 0.15
            people.append(dict(name=f"Person{i} Example", slug=f"p{i}-example", sent=sent, fate=fate, at=at,
                               direction="INCOMING" if incoming else "OUTGOING", company=rnd.choice(["Acme", "Globex"])))
        days = sorted(rnd.sample(range(0, 300, 7), rnd.randint(2, 4)))
        files, exports = [], []
        for d in days:
            taken = end - dt.timedelta(days=d)
            rows, conns, slugs = [], [], set()
            for p in sorted(people, key=lambda p: p["sent"], reverse=True):
                if p["sent"] > taken or p["sent"] < taken - dt.timedelta(days=182):
                    continue
                if p["fate"] == "withdrawn" and p["at"] <= taken:
                    continue
                stamp = p["sent"].strftime("%-m/%-d/%y, %-I:%M %p")
                if p["direction"] == "OUTGOING":
                    rows.append(inv_row(p["name"], p["slug"], stamp))
                else:
                    rows.append(f'{p["name"]},Robin Vale,"{stamp}",,INCOMING,https://www.linkedin.com/in/{p["slug"]},'
                                f'{test_import.ME}\n')
                slugs.add(p["slug"])
            if rows:
                oldest = min(p["sent"] for p in people if p["slug"] in slugs)
                exports.append(dict(taken=taken, slugs=slugs, oldest=oldest))
            for p in people:
                if p["fate"] == "accepted" and p["at"] <= taken:
                    first, last = p["name"].split()
                    conns.append(f"{first},{last},https://www.linkedin.com/in/{p['slug']},,"
                                 f"{p['company'] if d % 2 else 'Initech'},Engineer,{p['at'].strftime('%d %b %Y')}")
            name = f"Basic_LinkedInDataExport_{taken.strftime('%m-%d-%Y')}.zip"
            make_zip(folder / name, {"Invitations.csv": INV_HEADER + "".join(rows),
                                     "Connections.csv": CONN_PREAMBLE + CONN_HEADER + "\n".join(conns)})
            files.append(folder / name)
            if rnd.random() < 0.4 and rows:  # a few rows of it, saved apart
                part = folder / f"part-{len(files)}-Invitations.csv"
                part.write_text(INV_HEADER + "".join(rnd.sample(rows, max(1, len(rows) // 5))))
                files.append(part)
        return files, (people, exports)


def files_digest(folder):
    """Every file under `folder`, with a digest of its bytes."""
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(Path(folder).rglob("*")) if p.is_file()}


class Paths(TempCase):
    """Issue 20: a refused command created a 100 KB database and its folders at a
    mistyped path, another program's SQLite file got invitekeeper's tables, and an
    empty --db acted on the member's real ledger."""

    def run_at(self, db, *args, env=None):
        full_env = {"PATH": os.environ["PATH"], "HOME": str(self.tmp), "XDG_CONFIG_HOME": str(self.tmp / "cfg")}
        full_env.update(env or {})
        return subprocess.run([test_import.BINARY, *(["--db", db] if db is not None else []), *args], cwd=self.tmp,
                              env=full_env, capture_output=True, text=True, timeout=60)

    def test_only_init_creates_a_ledger_and_only_when_it_succeeds(self):
        before = files_digest(self.tmp)
        typo = str(self.tmp / "typo" / "ledgr.db")
        for args in (["--now", "garbage", "status"], ["--config", "nowhere.toml", "status"], ["status"],
                     ["mark", "sent", "https://www.linkedin.com/in/ann-bo"], ["import", "--undo"],
                     ["init", "--name", "x", "--tz", "Bad/Zone"], ["--now", "garbage", "init", "--name", "x"],
                     ["queue", "add", "https://www.linkedin.com/in/ann-bo"]):
            proc = self.run_at(typo, *args)
            self.assertNotEqual(proc.returncode, 0, args)
            self.assertEqual(files_digest(self.tmp), before, f"{args} left files behind")
        proc = self.run_at(typo, "status")
        self.assertEqual(proc.returncode, 1)
        self.assertIn("no ledger there; create one with `invitekeeper init --name NAME`", proc.stderr)
        self.assertEqual(self.run_at(typo, "init", "--name", "x").returncode, 0)
        self.assertTrue(Path(typo).exists())

    def test_another_programs_database_is_refused_untouched(self):
        other = self.tmp / "photos.db"
        con = sqlite3.connect(other)
        con.execute("CREATE TABLE albums (id INTEGER PRIMARY KEY, title TEXT)")
        con.commit()
        con.close()
        before = other.read_bytes()
        for args in (["status"], ["init", "--name", "x"], ["import", "--undo"]):
            proc = self.run_at(str(other), *args)
            self.assertEqual(proc.returncode, 2, proc.stderr)
            self.assertIn("an SQLite database of another program (tables albums), not an invitekeeper ledger",
                          proc.stderr)
            self.assertEqual(other.read_bytes(), before)
        self.assertEqual(sorted(p.name for p in self.tmp.glob("photos.db*")), ["photos.db"])

    def test_an_empty_db_never_means_the_default_ledger(self):
        # The member's real ledger at the default path must not be touched.
        self.assertEqual(self.run_at(None, "init", "--name", "real").returncode, 0)
        default = self.tmp / ".local/share/invitekeeper/invitekeeper.db"
        before = default.read_bytes()
        for db, env in (("", None), (None, {"INVITEKEEPER_DB": ""})):
            proc = self.run_at(db, "mark", "sent", "https://www.linkedin.com/in/ann-bo", env=env)
            self.assertEqual(proc.returncode, 1)
            self.assertRegex(proc.stderr, r"(--db|\$INVITEKEEPER_DB) is empty")
        self.assertEqual(default.read_bytes(), before)


    def test_a_database_address_is_read_once_and_a_server_uri_creates_nothing(self):
        """Issue 12: `--db postgresql://host/db` made a folder named "postgresql:" and an
        SQLite file in it. A server URI goes to the server (here one that is not there:
        exit 6, naming the server but never the password); an unknown scheme is refused
        naming the scheme only; `sqlite:PATH` names a file. No files are left either way."""
        before = files_digest(self.tmp)
        for uri, code, said in (
                ("postgresql://robin:s3cret-pw@127.0.0.1:1/ledger", 6,
                 "postgresql://robin@127.0.0.1:1/ledger: cannot reach the database server"),
                ("postgres:///ledger?host=/nonexistent-ik-socket-dir&password=s3cret-pw", 6,
                 "postgresql:///ledger?host=/nonexistent-ik-socket-dir&port=5432: cannot reach the database server"),
                ("mysql://robin:s3cret-pw@db.example/ledger", 1, "mysql://...: not a kind of ledger")):
            for args in (["status"], ["init", "--name", "x"], ["serve", "--listen", "127.0.0.1:0"]):
                with self.subTest(uri=uri, args=args):
                    proc = self.run_at(uri, *args)
                    self.assertEqual(proc.returncode, code, proc.stderr)
                    self.assertIn(f"invitekeeper: {said}", proc.stderr)
                    self.assertNotIn("s3cret", proc.stderr + proc.stdout)
                    self.assertEqual(files_digest(self.tmp), before, f"{uri} {args} left files behind")
        for uri, path in (("sqlite:named.db", self.tmp / "named.db"),
                          (f"sqlite://{self.tmp}/abs.db", self.tmp / "abs.db")):
            with self.subTest(uri=uri):
                self.assertEqual(self.run_at(uri, "init", "--name", "x").returncode, 0)
                self.assertTrue(path.exists())
                self.assertEqual(self.run_at(str(path), "--json", "accounts").returncode, 0)
        self.assertEqual(self.run_at("sqlite:", "status").returncode, 1)


class Storage(DemoCase):
    """Issue 20: a full disk or a read-only ledger gave exit 4 with SQLite's words
    ("cannot rollback - no transaction is active"). Now: a plain message, exit 6,
    and the ledger as it was."""

    def test_a_full_disk_is_said_plainly_and_nothing_is_written(self):
        rows = "".join(inv_row(f"New Person{i}", f"new-person-{i}", "11/25/26, 8:00 AM", note="x" * 200)
                       for i in range(20000))
        big = self.write("Invitations.csv", INV_HEADER + rows)
        status = self.ledger.json("status")
        size = self.ledger.db.stat().st_size
        for args in (["import", str(big)], ["--json", "import", str(big)]):
            proc = self.run_limited(*args, file_size=size + 64 * 1024)
            self.assertEqual(proc.returncode, 6, proc.stderr)
            self.assertIn("the disk is full; nothing was written", proc.stderr)
            self.assertNotIn("rollback", proc.stderr)
        self.assertEqual(json.loads(proc.stdout)["error"]["code"], "disk_full")
        self.assertEqual(self.ledger.json("status"), status)

    def test_a_read_only_ledger_is_said_plainly(self):
        status = self.ledger.json("status")
        before = self.ledger.digest()
        os.chmod(self.tmp, 0o755)
        os.chmod(self.ledger.db, 0o444)
        # root writes read-only files anyway: the command runs as nobody then.
        drop = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"] if os.getuid() == 0 else []
        for args in (["mark", "sent", "https://www.linkedin.com/in/ann-bo"], ["template", "add", "hi", "Hi {first}"],
                     ["queue", "add", "https://www.linkedin.com/in/ann-bo"], ["init", "--name", "other"]):
            proc = subprocess.run([*drop, test_import.BINARY, "--db", str(self.ledger.db), "--now", DEMO_NOW, *args],
                                  cwd=self.tmp, capture_output=True, text=True, timeout=60,
                                  env={"PATH": os.environ["PATH"], "HOME": str(self.tmp)})
            self.assertEqual(proc.returncode, 6, f"{args}: {proc.stderr}")
            self.assertIn("the ledger is read-only", proc.stderr)
        os.chmod(self.ledger.db, 0o644)
        self.assertEqual(self.ledger.digest(), before)
        self.assertEqual(self.ledger.json("status"), status)


class Limits(TempCase):
    """Issue 20: --config /dev/zero read until the kernel killed it, import /dev/zero
    ended in bad_alloc (exit 4), simulate --threads 50000 aborted (exit 134). Each
    runs here under a 2 GiB address-space limit, so that reading without a bound
    fails the test instead of taking the machine."""

    MEMORY = 2 << 30

    def run_bounded(self, *args, stdin=None):
        def limit():
            resource.setrlimit(resource.RLIMIT_AS, (self.MEMORY, self.MEMORY))
        cmd = [test_import.BINARY, "--db", str(self.ledger.db), "--now", self.ledger.now, *args]
        return subprocess.run(cmd, cwd=self.tmp, capture_output=True, text=True, timeout=60, preexec_fn=limit,
                              stdin=stdin, env={"PATH": os.environ["PATH"], "HOME": str(self.tmp)})

    def assert_refused(self, proc, code, message):
        self.assertEqual(proc.returncode, code, proc.stderr)
        self.assertIn(message, proc.stderr)
        self.assertNotIn("bad_alloc", proc.stderr)

    def test_endless_files_are_refused_with_a_reason(self):
        before = self.ledger.dump()
        self.assert_refused(self.run_bounded("--config", "/dev/zero", "status"), 2,
                            "/dev/zero: larger than 1024 KiB: not a settings file")
        self.assert_refused(self.run_bounded("import", "/dev/zero"), 2,
                            "binary or non-UTF-8 data: this is not a CSV file of LinkedIn's export")
        self.assert_refused(self.run_bounded("queue", "import", "/dev/zero"), 2,
                            "/dev/zero: binary data, not a CSV list of people to invite")
        with open("/dev/zero", "rb") as zero:
            self.assert_refused(self.run_bounded("import", "/dev/stdin", stdin=zero), 2, "binary or non-UTF-8 data")
        self.assertEqual(self.ledger.dump(), before)

    def test_a_zip_that_expands_past_any_real_export_is_refused_before_it_is_read(self):
        # 24 MB on disk, 600 MiB of valid-looking rows inside (deflated 25 times, as
        # varied rows are): a real Invitations.csv of six months is a few megabytes.
        rows = "".join(inv_row(f"Bomb Person{i}", f"bomb-person-{i}", "11/20/26, 9:00 AM") for i in range(4000))
        chunk = rows.encode()
        bomb = self.tmp / "Basic_LinkedInDataExport_11-24-2026.zip"
        with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as z:
            with z.open("Invitations.csv", "w", force_zip64=True) as f:
                f.write(INV_HEADER.encode())
                for _ in range((600 << 20) // len(chunk) + 1):
                    f.write(chunk)
        before = self.ledger.dump()
        self.assert_refused(self.run_bounded("import", str(bomb)), 2,
                            "Basic_LinkedInDataExport_11-24-2026.zip/Invitations.csv: expands to more than 512 MiB, "
                            "more than any file of a LinkedIn export (import.max_file_bytes)")
        self.assertEqual(self.ledger.dump(), before)

    def test_a_zip_bomb_is_stopped_long_before_the_size_limit_within_a_gibibyte(self):
        # One row over and over: 256 MiB deflate to a quarter of a megabyte (1,000
        # times); the import stops once what is out passes 100 times that (25 MiB),
        # the file and the limit named, in a process allowed 1 GiB.
        row = inv_row("Bomb Person", "bomb-person", "11/20/26, 9:00 AM").encode()
        bomb = self.tmp / "Basic_LinkedInDataExport_11-24-2026.zip"
        with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
            with z.open("Invitations.csv", "w", force_zip64=True) as f:
                f.write(INV_HEADER.encode())
                block = row * ((1 << 20) // len(row))
                for _ in range(256):
                    f.write(block)
        self.assertLess(bomb.stat().st_size, 2 << 20)
        before = self.ledger.dump()
        self.MEMORY = 1 << 30
        proc = self.run_bounded("import", str(bomb))
        self.assert_refused(proc, 2, "Basic_LinkedInDataExport_11-24-2026.zip/Invitations.csv: inflates more than "
                                     "100 times its")
        self.assertIn("a zip bomb?", proc.stderr)
        self.assertEqual(self.ledger.dump(), before)

    def test_zip_entries_that_climb_out_or_crowd_the_zip_are_not_read(self):
        climbing = self.tmp / "Basic_LinkedInDataExport_11-24-2026.zip"
        good = INV_HEADER + inv_row("Ada Obi", "ada-obi", "11/20/26, 9:00 AM")
        with zipfile.ZipFile(climbing, "w") as z:
            z.writestr("../Invitations.csv", good)
            z.writestr("/etc/Invitations.csv", good)
            z.writestr("a/../../Invitations.csv", good)
        self.assert_refused(self.run_bounded("import", str(climbing)), 2,
                            "holds no Invitations.csv or Connections.csv of a LinkedIn export")
        crowded = self.tmp / "crowded.zip"
        with zipfile.ZipFile(crowded, "w") as z:
            z.writestr("Invitations.csv", good)
            for i in range(10_001):
                z.writestr(f"x/{i}.txt", "")
        self.assert_refused(self.run_bounded("import", str(crowded)), 2,
                            "crowded.zip: holds 10002 entries, more than the 10000 of any LinkedIn export")
        self.assertEqual(self.ledger.json("status")["pending"], 0)

    def test_the_largest_file_is_a_setting(self):
        big = self.tmp / "Invitations.csv"
        rows = "".join(inv_row(f"Big Person{i}", f"big-person-{i}", "11/20/26, 9:00 AM") for i in range(12_000))
        big.write_text(INV_HEADER + rows)
        self.assertGreater(big.stat().st_size, 1 << 20)
        config = self.tmp / "small.toml"
        config.write_text("[import]\nmax_file_bytes = 1048576\n")
        self.assert_refused(self.run_bounded("--config", str(config), "import", str(big)), 2,
                            "Invitations.csv: larger than 1 MiB, more than any file of a LinkedIn export "
                            "(import.max_file_bytes)")
        self.assertEqual(self.run_bounded("import", str(big)).returncode, 0)

    def test_a_thread_count_past_any_machine_is_a_usage_error(self):
        proc = self.run_bounded("simulate", "--threads", "50000", "--runs", "2", "--days", "7")
        self.assert_refused(proc, 1, "--threads: Value 50000 not in range 0 to 256")
        self.assertEqual(self.run_bounded("simulate", "--threads", "256", "--runs", "2", "--days", "7").returncode, 0)


class OutputFiles(DemoCase):
    """Issue 20: `report --html /dev/full` and `plan send --ics /dev/full` printed
    "written" and exited 0 (the temporary file beside it was renamed over the device),
    and a failed write left FILE.tmp behind."""

    COMMANDS = (["report", "--html"], ["plan", "send", "--ics"], ["plan", "send", "--csv"])

    def setUp(self):
        super().setUp()
        self.ledger.run("queue", "add", "https://www.linkedin.com/in/noor-haddad-demo", check=0)

    def test_a_device_that_takes_nothing_is_a_failed_write(self):
        if not os.path.exists("/dev/full"):
            self.skipTest("no /dev/full here")
        for args in self.COMMANDS:
            proc = self.ledger.run(*args, "/dev/full")
            self.assertEqual(proc.returncode, 2, f"{args}: {proc.stderr}")
            self.assertIn("/dev/full: cannot write the file: No space left on device", proc.stderr)
            self.assertNotIn("written", proc.stdout)
            self.assertFalse(os.path.exists("/dev/full.tmp"))
            self.assertTrue(Path("/dev/full").is_char_device(), "the device is still a device")

    def test_a_disk_that_fills_up_midway_leaves_the_old_file_whole(self):
        # The report is written whole first, to learn its size; then the same report
        # with room for all but its last byte (the ledger's own 32 KB shared-memory
        # file still fits, so the report is the write that fails).
        target = self.tmp / "report.html"
        self.ledger.run("report", "--html", str(target), check=0)
        size = target.stat().st_size
        if size <= 33 * 1024:
            self.skipTest(f"the report is only {size} bytes: the limit would stop the ledger first")
        target.write_text("the member's last report")
        proc = self.run_limited("report", "--html", str(target), file_size=size - 1)
        self.assertEqual(proc.returncode, 2, proc.stderr)
        self.assertIn(f"{target}: cannot write the file: File too large", proc.stderr)
        self.assertNotIn("written", proc.stdout)
        self.assertEqual(target.read_text(), "the member's last report", "the old file is untouched")
        self.assertEqual(sorted(p.name for p in self.tmp.glob("report.html*")), ["report.html"], "no FILE.tmp left")

    def test_a_good_write_replaces_the_file_whole(self):
        target = self.tmp / "report.html"
        target.write_text("old")
        proc = self.ledger.run("report", "--html", str(target), check=0)
        self.assertIn(f"Report written to {target}", proc.stdout)
        self.assertTrue(target.read_text().startswith("<!doctype html>") or "<html" in target.read_text()[:500])
        self.assertEqual(sorted(p.name for p in self.tmp.glob("report.html*")), ["report.html"])


if __name__ == "__main__":
    test_import.BINARY, test_import.DEMO = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
    unittest.main(argv=[sys.argv[0], "-v"])
