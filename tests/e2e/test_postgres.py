#!/usr/bin/env python3
"""The team ledger on a real PostgreSQL server (issue 13): the test server that
ctest's `postgres` fixture starts (tests/pg/cluster.sh), a fresh database per test.

A member's answers must not depend on where the ledger lives: the same exports and
the same marks give byte-identical --json from SQLite and PostgreSQL. Writers in
several processes at once lose nothing; a server that cannot be used is one line.

Run: test_postgres.py BINARY DEMO_DIR   (with IK_TEST_POSTGRES_STATE set)
"""
import json
import os
import subprocess
import sys
import threading
import unittest
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import test_import  # noqa: E402
from test_import import Ledger, TempCase  # noqa: E402
from test_ledger_safety import DEMO_NOW, demo_zips  # noqa: E402
from test_serve import Server  # noqa: E402

READS = [["status"], ["plan", "withdraw"], ["plan", "send"], ["stats"], ["health"], ["forecast"], ["history"],
         ["simulate"], ["pending"], ["accounts"], ["queue", "list"], ["template", "list"], ["dnc", "list"]]


def server_uri():
    state = os.environ.get("IK_TEST_POSTGRES_STATE")
    if not state:
        raise SystemExit("IK_TEST_POSTGRES_STATE is unset: ctest starts the test server (tests/pg/cluster.sh)")
    return (Path(state) / "uri").read_text().strip()


def psql(sql, uri=None):
    subprocess.run(["psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", uri or server_uri(), "-c", sql], check=True,
                   capture_output=True, text=True)


def fresh_database():
    """A new database on the test server; its URI."""
    name = "e2e_" + uuid.uuid4().hex[:12]
    psql(f"CREATE DATABASE {name}")
    return server_uri().replace("postgresql:///postgres?", f"postgresql:///{name}?")


def member_marks(ledger):
    """A morning's work on the demo ledger: marks, an undo, the queue, a template, a
    do-not-contact entry, a restriction taken back, a report."""
    plan = ledger.json("plan", "withdraw")["items"]
    first, second, third = (str(item["id"]) for item in plan[:3])
    new = "https://www.linkedin.com/in/new-prospect-e2e"
    return (["mark", "withdrawn", first, second], ["mark", "keep", third], ["mark", "undo", second],
            ["queue", "add", new, "--name", "New Prospect"],
            ["queue", "add", "https://www.linkedin.com/in/later-prospect", "--name", "Later Prospect"],
            ["template", "add", "hello", "Hi {first_name}, glad to connect."],
            ["dnc", "add", "https://www.linkedin.com/in/never-again"],
            ["mark", "sent", new], ["mark", "restricted"], ["mark", "undo", "restricted"],
            ["mark", "reported", "https://www.linkedin.com/in/someone-annoyed"])


class PgLedger(Ledger):
    def __init__(self, tmp, uri, now):
        super().__init__(tmp, now)
        self.db = uri


class BothBackends(TempCase):
    """One ledger in an SQLite file (TempCase's), one in a PostgreSQL database."""

    def setUp(self):
        super().setUp()
        self.ledger.now = DEMO_NOW
        self.pg = PgLedger(self.tmp, fresh_database(), DEMO_NOW)
        self.pg.run("init", "--name", "robin", now=Ledger(self.tmp).now, check=0)  # as TempCase made the file's
        self.both = (self.ledger, self.pg)

    def run_both(self, *args, check=0):
        return [ledger.run(*args, check=check) for ledger in self.both]

    def assert_same_answers(self, why):
        for args in READS:
            with self.subTest(why=why, command=args):
                sqlite, pg = (ledger.run("--json", *args) for ledger in self.both)
                self.assertEqual(sqlite.returncode, 0, sqlite.stderr)
                self.assertEqual(pg.returncode, 0, pg.stderr)
                self.assertEqual(pg.stdout, sqlite.stdout, f"{args} differs ({why})")

    def test_the_same_exports_and_marks_give_byte_identical_answers(self):
        for z in demo_zips():
            sqlite, pg = self.run_both("--json", "import", z)
            self.assertEqual(pg.stdout, sqlite.stdout, f"import {z}")
        self.assert_same_answers("after the three demo exports")

        for args in member_marks(self.ledger):
            with self.subTest(marks=args):
                sqlite, pg = (ledger.run("--json", *args) for ledger in self.both)
                self.assertEqual(sqlite.returncode, 0, sqlite.stderr)
                self.assertEqual((pg.returncode, pg.stdout), (sqlite.returncode, sqlite.stdout), pg.stderr)
        self.assert_same_answers("after marks, queue, templates, do-not-contact and account events")

        sqlite, pg = self.run_both("--json", "import", "--undo")
        self.assertEqual(pg.stdout, sqlite.stdout)
        self.assert_same_answers("after undoing the last import")

    def test_a_refused_write_changes_nothing_on_the_server_either(self):
        self.pg.run("import", *demo_zips(), check=0)
        pending = self.pg.json("pending", "--limit", "1")["items"][0]["profile_url"]
        before = [self.pg.run("--json", *args, check=0).stdout for args in READS]
        proc = self.pg.run("mark", "sent", "https://www.linkedin.com/in/new-prospect-a", pending)
        self.assertEqual(proc.returncode, 3, proc.stderr)
        self.assertIn("nothing was recorded", proc.stderr)
        self.assertEqual([self.pg.run("--json", *args, check=0).stdout for args in READS], before)


class OnPostgres(TempCase):
    """The demo's three exports in a PostgreSQL database."""

    def setUp(self):
        super().setUp()
        self.pg = PgLedger(self.tmp, fresh_database(), DEMO_NOW)
        self.pg.run("init", "--name", "robin", check=0)
        self.pg.run("import", *demo_zips(), check=0)

    def spawn(self, *args):
        env = {"PATH": os.environ["PATH"], "HOME": str(self.tmp), "XDG_CONFIG_HOME": str(self.tmp / "cfg")}
        return subprocess.Popen([test_import.BINARY, "--db", self.pg.db, "--now", DEMO_NOW, *args], cwd=self.tmp,
                                env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)

    def finish(self, procs, timeout=120):
        """Each process's exit code and stderr, once all have ended."""
        ended = []
        for p in procs:
            _, err = p.communicate(timeout=timeout)
            ended.append((p.returncode, err))
        return ended


class Writers(OnPostgres):
    """Several processes writing to one database at once."""

    def test_two_processes_marking_one_invitation_one_wins_and_one_is_refused(self):
        before = self.pg.json("status")
        for round_ in range(5):
            ids = [str(item["id"]) for item in self.pg.json("plan", "withdraw")["items"][:1]]
            ended = self.finish([self.spawn("mark", "withdrawn", *ids) for _ in range(2)])
            self.assertEqual(sorted(code for code, _ in ended), [0, 3], f"round {round_}: {ended}")
        after = self.pg.json("status")
        self.assertEqual(after["pending"], before["pending"] - 5)
        self.assertEqual(after["withdrawn_today"], before["withdrawn_today"] + 5, "a withdrawal counted twice")

    def test_many_marks_from_two_processes_at_once_are_all_counted(self):
        items = [str(item["id"]) for item in self.pg.json("plan", "withdraw")["items"][:40]]
        pending = self.pg.json("status")["pending"]
        ended = self.finish([self.spawn("mark", "withdrawn", i) for i in items])
        self.assertEqual([code for code, _ in ended], [0] * len(items), [e for e in ended if e[0]])
        self.assertEqual(self.pg.json("status")["pending"], pending - len(items))
        self.assertEqual(self.pg.json("pending", "--limit", "5000")["count"], pending - len(items))


class TwoServers(OnPostgres):
    """Two `serve` processes on two ports over one database, as behind a load balancer."""

    def test_marks_through_both_at_once_end_consistent_and_both_answer_the_same(self):
        servers = [Server(self.pg), Server(self.pg)]
        try:
            before = [s.json("GET", "/api/status") for s in servers]  # both caches hold it now
            self.assertEqual(before[0], before[1])
            items = [item["id"] for item in servers[0].json("GET", "/api/plan/withdraw")["items"][:21]]
            contested, spread = items[0], items[1:]
            statuses = {}

            def mark(server, ids, key):
                statuses[key] = [server.request("POST", "/api/marks/withdrawn", {"targets": [i]})[0].status
                                 for i in ids]

            threads = [threading.Thread(target=mark, args=(servers[k], [contested] + spread[k::2], k)) for k in (0, 1)]
            for t in threads:
                t.start()
            for t in threads:
                t.join(timeout=120)
            firsts = sorted(statuses[k][0] for k in (0, 1))
            self.assertEqual(firsts, [200, 409], f"the contested mark: {statuses}")
            self.assertEqual(statuses[0][1:] + statuses[1][1:], [200] * len(spread), statuses)

            after = [s.json("GET", "/api/status") for s in servers]
            self.assertEqual(after[0], after[1], "the two servers disagree: a cache missed the other's writes")
            self.assertEqual(after[0]["pending"], before[0]["pending"] - len(items))
            self.assertEqual(after[0]["withdrawn_today"], before[0]["withdrawn_today"] + len(items))
            self.assertEqual(self.pg.json("status"), after[0])
        finally:
            for s in servers:
                self.assertEqual(s.stop(), 0)


class Access(TempCase):
    """A team server on PostgreSQL: every route x every role x an account granted and
    one not, with the exact status each must answer (docs/api.md "Access"). An admin
    may do anything; an operator reads and works the accounts granted; a viewer reads
    them; an account not granted answers 404, as one that does not exist; a caller
    without a user's token, 401."""

    ROLES = {"ada": "admin", "olga": "operator", "vic": "viewer"}
    READ_ROUTES = ["/api/status", "/api/health", "/api/forecast", "/api/stats", "/api/history", "/api/pending",
                   "/api/plan/withdraw", "/api/plan/send", "/api/queue"]
    MARKS = ["withdrawn", "undo", "keep", "unkeep", "accidental", "accepted", "declined", "sent", "reported",
             "restricted"]

    def setUp(self):
        super().setUp()
        self.pg = PgLedger(self.tmp, fresh_database(), "2026-11-26T09:00:00Z")
        for account in ("maya", "lee"):
            self.pg.run("init", "--name", account, "--tz", "UTC", check=0)
            rows = "".join(test_import.inv_row(f"{account.title()} Contact {i}", f"{account}-contact-{i}",
                                               f"11/{1 + i % 20:02d}/26, 9:{i:02d} AM") for i in range(40))
            self.pg.run("--account", account, "import", str(self.write(f"{account}.csv", test_import.INV_HEADER + rows)),
                        check=0)
        self.ids = {a: [str(i["id"]) for i in self.pg.json("--account", a, "pending", "--limit", "100")["items"]]
                    for a in ("maya", "lee")}
        self.tokens = {}
        for name, role in self.ROLES.items():
            grants = [] if role == "admin" else ["--accounts", "maya"]
            proc = subprocess.run([test_import.BINARY, "--db", self.pg.db, "user", "add", name, "--role", role, *grants],
                                  input="a long passphrase here\n", capture_output=True, text=True, cwd=self.tmp,
                                  env={"PATH": os.environ["PATH"], "HOME": str(self.tmp)})
            self.assertEqual(proc.returncode, 0, proc.stderr)
            self.tokens[name] = self.pg.run("user", "token", name, check=0).stdout.splitlines()[0]
        self.server = Server(self.pg, token=None)
        self.addCleanup(self.server.stop)
        self.count = 0

    def calls(self, account):
        """Every account route, with targets of their own so that each permitted call
        succeeds: (method, path, body, content type, status when permitted)."""
        self.count += 1
        n, q = self.count, f"?account={account}"
        ids = [self.ids[account].pop() for _ in range(5)]
        queued = f"https://www.linkedin.com/in/queued-{account}-{n}"
        upload = test_import.INV_HEADER + test_import.inv_row("New Person", f"new-{account}-{n}", "11/25/26, 9:00 AM")
        out = [("GET", route + q, None, None, 200) for route in self.READ_ROUTES]
        out += [("POST", "/api/queue" + q, {"url": queued, "name": "Queued Person"}, None, 201),
                ("DELETE", f"/api/queue{q}&url={queued}", None, None, 200),
                ("POST", f"/api/queue/import{q}&filename=prospects.csv",
                 f"profile_url,name\nhttps://www.linkedin.com/in/listed-{account}-{n},Listed Person\n", "text/csv", 200),
                ("POST", f"/api/import{q}&filename=Invitations.csv", upload, "text/csv", 200),
                ("POST", "/api/import/undo" + q, None, None, 200)]
        targets = {"withdrawn": [ids[0]], "undo": [ids[0]], "keep": [ids[1]], "unkeep": [ids[1]],
                   "accidental": [ids[2]], "accepted": [ids[3]], "declined": [ids[4]],
                   "sent": [f"https://www.linkedin.com/in/sent-{account}-{n}"],
                   "reported": [f"https://www.linkedin.com/in/annoyed-{account}-{n}"], "restricted": []}
        out += [("POST", f"/api/marks/{kind}{q}", {"targets": targets[kind]}, None, 200) for kind in self.MARKS]
        return out

    def status(self, token, method, path, body=None, content_type=None):
        headers = {"Content-Type": content_type} if content_type else {}
        res, data = self.server.request(method, path, body, headers, token=token)
        return res.status, data

    def expected(self, role, granted, method, ok):
        if role is None:
            return 401
        if role == "admin" or (granted and (method == "GET" or role == "operator")):
            return ok
        return 403 if granted else 404

    def walk(self, name, accounts):
        role = self.ROLES.get(name)
        token = self.tokens.get(name, "ikt_" + "0" * 64)
        for account in accounts:
            granted = role == "admin" or account == "maya"
            for method, path, body, content_type, ok in self.calls(account):
                with self.subTest(user=name, account=account, route=f"{method} {path}"):
                    got, data = self.status(token, method, path, body, content_type)
                    self.assertEqual(got, self.expected(role, granted, method, ok), data[:300])

    def snapshot(self, account):
        return [self.pg.run("--account", account, "--json", *args, check=0).stdout
                for args in (["pending", "--limit", "100"], ["queue", "list"], ["status"], ["history"])]

    def test_every_route_for_every_role_on_a_granted_and_an_ungranted_account(self):
        lee, maya = self.snapshot("lee"), self.snapshot("maya")
        self.walk("nobody", ["maya", "lee"])
        self.walk("vic", ["maya", "lee"])
        self.assertEqual(self.snapshot("maya"), maya, "a viewer's or a stranger's write changed maya's ledger")
        self.walk("olga", ["maya", "lee"])
        self.assertEqual(self.snapshot("lee"), lee, "a write to an account not granted changed it")
        self.walk("ada", ["maya", "lee"])
        # Who did what: every change names its user.
        recent = self.pg.json("--account", "lee", "history", "--recent", "100")["recent"]
        self.assertEqual({c["by"] for c in recent}, {"user:ada"}, "only the admin changed lee")
        recent = self.pg.json("--account", "maya", "history", "--recent", "100")["recent"]
        self.assertEqual({c["by"] for c in recent}, {"user:ada", "user:olga"})
        withdrawn = [c for c in recent if c["what"] == "withdrawn"]
        self.assertEqual(len(withdrawn), 2)
        self.assertTrue(all(c["name"].startswith("Maya Contact") for c in withdrawn), withdrawn)

        # The routes of no account: the caller, the document, the accounts each may see, and making one.
        for name, role in [("nobody", None), *self.ROLES.items()]:
            token = self.tokens.get(name, "ikt_" + "0" * 64)
            with self.subTest(user=name):
                self.assertEqual(self.status(token, "GET", "/api/openapi.json")[0], 200 if role else 401)
                got, data = self.status(token, "GET", "/api/me")
                self.assertEqual(got, 200 if role else 401)
                if role:
                    self.assertEqual(json.loads(data), {"team": True, "user": name, "role": role})
                got, data = self.status(token, "GET", "/api/accounts")
                self.assertEqual(got, 200 if role else 401)
                if role:
                    names = [a["name"] for a in json.loads(data)["accounts"]]
                    self.assertEqual(names, ["maya", "lee"] if role == "admin" else ["maya"])
                got, data = self.status(token, "GET", "/api/overview")
                self.assertEqual(got, 200 if role else 401)
                if role:
                    names = sorted(a["account"] for a in json.loads(data)["accounts"])
                    self.assertEqual(names, ["lee", "maya"] if role == "admin" else ["maya"])
                got, data = self.status(token, "POST", "/api/accounts", {"name": f"new-{name}", "tz": "UTC"})
                self.assertEqual(got, {None: 401, "admin": 201}.get(role, 403), data[:300])
        self.assertEqual([a["name"] for a in self.pg.json("accounts")["accounts"]], ["maya", "lee", "new-ada"])

    def test_the_lone_servers_token_and_a_revoked_token_open_nothing(self):
        lone = Server(self.pg)  # given a token, as a lone member's server would be
        self.addCleanup(lone.stop)
        self.assertEqual(lone.request("GET", "/api/status?account=maya")[0].status, 401)
        self.assertEqual(lone.request("GET", "/api/status?account=maya", token=self.tokens["olga"])[0].status, 200)
        self.pg.run("user", "token", "olga", "--revoke", check=0)
        self.assertEqual(lone.request("GET", "/api/status?account=maya", token=self.tokens["olga"])[0].status, 401)

    def test_a_grant_or_a_removal_counts_at_the_next_request_on_every_server(self):
        other = Server(self.pg, token=None)
        self.addCleanup(other.stop)
        token = self.tokens["vic"]
        self.assertEqual(self.status(token, "GET", "/api/status?account=lee")[0], 404)
        self.pg.run("user", "grant", "vic", "lee", check=0)
        for server in (self.server, other):
            self.assertEqual(server.request("GET", "/api/status?account=lee", token=token)[0].status, 200)
        self.pg.run("user", "remove", "vic", check=0)
        for server in (self.server, other):
            self.assertEqual(server.request("GET", "/api/status?account=maya", token=token)[0].status, 401)


class MovingIn(TempCase):
    """`migrate`: a member's SQLite ledger into the team database, and back."""

    def setUp(self):
        super().setUp()
        self.ledger.now = DEMO_NOW
        self.ledger.run("import", *demo_zips(), check=0)
        for args in member_marks(self.ledger):
            self.ledger.run(*args, check=0)

    def migrate(self, source, target, *global_args):
        """`migrate` from `source` to `target` (the ledger's own --db is not read by it)."""
        return self.ledger.run(*global_args, "migrate", "--from", str(source), "--to", str(target))

    def answers(self, ledger, *global_args):
        return {" ".join(args): ledger.run(*global_args, "--json", *args, check=0).stdout for args in READS}

    def test_moved_in_and_back_every_answer_is_the_same_and_work_goes_on(self):
        pg = PgLedger(self.tmp, fresh_database(), DEMO_NOW)
        moved = json.loads(self.migrate(self.ledger.db, pg.db, "--json").stdout)
        self.assertEqual(moved["renumbered"], False)
        self.assertEqual([a["name"] for a in moved["accounts"]], ["robin"])
        self.assertGreater(moved["accounts"][0]["invitations"], 2000)
        self.assertEqual(moved["accounts"][0]["prospects"], 1)
        source = self.answers(self.ledger)
        self.assertEqual(self.answers(pg), source)

        # Work goes on in both alike: a new id continues after the moved ones, and the
        # last import can still be undone.
        target = str(pg.json("plan", "withdraw")["items"][0]["id"])
        for args, code in ((["mark", "withdrawn", target], 0),
                           (["queue", "add", "https://www.linkedin.com/in/after-move"], 0),
                           (["--json", "import", "--undo"], 3),  # refused alike: marks since rest on it
                           (["mark", "undo", target], 0), (["mark", "undo", target], 3)):
            sqlite, moved_ledger = self.ledger.run(*args), pg.run(*args)
            self.assertEqual(sqlite.returncode, code, (args, sqlite.stderr))
            self.assertEqual((moved_ledger.returncode, moved_ledger.stdout, moved_ledger.stderr),
                             (sqlite.returncode, sqlite.stdout, sqlite.stderr), args)
        self.assertEqual(self.answers(pg), self.answers(self.ledger))

        back = self.tmp / "back" / "ledger.db"
        self.assertEqual(self.migrate(pg.db, back).returncode, 0)
        self.assertEqual(self.answers(self.with_db(back)), self.answers(self.ledger))

    def with_db(self, path):
        other = Ledger(self.tmp, DEMO_NOW)
        other.db = path
        return other

    def test_into_a_team_database_with_other_accounts_ids_move_past_theirs(self):
        pg = PgLedger(self.tmp, fresh_database(), DEMO_NOW)
        pg.run("init", "--name", "dana", check=0)
        pg.run("--account", "dana", "import", demo_zips()[0], check=0)
        dana = self.answers(pg, "--account", "dana")
        moved = json.loads(self.migrate(self.ledger.db, pg.db, "--json").stdout)
        self.assertTrue(moved["renumbered"])
        self.assertEqual(moved["accounts"][0]["to_id"], 2)
        after = self.answers(pg, "--account", "dana")
        self.assertEqual(json.loads(after.pop("accounts"))["accounts"][1]["name"], "robin")
        dana.pop("accounts")
        self.assertEqual(after, dana, "the team's own account changed")
        for args in (["status"], ["health"], ["forecast"], ["stats"], ["history"], ["simulate"], ["queue", "list"]):
            with self.subTest(args=args):
                source = json.loads(self.ledger.run("--json", *args, check=0).stdout)
                moved_answer = json.loads(pg.run("--account", "robin", "--json", *args, check=0).stdout)
                for answer in (source, moved_answer):
                    for item in answer.get("items", []) + answer.get("recent", []):
                        item.pop("id", None)
                self.assertEqual(moved_answer, source)

    def test_a_move_that_cannot_be_made_changes_nothing(self):
        pg = PgLedger(self.tmp, fresh_database(), DEMO_NOW)
        pg.run("init", "--name", "robin", check=0)
        before = self.answers(pg)
        proc = self.migrate(self.ledger.db, pg.db)
        self.assertEqual(proc.returncode, 3, proc.stderr)
        self.assertIn('already has an account named "robin"; nothing was moved', proc.stderr)
        self.assertEqual(self.answers(pg), before)

        self.assertEqual(self.migrate(self.ledger.db, self.ledger.db).returncode, 1)
        self.assertEqual(self.migrate(self.tmp / "missing.db", pg.db).returncode, 1)
        empty = PgLedger(self.tmp, fresh_database(), DEMO_NOW)
        self.assertEqual(empty.run("accounts", check=0).returncode, 0)  # its tables, no account
        new_file = self.tmp / "new" / "ledger.db"
        proc = self.migrate(empty.db, new_file)
        self.assertEqual(proc.returncode, 3, proc.stderr)
        self.assertFalse(new_file.exists(), "a failed move left a new file")


class Faults(TempCase):
    def test_a_server_that_cannot_be_used_is_one_line(self):
        base = server_uri()
        query = base[base.index("?"):]
        cases = [
            (f"postgresql://robin:s3cret-pw@/no_such_db{query}", 6, "no_such_db", "createdb no_such_db"),
            ("postgresql://robin:s3cret-pw@127.0.0.1:1/ledger", 6, "postgresql://robin@127.0.0.1:1/ledger",
             "cannot reach the database server"),
            ("postgresql://robin:s3cret-pw@[::1/ledger", 1, "not a PostgreSQL connection URI", "robin@[::1"),
        ]
        for uri, code, *said in cases:
            for args in (["status"], ["init", "--name", "x"]):
                with self.subTest(uri=uri, args=args):
                    ledger = PgLedger(self.tmp, uri, DEMO_NOW)
                    proc = ledger.run(*args)
                    self.assertEqual(proc.returncode, code, proc.stderr)
                    self.assertEqual(proc.stderr.count("\n"), 1, proc.stderr)
                    for words in said:
                        self.assertIn(words, proc.stderr)
                    self.assertNotIn("s3cret", proc.stderr + proc.stdout)

    def test_a_password_in_the_uri_is_never_printed(self):
        """The test server trusts every local user, so a wrong password still connects:
        every answer that names the database must name it without the password."""
        plain = fresh_database()
        name = plain.split("///")[1].split("?")[0]
        query = plain[plain.index("?"):]
        for n, (uri, shown) in enumerate(((f"postgresql://postgres:s3cret-pw@/{name}{query}",
                                           f"postgresql://postgres@/{name}{query}"),
                                          (f"{plain}&password=s3cret-pw", f"{plain}&password=***"))):
            with self.subTest(uri=uri):
                ledger = PgLedger(self.tmp, uri, DEMO_NOW)
                init = ledger.run("--json", "init", "--name", f"member{n}", check=0)
                self.assertEqual(json.loads(init.stdout)["database"], shown)
                outputs = [init, ledger.run("init", "--name", f"text{n}", check=0), ledger.run("accounts", check=0),
                           ledger.run("--json", "accounts", check=0), ledger.run("--account", "nobody", "status")]
                for proc in outputs:
                    self.assertNotIn("s3cret", proc.stdout + proc.stderr)

    def blocked_import(self, lock_sql):
        """Starts an import of the demo's exports into a fresh ledger while another
        session holds `lock_sql`'s lock; the ledger, the import's process and a way to
        wait until the import is stuck on that lock."""
        pg = PgLedger(self.tmp, fresh_database(), DEMO_NOW)
        pg.run("init", "--name", "robin", check=0)
        holder = subprocess.Popen(["psql", "-X", "-q", pg.db], stdin=subprocess.PIPE, stdout=subprocess.DEVNULL,
                                  stderr=subprocess.DEVNULL, text=True)
        holder.stdin.write(f"BEGIN; {lock_sql};\n")
        holder.stdin.flush()
        for _ in range(600):  # until the holder's transaction has the lock and waits
            held = subprocess.run(["psql", "-X", "-At", pg.db, "-c",
                                   "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND "
                                   "state = 'idle in transaction'"], capture_output=True, text=True).stdout.strip()
            if held == "1":
                break
            threading.Event().wait(0.05)
        else:
            raise AssertionError("the lock's holder never took it")
        env = {"PATH": os.environ["PATH"], "HOME": str(self.tmp)}
        importer = subprocess.Popen([test_import.BINARY, "--db", pg.db + "&application_name=ik_blocked", "--now",
                                     DEMO_NOW, "import", *demo_zips()], env=env, stdout=subprocess.PIPE,
                                    stderr=subprocess.PIPE, text=True)

        def stuck():
            for _ in range(600):
                out = subprocess.run(["psql", "-X", "-At", pg.db, "-c",
                                      "SELECT pid FROM pg_stat_activity WHERE application_name = 'ik_blocked' "
                                      "AND wait_event_type = 'Lock'"], capture_output=True, text=True).stdout.strip()
                if out:
                    return out
                if importer.poll() is not None:
                    raise AssertionError(f"the import ended before it waited: {importer.communicate()}")
                threading.Event().wait(0.05)
            raise AssertionError("the import never waited for the lock")
        return pg, holder, importer, stuck

    def test_a_connection_lost_midway_through_an_import_writes_nothing(self):
        # The import reaches the snapshot table after it has written its record and the
        # first export's connections: they must go with the lost connection.
        pg, holder, importer, stuck = self.blocked_import("LOCK TABLE snapshots IN ACCESS EXCLUSIVE MODE")
        try:
            pid = stuck()
            psql(f"SELECT pg_terminate_backend({pid})", pg.db)
            _, err = importer.communicate(timeout=60)
        finally:
            holder.stdin.write("ROLLBACK;\n")
            holder.stdin.close()
            holder.wait(timeout=60)
        self.assertEqual(importer.returncode, 6, err)
        self.assertIn("the connection to the database server was lost", err)
        self.assertIn("nothing was written", err)
        self.assertNotIn("\n", err.rstrip("\n"))
        status = pg.json("status")
        self.assertEqual((status["pending"], status["accepted_total"]), (0, 0))
        self.assertEqual(pg.json("pending")["count"], 0)
        counts = subprocess.run(["psql", "-X", "-At", pg.db, "-c",
                                 "SELECT (SELECT count(*) FROM imports) || ' ' || (SELECT count(*) FROM connections) "
                                 "|| ' ' || (SELECT count(*) FROM invitations)"],
                                capture_output=True, text=True, check=True).stdout.strip()
        self.assertEqual(counts, "0 0 0", "imports, connections, invitations left by the lost import")

    def test_a_writer_kept_waiting_gives_up_busy_and_writes_nothing(self):
        pg, holder, importer, stuck = self.blocked_import(
            "SELECT pg_advisory_xact_lock(hashtext('invitekeeper:' || current_schema()))")
        try:
            stuck()
            _, err = importer.communicate(timeout=60)  # the write lock's 5 s, then busy
        finally:
            holder.stdin.write("ROLLBACK;\n")
            holder.stdin.close()
            holder.wait(timeout=60)
        self.assertEqual(importer.returncode, 6, err)
        self.assertIn("another writer kept the ledger locked; nothing was written", err)
        self.assertEqual(pg.json("status")["pending"], 0)

    def test_a_schema_newer_than_this_build_is_refused_and_left_alone(self):
        uri = fresh_database()
        pg = PgLedger(self.tmp, uri, DEMO_NOW)
        pg.run("init", "--name", "robin", check=0)
        psql("UPDATE schema_version SET version = 99", uri)
        proc = pg.run("status")
        self.assertEqual(proc.returncode, 3, proc.stderr)
        self.assertIn("schema version 99", proc.stderr)
        self.assertIn("left unchanged", proc.stderr)


if __name__ == "__main__":
    test_import.BINARY = sys.argv.pop(1)
    test_import.DEMO = sys.argv.pop(1)
    unittest.main()
