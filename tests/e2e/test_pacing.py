#!/usr/bin/env python3
"""End-to-end tests of pacing: the queue, `plan send` with its calendar and CSV
files read back by real parsers (Debian's python3-icalendar), `mark sent`.

Run: test_pacing.py BINARY DEMO_DIR
"""
import csv
import sys
import unittest
from datetime import datetime, timedelta, timezone
from pathlib import Path

import icalendar

sys.path.insert(0, str(Path(__file__).resolve().parent))
import test_import  # noqa: E402  (the Ledger helpers)
from test_import import TempCase  # noqa: E402

NOW = "2026-11-26T07:00:00Z"
PEOPLE = (
    "profile_url,name,company,note,timezone\n"
    'https://www.linkedin.com/in/maya-patel,Maya Patel,Acme,"Hi Maya; your talk on pacing, retries and\n'
    'back-off at Acme was the clearest I have heard 🎯 Keen to compare notes on rate limits.",\n'
    "https://www.linkedin.com/in/sam-lee,Sam Lee,Globex,,America/New_York\n"
    "https://www.linkedin.com/in/ada-brennan,Ada Brennan,,,Asia/Tokyo\n"
)


def utc(text):
    return datetime.fromisoformat(text.replace("Z", "+00:00"))


class Calendar(TempCase):
    def setUp(self):
        super().setUp()
        self.write("people.csv", PEOPLE)
        self.ledger.run("queue", "import", "people.csv", check=0)

    def plan(self, ics, now=NOW):
        return self.ledger.json("plan", "send", "--days", "7", "--ics", ics, now=now)

    def events(self, name):
        raw = (self.tmp / name).read_bytes()
        cal = icalendar.Calendar.from_ical(raw)
        return raw, cal, list(cal.walk("VEVENT"))

    def test_an_event_per_slot_and_a_weekly_cleanup_read_by_a_real_parser(self):
        plan = self.plan("plan.ics")
        raw, cal, events = self.events("plan.ics")
        self.assertEqual(str(cal["VERSION"]), "2.0")
        sends = [e for e in events if str(e["SUMMARY"]).startswith("Connect with ")]
        cleanup = [e for e in events if str(e["SUMMARY"]) == "Invitation cleanup"]
        self.assertEqual(len(sends), len(plan["slots"]))
        self.assertEqual(len(plan["slots"]), 3)
        self.assertEqual(len(cleanup), 1)
        by_url = {str(e["URL"]): e for e in sends}
        for slot in plan["slots"]:
            event = by_url[slot["profile_url"]]
            self.assertEqual(str(event["SUMMARY"]), f"Connect with {slot['name']}")
            self.assertEqual(event["DTSTART"].dt, utc(slot["at"]))
            self.assertEqual(event["DTEND"].dt - event["DTSTART"].dt, timedelta(minutes=5))
            description = str(event["DESCRIPTION"])
            self.assertIn(slot["profile_url"], description)
            if slot["note"]:
                self.assertIn(slot["note"], description)  # commas, semicolons, the line break, the emoji
        maya = by_url["https://www.linkedin.com/in/maya-patel"]
        self.assertIn("Hi Maya; your talk on pacing, retries and\nback-off", str(maya["DESCRIPTION"]))
        rule = cleanup[0]["RRULE"]
        self.assertEqual(rule["FREQ"], ["WEEKLY"])
        self.assertEqual(cleanup[0]["DTSTART"].dt.tzinfo, None)  # floating: 09:00 wherever the member is
        # RFC 5545: CRLF line ends, lines folded at 75 octets.
        self.assertNotIn(b"\n", raw.replace(b"\r\n", b""))
        for line in raw.split(b"\r\n"):
            self.assertLessEqual(len(line), 75, line)

    def test_exporting_again_updates_the_same_events(self):
        self.plan("first.ics")
        self.plan("second.ics", now="2026-11-26T07:30:00Z")
        _, _, first = self.events("first.ics")
        _, _, second = self.events("second.ics")
        self.assertEqual({str(e["UID"]) for e in first}, {str(e["UID"]) for e in second})
        self.assertEqual(len({str(e["UID"]) for e in first}), len(first))
        seq = {str(e["UID"]): int(e["SEQUENCE"]) for e in first}
        for e in second:
            self.assertGreater(int(e["SEQUENCE"]), seq[str(e["UID"])])

    def test_csv_lists_the_same_slots(self):
        plan = self.ledger.json("plan", "send", "--days", "7", "--csv", "plan.csv", now=NOW)
        with open(self.tmp / "plan.csv", newline="", encoding="utf-8") as f:
            rows = list(csv.DictReader(f))
        self.assertEqual([r["profile_url"] for r in rows], [s["profile_url"] for s in plan["slots"]])
        self.assertEqual([r["at"] for r in rows], [s["at"] for s in plan["slots"]])
        self.assertEqual([r["note"] for r in rows], [s["note"] for s in plan["slots"]])


class Queue(TempCase):
    def test_a_bad_row_names_file_line_and_field_and_stores_nothing(self):
        self.write("people.csv", "profile_url,name,timezone\n"
                                 "https://www.linkedin.com/in/maya-patel,Maya Patel,Europe/London\n"
                                 "https://www.linkedin.com/in/sam-lee,Sam Lee,Mars/Olympus\n")
        before = self.ledger.digest()
        proc = self.ledger.run("queue", "import", "people.csv", check=2)
        self.assertIn("people.csv:3:3: timezone", proc.stderr)
        self.assertIn("Mars/Olympus", proc.stderr)
        self.assertEqual(self.ledger.digest(), before)

    def test_a_template_variable_without_a_value_names_the_person_and_variable(self):
        self.ledger.run("template", "add", "intro", "Hi {first_name}, we met at {event}.", check=0)
        before = self.ledger.digest()
        proc = self.ledger.run("queue", "add", "https://www.linkedin.com/in/maya-patel", "--name", "Maya Patel",
                               "--template", "intro", check=2)
        self.assertIn("Maya Patel", proc.stderr)
        self.assertIn("{event}", proc.stderr)
        self.assertEqual(self.ledger.digest(), before)
        self.assertEqual(self.ledger.json("queue", "list")["count"], 0)

    def test_extra_columns_fill_the_template(self):
        self.ledger.run("template", "add", "intro", "Hi {first_name}, we met at {event} ({company}).", check=0)
        self.write("people.csv", "profile_url,name,company,template,event\n"
                                 "https://www.linkedin.com/in/maya-patel,Maya Patel,Acme,intro,RustConf\n")
        self.ledger.run("queue", "import", "people.csv", check=0)
        plan = self.ledger.json("plan", "send", now=NOW)
        self.assertEqual(plan["slots"][0]["note"], "Hi Maya, we met at RustConf (Acme).")
        self.assertEqual(plan["slots"][0]["template"], "intro")


class MarkSent(TempCase):
    def test_a_planned_send_marked_sent_leaves_the_queue_and_counts_in_the_week(self):
        self.write("people.csv", PEOPLE)
        self.ledger.run("queue", "import", "people.csv", check=0)
        before = self.ledger.json("plan", "send", now=NOW)
        first = before["slots"][0]
        sent = self.ledger.json("mark", "sent", first["profile_url"], now="2026-11-26T09:00:00Z")
        self.assertEqual(sent["items"][0]["note"], first["note"])
        self.assertEqual(sent["items"][0]["dequeued"], 1)
        after = self.ledger.json("plan", "send", now="2026-11-26T09:00:00Z")
        self.assertNotIn(first["profile_url"], [s["profile_url"] for s in after["slots"]])
        self.assertEqual(after["summary"]["scheduled"], 2)
        status = self.ledger.json("status", now="2026-11-26T09:00:00Z")
        self.assertEqual(status["pending"], 1)
        # The rolling week now holds the recorded send.
        self.assertEqual(after["summary"]["weekly_remaining_after"], 100 - 3)


if __name__ == "__main__":
    test_import.BINARY, test_import.DEMO = str(Path(sys.argv[1]).resolve()), str(Path(sys.argv[2]).resolve())
    unittest.main(argv=sys.argv[:1], verbosity=2)
