#!/usr/bin/env python3
"""Every write is all or nothing: a command or an API call refused partway leaves the
ledger's content exactly as it was, byte for byte in every table (issue 12).

The defect behind it: `mark sent A B` with B already pending exited 3 and said so, yet
recorded A as sent. Each case here gives a write whose first part is fine and whose
last part is refused, then compares a full dump of the database.

Run: test_all_or_nothing.py BINARY DEMO_DIR
"""
import sys
import unittest
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import test_import  # noqa: E402
from test_import import INV_HEADER, inv_row  # noqa: E402
from test_ledger_safety import DEMO_NOW, DemoCase  # noqa: E402
from test_serve import Server  # noqa: E402

NEW_A = "https://www.linkedin.com/in/new-prospect-a"
NEW_B = "https://www.linkedin.com/in/new-prospect-b"


class RefusedWrites(DemoCase):
    """The demo ledger, a queued prospect, a report and a mark to take back."""

    def setUp(self):
        super().setUp()
        items = self.ledger.json("pending", "--limit", "2")["items"]
        self.pending_id, self.pending_url = items[0]["id"], items[0]["profile_url"]
        self.other_id = items[1]["id"]
        self.ledger.run("queue", "add", NEW_A, "--name", "New A", check=0)
        self.ledger.run("mark", "reported", NEW_B, check=0)
        self.ledger.run("mark", "keep", str(self.other_id), check=0)
        self.bad_csv = self.write("Invitations.csv", INV_HEADER + inv_row("Zed A", "zed-a", "11/24/26, 8:00 AM") +
                                  inv_row("Zed B", "zed-b", "13/45/26, 8:00 AM"))
        self.bad_queue = self.write("queue.csv", f"profile_url,name\n{NEW_B},New B\nnot-a-url,Bad\n")

    def cli_cases(self):
        """(why, arguments, exit code): each writes something before it reaches the refusal."""
        return [
            ("sent: the second is already pending", ["mark", "sent", NEW_A, self.pending_url], 3),
            ("sent: three, the third already pending",
             ["mark", "sent", NEW_A, NEW_B, self.pending_url], 3),
            ("withdrawn: the second id does not exist", ["mark", "withdrawn", str(self.pending_id), "999999"], 2),
            ("unkeep: the second is not kept", ["mark", "unkeep", str(self.other_id), str(self.pending_id)], 3),
            ("undo: the second has no mark", ["mark", "undo", str(self.other_id), str(self.pending_id)], 3),
            ("reported: the second is no profile URL", ["mark", "reported", NEW_A, "not-a-url"], 2),
            ("undo reported: the second was never reported", ["mark", "undo", "reported", NEW_B, NEW_A], 3),
            ("record sent: already pending", ["record", "sent", self.pending_url], 3),
            ("queue import: the second row is no profile URL", ["queue", "import", str(self.bad_queue)], 2),
            ("dnc add: the second is no profile URL", ["dnc", "add", NEW_A, "not-a-url"], 2),
            ("queue remove: the second is no profile URL", ["queue", "remove", NEW_A, "not-a-url"], 2),
            ("import: the second row has no date", ["import", str(self.bad_csv)], 2),
            ("init: the account exists", ["init", "--name", "robin"], 3),
        ]

    def test_a_refused_command_changes_nothing(self):
        for why, args, code in self.cli_cases():
            with self.subTest(why):
                before = self.ledger.dump()
                proc = self.ledger.run(*args)
                self.assertEqual(proc.returncode, code, proc.stderr)
                self.assertTrue(proc.stderr.startswith("invitekeeper: "), proc.stderr)
                self.assertEqual(self.ledger.dump(), before, f"{args} changed the ledger")

    def test_the_refusal_names_the_target_and_says_nothing_was_recorded(self):
        proc = self.ledger.run("mark", "sent", NEW_A, self.pending_url, check=3)
        self.assertIn(f"an invitation to {self.pending_url} is already pending", proc.stderr)
        self.assertIn("nothing was recorded", proc.stderr)
        self.assertEqual(self.ledger.json("queue", "list")["count"], 1, "the queued prospect was taken off")
        # The same marks without the refused one go through, in one go.
        sent = self.ledger.json("mark", "sent", NEW_A)
        self.assertEqual(sent["count"], 1)
        self.assertTrue(sent["items"][0]["dequeued"])

    def test_a_refused_api_call_changes_nothing(self):
        server = Server(self.ledger)
        try:
            cases = [
                ("POST", "/api/marks/sent", {"targets": [NEW_A, self.pending_url]}, 409),
                ("POST", "/api/marks/withdrawn", {"targets": [self.pending_id, 999999]}, 404),
                ("POST", "/api/marks/unkeep", {"targets": [self.other_id, self.pending_id]}, 409),
                ("POST", "/api/marks/undo", {"targets": [self.other_id, self.pending_id]}, 409),
                ("POST", "/api/marks/reported", {"targets": [NEW_A, "not-a-url"]}, 422),
                ("POST", "/api/marks/undo", {"targets": ["reported", NEW_B, NEW_A]}, 409),
                ("DELETE", f"/api/queue?url={NEW_A}&url=not-a-url", None, 422),
                ("POST", "/api/accounts", {"name": "robin"}, 409),
            ]
            uploads = [("/api/import", self.bad_csv, "Invitations.csv", 422),
                       ("/api/queue/import", self.bad_queue, "queue.csv", 422)]
            for method, path, body, status in cases:
                with self.subTest(path=path, body=body):
                    before = self.ledger.dump()
                    res, data = server.request(method, path, body)
                    self.assertEqual(res.status, status, data[:300])
                    self.assertEqual(self.ledger.dump(), before, f"{path} {body} changed the ledger")
            for path, file, name, status in uploads:
                with self.subTest(path=path):
                    before = self.ledger.dump()
                    res, data = server.request("POST", f"{path}?filename={name}", file.read_bytes(),
                                               {"Content-Type": "text/csv"})
                    self.assertEqual(res.status, status, data[:300])
                    self.assertEqual(self.ledger.dump(), before, f"{path} changed the ledger")
        finally:
            self.assertEqual(server.stop(), 0)


if __name__ == "__main__":
    test_import.BINARY = sys.argv.pop(1)
    test_import.DEMO = sys.argv.pop(1)
    unittest.main()
