#!/usr/bin/env python3
"""End-to-end tests of `import`: the real binary, a real SQLite file, real zips.

Run: test_import.py BINARY DEMO_DIR
"""
import hashlib
import json
import os
import sqlite3
import subprocess
import sys
import tempfile
import unittest
import zipfile
from pathlib import Path

BINARY = ""
DEMO = ""

INV_HEADER = "From,To,Sent At,Message,Direction,inviterProfileUrl,inviteeProfileUrl\n"
CONN_PREAMBLE = 'Notes:\n"When exporting your connection data, you may notice that some of the email addresses are missing."\n\n'
CONN_HEADER = "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
ME = "https://www.linkedin.com/in/robin-vale"


def inv_row(name, slug, sent, note="", direction="OUTGOING"):
    return f'Robin Vale,{name},"{sent}",{note},{direction},{ME},https://www.linkedin.com/in/{slug}\n'


def conn_row(first, last, slug, on):
    return f"{first},{last},https://www.linkedin.com/in/{slug},,Acme,Engineer,{on}"


def make_zip(path: Path, files: dict):
    with zipfile.ZipFile(path, "w") as z:
        for name, text in files.items():
            z.writestr(name, text.encode() if isinstance(text, str) else text)


class Ledger:
    """A temporary database and the binary, with the clock pinned."""

    def __init__(self, tmp: Path, now="2026-11-26T09:00:00Z"):
        self.tmp = tmp
        self.db = tmp / "ledger.db"
        self.now = now

    def run(self, *args, now=None, check=None):
        env = {"PATH": os.environ["PATH"], "HOME": str(self.tmp), "XDG_CONFIG_HOME": str(self.tmp / "cfg")}
        cmd = [BINARY, "--db", str(self.db), "--now", now or self.now, *args]
        proc = subprocess.run(cmd, cwd=self.tmp, env=env, capture_output=True, text=True, timeout=120)
        if check is not None and proc.returncode != check:
            raise AssertionError(f"{cmd} exited {proc.returncode}, wanted {check}\n{proc.stdout}\n{proc.stderr}")
        return proc

    def json(self, *args, now=None):
        return json.loads(self.run("--json", *args, now=now, check=0).stdout)

    def digest(self):
        return hashlib.sha256(self.db.read_bytes()).hexdigest()

    def dump(self):
        con = sqlite3.connect(self.db)
        try:
            return "\n".join(con.iterdump())
        finally:
            con.close()


class TempCase(unittest.TestCase):
    def setUp(self):
        self._tmp = tempfile.TemporaryDirectory(prefix="ik-e2e-")
        self.tmp = Path(self._tmp.name)
        self.ledger = Ledger(self.tmp)
        self.ledger.run("init", "--name", "robin", check=0)

    def tearDown(self):
        self._tmp.cleanup()

    def write(self, name, data):
        p = self.tmp / name
        p.write_bytes(data if isinstance(data, bytes) else data.encode())
        return p


def run_on_a_terminal(cmd, env, cwd):
    """Runs cmd with its standard error on a pseudo-terminal (as in a shell): its
    stdout, and what it drew on the terminal."""
    import pty
    main, side = pty.openpty()
    try:
        proc = subprocess.Popen(cmd, cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=side)
        os.close(side)
        drawn = b""
        while True:
            try:
                chunk = os.read(main, 65536)
            except OSError:  # EIO: the other side closed
                break
            if not chunk:
                break
            drawn += chunk
        out = proc.stdout.read()
        proc.stdout.close()
        proc.wait(timeout=120)
        return proc.returncode, out.decode(), drawn.decode()
    finally:
        os.close(main)


class SentPageOrder(TempCase):
    """A complete Sent page and an export taken before it give one ledger, whichever is
    imported first: what the page left off is gone as of the page."""

    PAGE = Path(__file__).resolve().parents[1] / "ingest" / "sent_pages" / "sent_2026_en.mhtml"

    def export(self):
        # Ada and Ben before the page (Dec 1); the page lists neither. Cy after it.
        rows = [inv_row("Ada Obi", "ada-obi", "11/20/26, 9:00 AM"), inv_row("Ben Lund", "ben-lund", "11/25/26, 9:00 AM"),
                inv_row("Cy Moss", "cy-moss", "12/2/26, 9:00 AM")]
        return self.write("Invitations.csv", INV_HEADER + "".join(rows))

    @staticmethod
    def pending_names(ledger):
        return {i["name"] for i in ledger.json("pending", "--limit", "1000", now="2026-12-03T10:00:00Z")["items"]}

    def test_page_first_or_export_first_give_the_same_pending(self):
        export = self.export()
        self.ledger.run("import", str(self.PAGE), now="2026-12-03T10:00:00Z", check=0)
        self.ledger.run("import", str(export), now="2026-12-03T10:00:00Z", check=0)
        page_first = self.pending_names(self.ledger)
        other = Ledger(self.tmp / "other")
        (self.tmp / "other").mkdir()
        other.run("init", "--name", "robin", check=0)
        other.run("import", str(export), now="2026-12-03T10:00:00Z", check=0)
        other.run("import", str(self.PAGE), now="2026-12-03T10:00:00Z", check=0)
        export_first = self.pending_names(other)
        self.assertEqual(page_first, export_first)
        self.assertNotIn("Ada Obi", page_first)
        self.assertNotIn("Ben Lund", page_first)
        self.assertIn("Cy Moss", page_first)
        # Undone newest first, the export and then the page: nothing of either is left.
        self.ledger.run("import", "--undo", now="2026-12-03T10:00:00Z", check=0)
        self.ledger.run("import", "--undo", now="2026-12-03T10:00:00Z", check=0)
        self.assertEqual(self.ledger.json("status", now="2026-12-03T10:00:00Z")["pending"], 0)


class ImportOnATerminal(TempCase):
    """What a member sees importing a real-size export in a terminal: each phase's
    progress, and a summary of a few lines however many warnings there are."""

    def bench_export(self):
        """A made-up export of 40,000 invitations (tools/gen_export.py), in export/."""
        subprocess.run([sys.executable, str(Path(__file__).resolve().parents[2] / "tools" / "gen_export.py"), "bench",
                        "--out", str(self.tmp / "export"), "--invitations", "40000", "--pending", "1500"],
                       check=True, capture_output=True)

    def test_progress_shows_every_phase_to_its_end_and_the_summary_stays_short(self):
        self.bench_export()
        # A real export's hidden profiles: connection rows with no name and no URL.
        connections = self.tmp / "export" / "Connections.csv"
        text = connections.read_text()
        connections.write_text(text + ("" if text.endswith("\n") else "\n") + ",,,,,,24 Nov 2025\n" * 2750)
        env = {"PATH": os.environ["PATH"], "HOME": str(self.tmp)}
        cmd = [BINARY, "--db", str(self.ledger.db), "--now", self.ledger.now, "import", str(self.tmp / "export")]
        code, out, drawn = run_on_a_terminal(cmd, env, self.tmp)
        self.assertEqual(code, 0, out + drawn)
        # Each redraw starts with a carriage return; a phase that ends leaves its line.
        # (The terminal turns each line feed into CR LF.)
        ended = [line.rsplit("\r", 1)[-1] for line in drawn.replace("\r\n", "\n").split("\n") if line.strip()]
        phases = [line.split()[0] for line in ended]
        self.assertEqual(phases, ["reading", "reconciling", "writing", "indexing"], drawn[-2000:])
        for line in ended:
            self.assertIn("100%", line)
        self.assertIn(str(self.tmp / "export"), ended[0])
        lines = out.splitlines()
        self.assertLessEqual(len(lines), 15, out)
        self.assertIn("2,750", out)  # the hidden profiles: one line with their count
        # --verbose lists every warning; the database is the same either way.
        self.ledger.run("import", "--undo", check=0)
        verbose = self.ledger.run("import", "--verbose", str(self.tmp / "export"), check=0).stdout
        self.assertGreater(len(verbose.splitlines()), 2750)

    def test_an_import_that_fails_midway_ends_the_progress_line_before_the_error(self):
        self.bench_export()
        with open(self.tmp / "export" / "Invitations.csv", "a") as f:
            f.write('Robin Vale,Ann Bo,"13/45/21, 9:00 AM",,OUTGOING,a,https://www.linkedin.com/in/ann-bo\n')
        env = {"PATH": os.environ["PATH"], "HOME": str(self.tmp)}
        code, out, drawn = run_on_a_terminal(
            [BINARY, "--db", str(self.ledger.db), "--now", self.ledger.now, "import", str(self.tmp / "export")], env,
            self.tmp)
        self.assertEqual(code, 2, drawn)
        error = [line for line in drawn.replace("\r\n", "\n").split("\n") if "Invitations.csv:" in line]
        self.assertEqual(len(error), 1, drawn[-2000:])
        self.assertTrue(error[0].strip().startswith("invitekeeper: "), error[0][-300:])
        self.assertEqual(self.ledger.json("status")["pending"], 0)

    def test_many_kinds_of_warnings_fold_to_fit_fifteen_lines(self):
        good = "".join(inv_row(f"Kim Lee{i}", f"kim-lee-{i}", "11/20/26, 9:00 AM") for i in range(3))
        nobody = 'Robin Vale,,"11/21/26, 9:00 AM",,OUTGOING,https://www.linkedin.com/in/robin-vale,\n' * 3
        bad = "".join(inv_row(f"Bad Date{i}", f"bad-{i}", "13/45/21, 9:00 AM") for i in range(4))
        export = self.tmp / "export"
        export.mkdir()
        (export / "Invitations.csv").write_text(INV_HEADER + good + nobody + bad)
        (export / "Connections.csv").write_text(
            CONN_PREAMBLE + CONN_HEADER + conn_row("Kim", "Lee0", "kim-lee-0", "21 Nov 2026") + "\n" +
            ",,,,,,21 Nov 2026\n" * 3)
        out = self.ledger.run("import", "--skip-invalid", str(export), check=0).stdout
        self.assertLessEqual(len(out.splitlines()), 15, out)
        self.assertIn("4 invalid rows skipped", out)
        verbose = self.ledger.run("import", "--dry-run", "--verbose", "--skip-invalid", str(export), check=0).stdout
        self.assertGreater(len(verbose.splitlines()), len(out.splitlines()))

    def test_a_small_import_draws_nothing(self):
        demo = sorted(Path(DEMO).glob("Basic_LinkedInDataExport_*.zip"))[0]
        env = {"PATH": os.environ["PATH"], "HOME": str(self.tmp)}
        code, out, drawn = run_on_a_terminal(
            [BINARY, "--db", str(self.ledger.db), "--now", self.ledger.now, "import", str(demo)], env, self.tmp)
        self.assertEqual(code, 0, out)
        self.assertEqual(drawn, "")
        self.assertLessEqual(len(out.splitlines()), 15, out)


class DemoExport(TempCase):
    """The bundled demo: three exports of a made-up member, imported in order."""

    def demo_zips(self):
        return sorted(str(p) for p in Path(DEMO).glob("Basic_LinkedInDataExport_*.zip"))

    def test_demo_import_counts_and_idempotent_reimport(self):
        zips = self.demo_zips()
        self.assertEqual(len(zips), 3)
        first = self.ledger.json("import", *zips, now="2026-11-25T08:30:00Z")
        # The generator's own reckoning of the ledger these files give (tools/gen_export.py).
        self.assertEqual(first["pending"], 1385)
        self.assertEqual(first["accepted"], 844)
        self.assertEqual(first["gone"], 55)
        self.assertTrue(first["changed"])
        self.assertEqual(first["invitations"]["new"] + first["invitations"]["unchanged"],
                         first["invitations"]["outgoing"] + first["invitations"]["incoming"])
        status = self.ledger.json("status", now="2026-11-25T08:30:00Z")
        self.assertEqual(status["pending"], 1385)
        self.assertAlmostEqual(status["acceptance_rate"], 814 / 2189, places=4)

        before = self.ledger.dump()
        again = self.ledger.json("import", *zips, now="2026-11-25T08:30:00Z")
        self.assertFalse(again["changed"])
        self.assertEqual(again["invitations"]["new"], 0)
        self.assertEqual(again["accepted"], 0)
        self.assertEqual(again["gone"], 0)
        self.assertEqual(again["pending"], 1385)
        self.assertEqual(self.ledger.dump(), before, "re-importing the same files changed the database")
        text = self.ledger.run("import", *zips, now="2026-11-25T08:30:00Z", check=0).stdout
        self.assertIn("Nothing changed", text)

    def test_same_data_same_output_byte_for_byte(self):
        zips = self.demo_zips()
        outputs = []
        for i in range(2):
            ledger = Ledger(self.tmp / f"run{i}")
            (self.tmp / f"run{i}").mkdir()
            ledger.run("init", "--name", "robin", check=0)
            ledger.run("import", *zips, now="2026-11-25T08:30:00Z", check=0)
            outputs.append([ledger.run(*cmd, now="2026-11-25T08:30:00Z", check=0).stdout
                            for cmd in (["status"], ["--json", "status"], ["plan", "withdraw", "--all"],
                                        ["--json", "plan", "withdraw"], ["pending"])])
        self.assertEqual(outputs[0], outputs[1])

    def test_withdrawal_plan_on_demo_follows_the_rules(self):
        self.ledger.run("import", *self.demo_zips(), now="2026-11-25T08:30:00Z", check=0)
        plan = self.ledger.json("plan", "withdraw", now="2026-11-25T08:30:00Z")
        items = plan["items"]
        self.assertEqual(plan["pending_after"], plan["pending_before"] - len(items))
        self.assertTrue(all(i["age_days"] >= 7 for i in items), "only stale ones needed: pending is far over target")
        p = [i["p_accept"] for i in items]
        self.assertEqual(p, sorted(p), "lowest p_accept first")
        days = {}
        for i in items:
            days[i["day"]] = days.get(i["day"], 0) + 1
        self.assertTrue(all(n <= 100 for n in days.values()))
        self.assertEqual(plan["days"], len(days))


class Reconciliation(TempCase):
    """Two successive exports: what became of each invitation."""

    def test_second_export_finds_accepted_gone_and_keeps_old_and_recorded(self):
        first_inv = INV_HEADER + "".join([
            inv_row("Xena Holm", "xena-holm", "10/20/26, 9:00 AM"),     # still pending later
            inv_row("Yuri Bale", "yuri-bale", "10/15/26, 9:00 AM"),     # vanishes: gone
            inv_row("Vera Lund", "vera-lund", "10/10/26, 9:00 AM"),     # accepts later
            inv_row("Walt Cruz", "walt-cruz", "10/05/26, 9:00 AM"),     # withdrawn here, then missing
            inv_row("Zara Pike", "zara-pike", "3/01/26, 9:00 AM"),      # older than the 180-day window
        ])
        make_zip(self.tmp / "Basic_LinkedInDataExport_10-25-2026.zip",
                 {"Invitations.csv": first_inv, "Connections.csv": CONN_PREAMBLE + CONN_HEADER.rstrip("\n")})
        r1 = self.ledger.json("import", str(self.tmp / "Basic_LinkedInDataExport_10-25-2026.zip"),
                              now="2026-10-26T08:00:00Z")
        self.assertEqual((r1["pending"], r1["accepted"], r1["gone"]), (5, 0, 0))
        pending = self.ledger.json("pending", now="2026-10-26T08:00:00Z")["items"]
        walt = next(i["id"] for i in pending if i["name"] == "Walt Cruz")
        self.ledger.run("mark", "withdrawn", str(walt), now="2026-10-27T08:00:00Z", check=0)

        second_inv = INV_HEADER + "".join([
            inv_row("Xena Holm", "xena-holm", "10/20/26, 9:00 AM"),
            inv_row("Vera Lund", "vera-lund", "10/10/26, 9:00 AM"),
        ])
        conns = CONN_PREAMBLE + CONN_HEADER + conn_row("Vera", "Lund", "vera-lund", "12 Oct 2026")
        make_zip(self.tmp / "Basic_LinkedInDataExport_11-24-2026.zip",
                 {"Invitations.csv": second_inv, "Connections.csv": conns})
        r2 = self.ledger.json("import", str(self.tmp / "Basic_LinkedInDataExport_11-24-2026.zip"))
        self.assertEqual(r2["accepted"], 1)
        self.assertEqual(r2["gone"], 1)
        self.assertEqual(r2["pending"], 2)  # Xena, and Zara (too old to tell)
        con = sqlite3.connect(self.ledger.db)
        status = dict(con.execute("SELECT name, status FROM invitations"))
        self.assertEqual(status, {"Xena Holm": "pending", "Yuri Bale": "gone", "Vera Lund": "accepted",
                                  "Walt Cruz": "withdrawn", "Zara Pike": "pending"})
        accepted_at = con.execute("SELECT status_at FROM invitations WHERE name = 'Vera Lund'").fetchone()[0]
        self.assertEqual(accepted_at, 1791763200)  # 2026-10-12T00:00:00Z, the Connected On day
        # Each invitation row is its own sent event; the events table holds the rest.
        sources = {s for (s,) in con.execute("SELECT source FROM invitations")}
        self.assertEqual(sources, {"import:Basic_LinkedInDataExport_10-25-2026.zip/Invitations.csv"})
        kinds = [k for (k,) in con.execute("SELECT kind FROM events ORDER BY id")]
        self.assertEqual(sorted(kinds), ["accepted", "gone", "withdrawn"])
        con.close()

    def test_connections_only_import_never_makes_anything_gone(self):
        inv = INV_HEADER + inv_row("Xena Holm", "xena-holm", "11/20/26, 9:00 AM")
        self.ledger.run("import", str(self.write("Invitations.csv", inv)), check=0)
        conns = CONN_PREAMBLE + CONN_HEADER + conn_row("Omar", "Fyfe", "omar-fyfe", "21 Nov 2026")
        r = self.ledger.json("import", str(self.write("Connections.csv", conns)))
        self.assertEqual((r["gone"], r["pending"], r["connections"]), (0, 1, 1))


class BadInput(TempCase):
    """Every bad file is refused with file, line and column, and the database stays as it was."""

    def setUp(self):
        super().setUp()
        good = INV_HEADER + inv_row("Xena Holm", "xena-holm", "11/20/26, 9:00 AM")
        self.ledger.run("import", str(self.write("good.csv", good)), check=0)
        self.before = self.ledger.digest()

    def assert_refused(self, name, data, *expected, code=2):
        path = self.write(name, data)
        proc = self.ledger.run("import", str(path))
        self.assertEqual(proc.returncode, code, proc.stderr)
        for text in expected:
            self.assertIn(text, proc.stderr)
        self.assertEqual(self.ledger.digest(), self.before, "a refused import changed the database file")
        self.assertEqual(self.ledger.json("status")["pending"], 1)
        return proc

    def test_unterminated_quote(self):
        self.assert_refused("Invitations.csv", INV_HEADER + 'Robin Vale,Ann Bo,"11/20/26, 9:00 AM,,OUTGOING,a,b\n',
                            "Invitations.csv:2:3:", "never closed")

    def test_missing_column(self):
        self.assert_refused("Invitations.csv", INV_HEADER + 'Robin Vale,Ann Bo,"11/20/26, 9:00 AM",,OUTGOING\n',
                            "Invitations.csv:2:6:", "expected 7 fields as in the header, found 5")

    def test_bad_date(self):
        self.assert_refused("Invitations.csv", INV_HEADER + inv_row("Ann Bo", "ann-bo", "13/45/21, 9:00 AM"),
                            'Invitations.csv:2:3: Sent At "13/45/21, 9:00 AM" is not a date like "1/29/26, 2:37 PM"')

    def test_bad_date_deep_in_a_file_names_its_line(self):
        rows = "".join(inv_row(f"P{i}", f"p-{i}", "11/2/26, 9:00 AM") for i in range(1040))
        self.assert_refused("Invitations.csv", INV_HEADER + rows + inv_row("Ann Bo", "ann-bo", "11/31/26, 9:00 AM"),
                            "Invitations.csv:1042:3:")

    def test_wrong_separator(self):
        self.assert_refused("Invitations.csv", INV_HEADER.replace(",", "\t") + "a\tb\n",
                            "Invitations.csv:1:1: the header is neither LinkedIn's Invitations.csv")

    def test_empty_file(self):
        self.assert_refused("Invitations.csv", b"", "Invitations.csv: the file is empty")

    def test_binary_bytes(self):
        self.assert_refused("Invitations.csv", bytes(range(256)) * 64, "binary or non-UTF-8 data")

    def test_ten_megabyte_line(self):
        huge = INV_HEADER + 'Robin Vale,Ann Bo,"11/20/26, 9:00 AM","' + "x" * (10 << 20) + '",OUTGOING,a,b\n'
        self.assert_refused("Invitations.csv", huge, "Invitations.csv:2:4:", "longer than 1048576 bytes")

    def test_invalid_utf8(self):
        data = (INV_HEADER + 'Robin Vale,Ann ').encode() + b"\xff\xfe" + b'Bo,"11/20/26, 9:00 AM",,OUTGOING,a,b\n'
        self.assert_refused("Invitations.csv", data, "Invitations.csv:2:2:", "not valid UTF-8")

    def test_bad_file_in_a_zip_writes_nothing_of_the_good_one(self):
        make_zip(self.tmp / "export.zip", {
            "Connections.csv": CONN_PREAMBLE + CONN_HEADER + conn_row("Xena", "Holm", "xena-holm", "21 Nov 2026"),
            "Invitations.csv": INV_HEADER + inv_row("Ann Bo", "ann-bo", "11/20/26, 25:00 PM"),
        })
        proc = self.ledger.run("import", str(self.tmp / "export.zip"))
        self.assertEqual(proc.returncode, 2)
        self.assertIn("export.zip/Invitations.csv:2:3:", proc.stderr)
        self.assertEqual(self.ledger.digest(), self.before)

    def test_json_error_document(self):
        path = self.write("Invitations.csv", INV_HEADER + inv_row("Ann Bo", "ann-bo", "13/45/21, 9:00 AM"))
        proc = self.ledger.run("--json", "import", str(path))
        self.assertEqual(proc.returncode, 2)
        doc = json.loads(proc.stdout)
        self.assertEqual(doc["error"]["code"], "bad_row")
        self.assertIn("Invitations.csv:2:3", doc["error"]["message"])

    def test_skip_invalid_imports_the_good_rows_and_lists_the_bad(self):
        data = (INV_HEADER + inv_row("Ann Bo", "ann-bo", "13/45/21, 9:00 AM")
                + inv_row("Cy Dunn", "cy-dunn", "11/21/26, 9:00 AM") + inv_row("Xena Holm", "xena-holm", "11/20/26, 9:00 AM"))
        path = self.write("Invitations.csv", data)
        r = self.ledger.json("import", "--skip-invalid", str(path))
        self.assertEqual(r["invitations"]["new"], 1)
        self.assertEqual(r["invitations"]["unchanged"], 1)
        self.assertEqual(len(r["skipped"]), 1)
        self.assertIn("Invitations.csv:2:3:", r["skipped"][0])
        self.assertEqual(r["pending"], 2)

    def test_skipped_rows_make_no_invitation_gone(self):
        # Xena's row is unreadable here: missing from the good rows must not mean withdrawn.
        data = INV_HEADER + inv_row("Xena Holm", "xena-holm", "11/20/26, 9:00 PX") + inv_row("Cy Dunn", "cy-dunn", "11/21/26, 9:00 AM")
        r = self.ledger.json("import", "--skip-invalid", str(self.write("Invitations.csv", data)))
        self.assertEqual((r["gone"], r["pending"]), (0, 2))
        self.assertTrue(any("skipped" in w["message"] for w in r["warnings"]), r["warnings"])


class Database(unittest.TestCase):
    def test_newer_schema_is_refused_and_left_unchanged(self):
        with tempfile.TemporaryDirectory() as tmp:
            ledger = Ledger(Path(tmp))
            ledger.run("init", "--name", "robin", check=0)
            con = sqlite3.connect(ledger.db)
            con.execute("UPDATE schema_version SET version = 999")
            con.commit()
            con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            con.close()
            before = ledger.digest()
            proc = ledger.run("status")
            self.assertEqual(proc.returncode, 3)
            self.assertIn("newer invitekeeper", proc.stderr)
            self.assertEqual(ledger.digest(), before)

    def test_default_database_path_follows_xdg(self):
        with tempfile.TemporaryDirectory() as tmp:
            env = {"PATH": os.environ["PATH"], "HOME": tmp, "XDG_DATA_HOME": f"{tmp}/data"}
            subprocess.run([BINARY, "init", "--name", "robin"], env=env, check=True, capture_output=True)
            self.assertTrue(Path(f"{tmp}/data/invitekeeper/invitekeeper.db").exists())
            env["INVITEKEEPER_DB"] = f"{tmp}/other.db"
            subprocess.run([BINARY, "init", "--name", "robin"], env=env, check=True, capture_output=True)
            self.assertTrue(Path(f"{tmp}/other.db").exists())
            del env["XDG_DATA_HOME"], env["INVITEKEEPER_DB"]
            subprocess.run([BINARY, "init", "--name", "robin"], env=env, check=True, capture_output=True)
            self.assertTrue(Path(f"{tmp}/.local/share/invitekeeper/invitekeeper.db").exists())


if __name__ == "__main__":
    BINARY, DEMO = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
    unittest.main(argv=[sys.argv[0], "-v"])
