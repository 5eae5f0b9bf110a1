#!/usr/bin/env python3
"""Generate made-up LinkedIn data exports for invitekeeper's demos, tests and benchmarks.

Every person, company, message and URL in the output is invented; nothing is
read from the network, the clock or the environment. All randomness comes from
one random.Random(seed), so the same arguments give byte-identical files (zips
included: fixed entry order, date_time, permissions and compression).

Two modes
---------
demo   Simulates one year of outreach by the made-up member "Avery Quinlan" and
       writes the three "Basic" export zips she would have downloaded on
       2026-05-27, 2026-08-25 and 2026-11-24. Importing them in that order is
       the realistic end-to-end scenario for the ledger.
bench  Writes one large plain Invitations.csv + Connections.csv pair with an
       exactly known number of pending outgoing invitations, for timing the
       importer and the ledger.

Truth model (demo)
------------------
* Sends (OUTGOING): Monday-Friday only, 2025-11-25 .. 2026-11-24, at UTC times
  inside 08-10, 12-14 and 17-19 h. The member works to a weekly quota of 42..50
  (pro rata in partial weeks) spread unevenly over the weekdays, 4..16 a day:
  about 9.2 a weekday, ~2,400 a year. The quota keeps the yearly volume steady
  whatever the seed, and the volume is tuned so that a correct ledger ends with
  ~1,350-1,450 pending invitations. Each invitee is a new person (never two
  outgoing invitations to the same person).
* Notes: ~45% empty, ~20% generic (LinkedIn's default text or similar), ~35%
  personalised (first name and/or company, 1-3 sentences, mostly < 200 chars,
  some with commas or quotes, exactly two with an embedded newline).
* Acceptance probability by note: none 0.30, generic 0.31, personalised 0.44
  (about 35% overall), after a delay in whole days drawn from the cumulative
  distribution in ACCEPT_DELAY_CDF (40% same day ... 100% within 180 days).
  An acceptance that would fall after 2026-11-24 has not happened yet: the
  invitation is still pending at the end.
* About 12% of the never-accepted invitations are withdrawn or declined
  (outside the tool) 14..90 days after sending; the rest stay pending.
* INCOMING: about 3 a week from other made-up people; ~70% are accepted within
  0..5 days (they become connections), the rest are ignored.
* About 350 older connections, connected between 2016 and 2025-11-24.

What an export dated D contains (this is what makes the ledger's job hard):
* Invitations.csv: every invitation, either direction, with Sent At in
  [D - 182 days, D], accepted ones included, minus those withdrawn/declined on
  or before D. So a row can vanish from a later export for two reasons: it aged
  out of the 182-day window (not informative) or it was withdrawn/declined
  (informative) -- the importer must tell them apart by the window.
* Connections.csv: every connection with Connected On <= D.
* Profile.csv: one row for the member; an importer must ignore unknown files.

Format quirks reproduced (those of real exports)
------------------------------------------------
* Invitations.csv header From,To,Sent At,Message,Direction,inviterProfileUrl,
  inviteeProfileUrl; no status column; newest first; UTF-8, LF, no BOM; the
  file ends with a newline.
* Sent At like "11/24/26, 2:37 PM" (UTC, no leading zeros except minutes),
  hence always quoted. Fields are quoted only when they contain a comma, a
  quote or a newline; quotes are doubled inside quotes.
* Profile URLs https://www.linkedin.com/in/<slug>-<hex>; about 1% of rows carry
  only the bare "https://www.linkedin.com/in" for the other person, so the
  importer must fall back to names for them.
* Connections.csv starts with a 3-line "Notes:" preamble before its header and
  ends without a final newline; Connected On like "24 Nov 2026".
* Names from many cultures with accents, a few last names with a credential
  after a comma ("Okafor, CFA"), a few with an emoji ("Maya 🚀") or a trailing
  space ("Chen "), and (demo) ten different people who share four exact full
  names, so matching by name alone is ambiguous. Demo names are otherwise
  unique; in bench mode names repeat freely (only URLs are unique).
* Email Address mostly empty (addresses use the reserved example.* domains);
  some companies and positions contain commas or quotes.

The demo's stderr summary gives the truth and what a correct ledger should
conclude from the exports alone. The ledger's acceptance rate comes out a
little above the truth's because invitations withdrawn before the first export
(and the sends of 2025-11-25, one day older than its window) are never seen.

Bench mode
----------
Exactly --invitations rows over the --days (default 730: 2 years) ending 2026-11-24, ~60% OUTGOING
(one new person each) and ~40% INCOMING, sends at any time of day. Connections
hold one row for every OUTGOING invitee except exactly --pending of them,
chosen among the sends of the last 60 days; Connected On is on or after the
sent date and not after 2026-11-24 (INCOMING senders are not connected). The
bare-URL quirk is applied to INCOMING rows only, so matching the OUTGOING rows
to Connections by URL gives exactly --pending pending invitations.
"""

from __future__ import annotations

import argparse
import bisect
import csv
import datetime as dt
import functools
import io
import random
import re
import sys
import time
import unicodedata
import zipfile
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

# --------------------------------------------------------------------------
# Fixed dates and the member

EPOCH = dt.date(2016, 1, 1)  # day 0 of the internal day/minute counters
END_DATE = dt.date(2026, 11, 24)  # "today" for both modes
DEMO_START = dt.date(2025, 11, 25)
OLD_CONNECTIONS_FROM = dt.date(2016, 1, 1)
OLD_CONNECTIONS_TO = dt.date(2025, 11, 24)
EXPORT_DATES = (dt.date(2026, 5, 27), dt.date(2026, 8, 25), dt.date(2026, 11, 24))
WINDOW_DAYS = 182  # an export lists invitations sent in [D - 182 days, D]
BENCH_DAYS = 730
BENCH_PENDING_RECENT_DAYS = 60

MEMBER_FIRST, MEMBER_LAST = "Avery", "Quinlan"
MEMBER_NAME = f"{MEMBER_FIRST} {MEMBER_LAST}"
BARE_URL = "https://www.linkedin.com/in"
MEMBER_URL = BARE_URL + "/avery-quinlan-7c3e91"

MINUTES_PER_DAY = 1440
SEND_WINDOWS_UTC = ((8 * 60, 10 * 60), (12 * 60, 14 * 60), (17 * 60, 19 * 60))

# --------------------------------------------------------------------------
# Rates of the truth model

WEEKLY_QUOTA = (42, 50)  # outgoing invitations per full Monday-Friday week, inclusive range
SENDS_PER_DAY = (4, 16)  # inclusive range
NOTE_EMPTY, NOTE_GENERIC, NOTE_PERSONAL = "empty", "generic", "personal"
NOTE_KIND_CDF = ((0.45, NOTE_EMPTY), (0.65, NOTE_GENERIC), (1.0, NOTE_PERSONAL))
ACCEPT_PROBABILITY = {NOTE_EMPTY: 0.30, NOTE_GENERIC: 0.31, NOTE_PERSONAL: 0.44}
# (cumulative probability, last day of the bracket): P(delay <= day).
ACCEPT_DELAY_CDF = ((0.40, 0), (0.69, 1), (0.77, 2), (0.81, 3), (0.88, 7),
                    (0.92, 14), (0.96, 30), (0.986, 90), (1.0, 180))
WITHDRAW_PROBABILITY = 0.12  # of the never-accepted
WITHDRAW_AFTER_DAYS = (14, 90)
INCOMING_PER_DAY = 3 / 7
INCOMING_ACCEPT_PROBABILITY = 0.70
INCOMING_ACCEPT_DAYS = (0, 5)
OLD_CONNECTIONS = 350
BARE_URL_RATE = 0.01
EMAIL_RATE = 0.07
NEWLINE_NOTES_DEMO = 2
NEWLINE_RATE_BENCH = 0.002  # of personalised notes

# --------------------------------------------------------------------------
# Invented vocabulary (combinations are random; no real people intended)

FIRST_NAMES = (
    "Maya", "Liam", "Aisha", "Kenji", "Sofia", "Mateo", "Priya", "Omar", "Ingrid", "Tomasz",
    "Chloé", "José", "Zoë", "Björn", "Amara", "Chidi", "Nkechi", "Tariq", "Leila", "Farah",
    "Hiroshi", "Yuki", "Mei", "Wei", "Jun", "Hana", "Min-jun", "Seo-yeon", "Arjun", "Ananya",
    "Rohan", "Kavya", "Diego", "Valentina", "Camila", "Lucas", "Gabriel", "Isabela", "Thiago", "Lucía",
    "Álvaro", "Inés", "Sebastián", "Emma", "Noah", "Olivia", "Ethan", "Ava", "Mia", "Elijah",
    "Harper", "Grace", "Owen", "Nora", "Felix", "Clara", "Hugo", "Léa", "Matthieu", "Élodie",
    "Anouk", "Daan", "Sanne", "Lars", "Freya", "Astrid", "Søren", "Sigrid", "Mikael", "Aino",
    "Eero", "Katarzyna", "Piotr", "Zofia", "Ondřej", "Tereza", "Dragan", "Milica", "Nikos", "Eleni",
    "Dimitra", "Giulia", "Matteo", "Lorenzo", "Chiara", "Francesca", "Ahmet", "Elif", "Emre", "Zeynep",
    "Dariush", "Shirin", "Yosef", "Noa", "Tamar", "Kwame", "Ama", "Kofi", "Abena", "Thabo",
    "Lerato", "Sipho", "Zanele", "Tendai", "Wanjiru", "Baraka", "Amani", "Fatuma", "Moana", "Tane",
    "Aroha", "Malia", "Keoni", "Ngọc", "Linh", "Minh", "Thanh", "Siddharth", "Meera", "Farhan",
    "Nusrat", "Ayesha", "Bilal", "Imran", "Rafael", "Beatriz", "Joaquim", "Mariana", "Pedro", "Ximena",
    "Santiago", "Renata", "Nicolás", "Olga", "Dmitri", "Anastasia", "Irina", "Oksana", "Taras", "Nadia",
    "Youssef", "Samira", "Karim", "Yasmin", "Rania", "Ravi", "Deepa", "Sunita", "Jasper", "Ruby",
    "Declan", "Siobhan", "Aoife", "Ciarán", "Eilidh", "Callum", "Rhys", "Carys", "Iolo", "Bronwen",
)

LAST_NAMES = (
    "Okafor", "Chen", "Nakamura", "Haddad", "Kowalski", "Müller", "Núñez", "Gonçalves", "Nguyễn",
    "Dvořák", "Şahin", "Ólafsdóttir", "Lindqvist", "Bergström", "Johansson", "Virtanen", "Korhonen",
    "Novak", "Horváth", "Petrović", "Jovanović", "Papadopoulos", "Georgiou", "Rossi", "Bianchi",
    "Esposito", "Ferrari", "Moreau", "Lefèvre", "Dubois", "Girard", "Janssen", "de Vries",
    "van Dijk", "Bakker", "Schmidt", "Becker", "Hoffmann", "Schäfer", "Fischer", "Kaya", "Demir",
    "Yılmaz", "Öztürk", "Rahimi", "Tehrani", "Karimi", "Cohen", "Levi", "Mizrahi", "Mensah",
    "Owusu", "Asante", "Boateng", "Adeyemi", "Okonkwo", "Eze", "Nwosu", "Balogun", "Dlamini",
    "Nkosi", "Mahlangu", "Moyo", "Kariuki", "Otieno", "Wanjala", "Mwangi", "Tanaka", "Suzuki",
    "Watanabe", "Kobayashi", "Yamamoto", "Kim", "Park", "Choi", "Jung", "Kang", "Wang", "Li",
    "Zhang", "Liu", "Huang", "Zhao", "Lin", "Tran", "Pham", "Le", "Vo", "Patel", "Sharma", "Iyer",
    "Reddy", "Menon", "Banerjee", "Chatterjee", "Kapoor", "Malhotra", "Siddiqui", "Qureshi",
    "Chaudhry", "Rahman", "Hossain", "García", "Rodríguez", "Hernández", "López", "Martínez",
    "Ramírez", "Castillo", "Vargas", "Mendoza", "Rojas", "Silva", "Santos", "Oliveira", "Pereira",
    "Carvalho", "Costa", "Almeida", "Ribeiro", "Ivanova", "Smirnov", "Petrov", "Volkov",
    "Kuznetsova", "Shevchenko", "Bondarenko", "Kovalenko", "Mansour", "Khalil", "Nasser", "Saleh",
    "O'Brien", "O'Connor", "MacLeod", "Fraser", "Gallagher", "Byrne", "Walsh", "Murphy", "Evans",
    "Hughes", "Price", "Morgan", "Whitaker", "Ashdown", "Pemberton", "Hollis", "Kealoha", "Ngata",
)

CREDENTIALS = ("CFA", "MBA", "PhD", "PMP", "CPA", "SHRM-CP", "P.Eng.")
EMOJI = ("🚀", "🌱", "✨", "💡", "📈", "🎯")

COMPANY_STEMS = (
    "Larkspur", "Cobalt Reef", "Tessellate", "Bluefin", "Quillfeather", "Ironbark", "Marrowline",
    "Saltmarsh", "Copperleaf", "Brightwater", "Kestrel Point", "Nimbus Forge", "Oakhollow",
    "Pinecrest", "Redshank", "Silverbirch", "Tidewell", "Umberlight", "Vantor", "Wrenfield",
    "Zephyrine", "Ambergate", "Brackenridge", "Cinderpath", "Driftmoor", "Elmstead", "Fernvale",
    "Glasswing", "Heronsgate", "Juniperline",
)
COMPANY_KINDS = (
    "Labs", "Systems", "Health", "Logistics", "Partners", "Robotics", "Capital", "Foods",
    "Analytics", "Software", "Energy", "Studio",
)
COMPANY_ODDITIES = (
    "Harrowgate, Bell & Co.", "Quillfeather, Inc.", "Mossgrove Holdings, LLC",
    'The "Good Dough" Bakery', "Nordlys Værksted", "Ōkami Design Works", "Café Lumière Group",
)
COMPANIES = tuple(f"{s} {k}" for s in COMPANY_STEMS for k in COMPANY_KINDS) + COMPANY_ODDITIES

SENIORITY = ("", "", "Senior ", "Lead ", "Principal ", "Staff ", "Junior ", "Associate ")
ROLES = (
    "Software Engineer", "Data Scientist", "Product Manager", "Product Designer", "Recruiter",
    "Account Executive", "Data Engineer", "Security Engineer", "Marketing Manager", "Operations Analyst",
    "Financial Analyst", "Customer Success Manager", "Research Scientist", "UX Researcher",
    "Solutions Architect", "Talent Partner", "Supply Chain Planner", "Nurse Practitioner",
)
POSITION_ODDITIES = (
    "VP, Engineering", "Director, Product Marketing", "Founder, CEO", "Head of People",
    "Chief of Staff", "CTO & Co-founder", 'Engineer ("the on-call one")', "Gerente de Operações",
)
POSITIONS = tuple(s + r for s in SENIORITY for r in ROLES) + POSITION_ODDITIES
EMAIL_DOMAINS = ("example.com", "example.org", "example.net")

# LinkedIn's own default note comes first and is the most common generic one.
GENERIC_NOTES = (
    "I'd like to add you to my professional network on LinkedIn.",
    "I'd like to add you to my professional network on LinkedIn.",
    "I'd like to add you to my professional network on LinkedIn.",
    "Hi, I'd like to connect.",
    "Hi, I'd like to connect.",
    "Hello, I'd like to join your network.",
    "Hi there, let's connect!",
)
TOPICS = (
    "data platforms", "developer tooling", "supply chain analytics", "climate tech", "payments",
    "healthcare operations", "robotics", "early-stage hiring", "design systems", "security engineering",
    "B2B sales", "people analytics", "edtech", "logistics", "ML infrastructure", "open source",
)
POST_TITLES = (
    "Hiring without the noise", "What we got wrong about onboarding", "Five lessons from scaling ops",
    "Boring tech, happy teams", "Why your roadmap is a wish list", "Notes from a failed launch",
)
OPENERS_NAME_ONLY = (
    "Hi {first}, I'm hiring for {topic} roles and your background stood out.",
    "{first}, we're both working on {topic}, so connecting seemed overdue.",
    'Hi {first}, I enjoyed your post "{title}" - thanks for writing it.',
    "Hi {first} - fellow {topic} person here.",
    "Hello {first}! I'm building a small network of people who care about {topic}.",
    "Hi {first}, a mutual contact suggested I reach out.",
)
OPENERS_WITH_COMPANY = OPENERS_NAME_ONLY + (
    "Hi {first}, I came across your profile while researching {company} and would love to connect.",
    "Hello {first}! Your work on {topic} at {company} caught my eye.",
    "Hi, I'm talking with a few folks at {company} about {topic}, and your name came up.",
    "Hi {first}, congrats on the new role at {company}!",
    "I've been following what {company} is doing in {topic}; impressive stuff.",
    "Hi {first}, I'm a talent partner and {company} keeps coming up in {topic} conversations.",
)
FOLLOW_UPS = (
    "Would be great to swap notes sometime.",
    "Happy to share what we've learned, too.",
    "No pitch, just keen to stay in touch.",
    "Let me know if you're open to a quick chat.",
    "Hope your week is going well.",
    "I'd value your perspective on what's working for your team.",
    "Either way, thanks for reading!",
)
INCOMING_NOTES = (
    "Hi {member}, we met at the {topic} meetup - great chatting!",
    "Hi {member}, I'm exploring new roles in {topic} and would love to connect.",
    "Hello {member}, I work at {company} and saw your post about hiring, let's connect.",
    "{member}, thanks for the talk on {topic}. Mind if I connect?",
    'Hi {member}! Loved your post "{title}".',
)

# --------------------------------------------------------------------------
# Time helpers: times are integer minutes since EPOCH (UTC), dates are days.

MONTH_ABBR = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def day_of(d: dt.date) -> int:
    return (d - EPOCH).days


def date_of(day: int) -> dt.date:
    return EPOCH + dt.timedelta(days=day)


def _clock_text(minute_of_day: int) -> str:
    hour, minute = divmod(minute_of_day, 60)
    return f"{hour % 12 or 12}:{minute:02d} {'AM' if hour < 12 else 'PM'}"


CLOCK_TEXT = tuple(_clock_text(m) for m in range(MINUTES_PER_DAY))


@functools.lru_cache(maxsize=None)
def _sent_date_text(day: int) -> str:
    d = date_of(day)
    return f"{d.month}/{d.day}/{d.year % 100:02d}"


def format_sent_at(minute: int) -> str:
    """'11/24/26, 2:37 PM' -- LinkedIn's Sent At, UTC."""
    day, minute_of_day = divmod(minute, MINUTES_PER_DAY)
    return f"{_sent_date_text(day)}, {CLOCK_TEXT[minute_of_day]}"


@functools.lru_cache(maxsize=None)
def format_connected_on(day: int) -> str:
    """'24 Nov 2026' -- LinkedIn's Connected On."""
    d = date_of(day)
    return f"{d.day:02d} {MONTH_ABBR[d.month - 1]} {d.year}"


def parse_sent_at(text: str) -> int:
    """Inverse of format_sent_at (used only by the expected-ledger check)."""
    t = dt.datetime.strptime(text, "%m/%d/%y, %I:%M %p")
    return day_of(t.date()) * MINUTES_PER_DAY + t.hour * 60 + t.minute


# --------------------------------------------------------------------------
# CSV writing: RFC 4180, quoted only where needed, like LinkedIn.

INVITATIONS_HEADER = "From,To,Sent At,Message,Direction,inviterProfileUrl,inviteeProfileUrl"
CONNECTIONS_PREAMBLE = (
    "Notes:\n"
    '"When exporting your connection data, you may notice that some of the email addresses are '
    "missing. You will only see email addresses for connections who have allowed their "
    "connections to see or download their email address using this setting "
    "https://www.linkedin.com/psettings/privacy/email. You can learn more here "
    'https://www.linkedin.com/help/linkedin/answer/261"\n'
    "\n"
)
CONNECTIONS_HEADER = "First Name,Last Name,URL,Email Address,Company,Position,Connected On"
PROFILE_HEADER = ("First Name,Last Name,Maiden Name,Address,Birth Date,Headline,Summary,Industry,"
                  "Zip Code,Geo Location,Twitter Handles,Websites,Instant Messengers")


def csv_field(text: str) -> str:
    """Quote a field only if it holds a comma, a quote or a line break; double inner quotes."""
    if '"' in text or "," in text or "\n" in text or "\r" in text:
        return '"' + text.replace('"', '""') + '"'
    return text


def csv_line(fields) -> str:
    return ",".join(map(csv_field, fields))


def invitations_csv(lines: list[str]) -> str:
    """Header plus one LF-terminated line per row (the file ends with a newline)."""
    return "".join([INVITATIONS_HEADER, "\n"] + [line + "\n" for line in lines])


def connections_csv(lines: list[str]) -> str:
    """Preamble, header, rows; deliberately no newline after the last row."""
    return "".join([CONNECTIONS_PREAMBLE, CONNECTIONS_HEADER] + ["\n" + line for line in lines])


def profile_csv() -> str:
    row = (MEMBER_FIRST, MEMBER_LAST, "", "", "",
           "Talent Partner at Larkspur Robotics | Hiring engineers who like hard problems",
           "I help early-stage teams hire thoughtfully.\nOpinions are my own, \"hot takes\" included.",
           "Staffing and Recruiting", "", "Porto, Portugal", "",
           "[OTHER:https://example.com/avery-quinlan]", "")
    return PROFILE_HEADER + "\n" + csv_line(row) + "\n"


# --------------------------------------------------------------------------
# Randomness helpers (bench mode makes millions of draws, so avoid Random.choice's overhead)


def pick(rnd, seq):
    """seq[uniform random index], rnd being a Random's bound .random method."""
    return seq[int(rnd() * len(seq))]


def uniform_int(rnd, low: int, high: int) -> int:
    """A uniform integer in [low, high]."""
    return low + int(rnd() * (high - low + 1))


# --------------------------------------------------------------------------
# People

_TRANSLIT = str.maketrans({"ø": "o", "æ": "ae", "ß": "ss", "ł": "l", "đ": "d", "ı": "i",
                           "œ": "oe", "þ": "th", "ð": "d"})


@functools.lru_cache(maxsize=None)
def slugify(first: str, last: str) -> str:
    """'Søren Ólafsdóttir' -> 'soren-olafsdottir' (ASCII, lowercase, hyphens)."""
    text = f"{first} {last}".lower().translate(_TRANSLIT)
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    text = re.sub(r"['’]", "", text)
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-")


def hash32(x: int) -> int:
    """A bijection on 32-bit ints (odd multiply, then xorshift): distinct inputs, distinct outputs."""
    x = (x * 0x9E3779B1) & 0xFFFFFFFF
    return x ^ (x >> 15)


@dataclass(slots=True)
class Person:
    first: str  # as shown in the export (may carry an emoji)
    last: str  # as shown (may carry ", CFA" or a trailing space)
    url: str
    company: str
    position: str
    email: str
    greet: str  # the plain first name a message would use


class PersonFactory:
    """Makes invented people; every person gets a unique profile URL.

    The URL suffix is hash32(creation index ^ salt), a bijection, so URLs never
    collide. With unique_names no two people share a base name, except the
    deliberate ones: people whose creation index falls on one of a few slots in
    `shared_slots` get one of a few reserved full names (SHARED_GROUP_SIZES).
    """

    SHARED_GROUP_SIZES = (3, 3, 2, 2)

    def __init__(self, rng: random.Random, unique_names: bool, shared_slots: range | None = None):
        self.rng = rng
        self.rnd = rng.random
        self.unique_names = unique_names
        self.used_names: set[tuple[str, str]] = set()
        self.count = 0
        self.url_salt = rng.getrandbits(32)
        self.shared: dict[int, tuple[str, str]] = {}
        if shared_slots:
            self._plan_shared_names(shared_slots)

    def _plan_shared_names(self, slots_range: range) -> None:
        names: list[tuple[str, str]] = []
        while len(names) < len(self.SHARED_GROUP_SIZES):
            pair = (pick(self.rnd, FIRST_NAMES), pick(self.rnd, LAST_NAMES))
            if pair not in names:
                names.append(pair)
        slots = self.rng.sample(slots_range, sum(self.SHARED_GROUP_SIZES))
        for pair, size in zip(names, self.SHARED_GROUP_SIZES):
            for _ in range(size):
                self.shared[slots.pop()] = pair
            self.used_names.add(pair)

    def _pick_name(self) -> tuple[str, str]:
        rnd = self.rnd
        while True:
            pair = (pick(rnd, FIRST_NAMES), pick(rnd, LAST_NAMES))
            if not self.unique_names:
                return pair
            if pair not in self.used_names:
                self.used_names.add(pair)
                return pair

    def _with_quirk(self, first: str, last: str) -> tuple[str, str]:
        """At low rates: a credential after a comma, an emoji, or a trailing space."""
        u = self.rnd()
        if u < 0.015:
            return first, f"{last}, {pick(self.rnd, CREDENTIALS)}"
        if u < 0.022:
            return f"{first} {pick(self.rnd, EMOJI)}", last
        if u < 0.032:
            return first, last + " "
        return first, last

    def make(self) -> Person:
        rnd = self.rnd
        index = self.count
        self.count += 1
        shared = self.shared.get(index)
        if shared:
            base_first, base_last = first, last = shared  # exactly the same full name, no quirks
        else:
            base_first, base_last = self._pick_name()
            first, last = self._with_quirk(base_first, base_last)
        slug = slugify(base_first, base_last)
        url = f"{BARE_URL}/{slug}-{hash32(index ^ self.url_salt):08x}"
        company = pick(rnd, COMPANIES) if rnd() >= 0.04 else ""
        position = pick(rnd, POSITIONS) if rnd() >= 0.03 else ""
        email = f"{slug.replace('-', '.')}@{pick(rnd, EMAIL_DOMAINS)}" if rnd() < EMAIL_RATE else ""
        return Person(first, last, url, company, position, email, base_first)


# --------------------------------------------------------------------------
# Messages


def note_kind(rnd) -> str:
    u = rnd()
    for threshold, kind in NOTE_KIND_CDF:
        if u < threshold:
            return kind
    return NOTE_PERSONAL


def personal_note(rnd, person: Person, newline: bool = False) -> str:
    """One to three sentences naming the person and/or their company."""
    openers = OPENERS_WITH_COMPANY if person.company else OPENERS_NAME_ONLY
    sentences = [pick(rnd, openers).format(first=person.greet, company=person.company,
                                           topic=pick(rnd, TOPICS), title=pick(rnd, POST_TITLES))]
    u = rnd()
    extra = 0 if u < 0.40 else 1 if u < 0.93 else 2
    if newline:
        extra = max(extra, 1)
    while len(sentences) < 1 + extra:
        follow_up = pick(rnd, FOLLOW_UPS)
        if follow_up not in sentences:
            sentences.append(follow_up)
    return ("\n" if newline else " ").join(sentences)


def outgoing_note(rnd, person: Person, newline_rate: float = 0.0) -> tuple[str, str]:
    """(note kind, note text) for an invitation the member sends."""
    kind = note_kind(rnd)
    if kind == NOTE_EMPTY:
        return kind, ""
    if kind == NOTE_GENERIC:
        return kind, pick(rnd, GENERIC_NOTES)
    newline = newline_rate > 0 and rnd() < newline_rate
    return kind, personal_note(rnd, person, newline)


def incoming_note(rnd, sender: Person) -> str:
    u = rnd()
    if u < 0.60:
        return ""
    if u < 0.80:
        return pick(rnd, GENERIC_NOTES)
    return pick(rnd, INCOMING_NOTES).format(member=MEMBER_FIRST, company=sender.company or "a startup",
                                            topic=pick(rnd, TOPICS), title=pick(rnd, POST_TITLES))


# --------------------------------------------------------------------------
# Shared pieces of the truth model

_DELAY_PROBS = tuple(p for p, _ in ACCEPT_DELAY_CDF)


def accept_delay_days(rnd) -> int:
    """Whole days from sending to acceptance, drawn from ACCEPT_DELAY_CDF."""
    i = min(bisect.bisect_right(_DELAY_PROBS, rnd()), len(ACCEPT_DELAY_CDF) - 1)
    low = ACCEPT_DELAY_CDF[i - 1][1] + 1 if i else 0
    return uniform_int(rnd, low, ACCEPT_DELAY_CDF[i][1])


def accept_minute(rnd, sent_minute: int, accept_day: int) -> int:
    """A time on accept_day, after the send when both fall on the same day."""
    sent_day, sent_tod = divmod(sent_minute, MINUTES_PER_DAY)
    low = sent_tod if accept_day == sent_day else 0
    return accept_day * MINUTES_PER_DAY + uniform_int(rnd, low, MINUTES_PER_DAY - 1)


# The two row builders below are bench mode's hot path, so they quote only the
# free-text fields (names, message, company, position). The others are safe by
# construction: URLs and e-mails are built from [a-z0-9-] slugs, the member's
# name, Direction and Connected On hold no comma, and Sent At always holds one
# comma and never a quote, so it is always quoted.

def invitation_line(direction: str, person: Person, sent_minute: int, message: str,
                    bare_url: bool) -> str:
    """One Invitations.csv row, without its line end."""
    other_url = BARE_URL if bare_url else person.url
    name = csv_field(f"{person.first} {person.last}")
    sent_at = format_sent_at(sent_minute)
    if direction == "OUTGOING":
        return f'{MEMBER_NAME},{name},"{sent_at}",{csv_field(message)},OUTGOING,{MEMBER_URL},{other_url}'
    return f'{name},{MEMBER_NAME},"{sent_at}",{csv_field(message)},INCOMING,{other_url},{MEMBER_URL}'


def connection_line(person: Person, day: int) -> str:
    """One Connections.csv row, without its line end."""
    return (f"{csv_field(person.first)},{csv_field(person.last)},{person.url},{person.email},"
            f"{csv_field(person.company)},{csv_field(person.position)},{format_connected_on(day)}")


# --------------------------------------------------------------------------
# Demo mode: simulate the truth


@dataclass(slots=True)
class Invitation:
    seq: int
    direction: str  # "OUTGOING" or "INCOMING"
    person: Person  # the other side
    sent: int  # minutes since EPOCH, UTC
    message: str
    kind: str  # note kind for OUTGOING, "" for INCOMING
    bare_url: bool  # the export shows the bare BARE_URL instead of the person's URL
    accepted_at: int | None = None  # minute of acceptance (may lie after END_DATE)
    withdrawn_day: int | None = None  # withdrawn/declined (may lie after END_DATE)

    @property
    def sent_day(self) -> int:
        return self.sent // MINUTES_PER_DAY

    def accepted_by(self, day: int) -> bool:
        return self.accepted_at is not None and self.accepted_at // MINUTES_PER_DAY <= day

    def withdrawn_by(self, day: int) -> bool:
        return self.withdrawn_day is not None and self.withdrawn_day <= day

    def line(self) -> str:
        return invitation_line(self.direction, self.person, self.sent, self.message, self.bare_url)


@dataclass(slots=True)
class Connection:
    person: Person
    at: int  # minute connected

    @property
    def day(self) -> int:
        return self.at // MINUTES_PER_DAY


@dataclass
class Truth:
    invitations: list[Invitation]  # newest first
    connections: list[Connection]  # newest first, including those after END_DATE


def weekly_send_counts(rnd, weekdays: int) -> list[int]:
    """Send counts for a week's `weekdays` working days: each in SENDS_PER_DAY,
    summing to the week's quota (pro rata for a partial week)."""
    low, high = SENDS_PER_DAY
    quota = round(uniform_int(rnd, *WEEKLY_QUOTA) * weekdays / 5)
    counts = [uniform_int(rnd, low, high) for _ in range(weekdays)]
    total = sum(counts)
    while total != quota:  # nudge random days towards the quota
        i = int(rnd() * weekdays)
        if total > quota and counts[i] > low:
            counts[i] -= 1
            total -= 1
        elif total < quota and counts[i] < high:
            counts[i] += 1
            total += 1
    return counts


def send_schedule(rnd, first_day: int, last_day: int) -> dict[int, int]:
    """day -> number of sends, for every weekday in [first_day, last_day]."""
    weekdays = [d for d in range(first_day, last_day + 1) if date_of(d).weekday() < 5]
    weeks: dict[int, list[int]] = {}
    for d in weekdays:
        weeks.setdefault(d - date_of(d).weekday(), []).append(d)  # keyed by the week's Monday
    schedule = {}
    for days in weeks.values():
        schedule.update(zip(days, weekly_send_counts(rnd, len(days))))
    return schedule


def send_minutes(rnd, day: int, count: int) -> list[int]:
    """`count` send times on `day`, inside the three UTC send windows, in order."""
    minutes = []
    for _ in range(count):
        start, stop = pick(rnd, SEND_WINDOWS_UTC)
        minutes.append(day * MINUTES_PER_DAY + uniform_int(rnd, start, stop - 1))
    return sorted(minutes)


def decide_outgoing_fate(rnd, inv: Invitation) -> None:
    if rnd() < ACCEPT_PROBABILITY[inv.kind]:
        inv.accepted_at = accept_minute(rnd, inv.sent, inv.sent_day + accept_delay_days(rnd))
    elif rnd() < WITHDRAW_PROBABILITY:
        inv.withdrawn_day = inv.sent_day + uniform_int(rnd, *WITHDRAW_AFTER_DAYS)


def decide_incoming_fate(rnd, inv: Invitation) -> None:
    if rnd() < INCOMING_ACCEPT_PROBABILITY:
        inv.accepted_at = accept_minute(rnd, inv.sent, inv.sent_day + uniform_int(rnd, *INCOMING_ACCEPT_DAYS))


def add_newlines(rng: random.Random, invitations: list[Invitation], count: int) -> None:
    """Rewrite `count` personalised notes so that they contain an embedded newline."""
    personal = [inv for inv in invitations if inv.kind == NOTE_PERSONAL]
    for inv in rng.sample(personal, min(count, len(personal))):
        inv.message = personal_note(rng.random, inv.person, newline=True)


def simulate_demo(rng: random.Random) -> Truth:
    rnd = rng.random
    # People are made in time order and the older connections last, so these
    # slots land in the later exports' invitations and in Connections.
    people = PersonFactory(rng, unique_names=True, shared_slots=range(1000, 2700))
    invitations: list[Invitation] = []
    schedule = send_schedule(rnd, day_of(DEMO_START), day_of(END_DATE))
    for day in range(day_of(DEMO_START), day_of(END_DATE) + 1):
        if day in schedule:
            for minute in send_minutes(rnd, day, schedule[day]):
                person = people.make()
                kind, message = outgoing_note(rnd, person)
                inv = Invitation(len(invitations), "OUTGOING", person, minute, message, kind,
                                 rnd() < BARE_URL_RATE)
                decide_outgoing_fate(rnd, inv)
                invitations.append(inv)
        if rnd() < INCOMING_PER_DAY:
            person = people.make()
            minute = day * MINUTES_PER_DAY + int(rnd() * MINUTES_PER_DAY)
            inv = Invitation(len(invitations), "INCOMING", person, minute, incoming_note(rnd, person), "",
                             rnd() < BARE_URL_RATE)
            decide_incoming_fate(rnd, inv)
            invitations.append(inv)
    add_newlines(rng, invitations, NEWLINE_NOTES_DEMO)

    connections = [Connection(inv.person, inv.accepted_at) for inv in invitations
                   if inv.accepted_at is not None]
    first, last = day_of(OLD_CONNECTIONS_FROM), day_of(OLD_CONNECTIONS_TO)
    for _ in range(OLD_CONNECTIONS):
        at = uniform_int(rnd, first, last) * MINUTES_PER_DAY + int(rnd() * MINUTES_PER_DAY)
        connections.append(Connection(people.make(), at))

    invitations.sort(key=lambda inv: (inv.sent, inv.seq), reverse=True)
    connections.sort(key=lambda c: (c.at, c.person.url), reverse=True)
    return Truth(invitations, connections)


# --------------------------------------------------------------------------
# Demo mode: exports


@dataclass
class Export:
    date: dt.date
    invitations_csv: str
    connections_csv: str

    @property
    def zip_name(self) -> str:
        return f"Basic_LinkedInDataExport_{self.date:%m-%d-%Y}.zip"


def build_export(truth: Truth, export_date: dt.date) -> Export:
    """What the member downloads on export_date (see the module docstring)."""
    today = day_of(export_date)
    first_day = today - WINDOW_DAYS
    invitations = [inv.line() for inv in truth.invitations
                   if first_day <= inv.sent_day <= today and not inv.withdrawn_by(today)]
    connections = [connection_line(c.person, c.day) for c in truth.connections if c.day <= today]
    return Export(export_date, invitations_csv(invitations), connections_csv(connections))


def read_invitations(export: Export) -> list[list[str]]:
    """The rows of the export's Invitations.csv, parsed back with the csv module."""
    rows = list(csv.reader(io.StringIO(export.invitations_csv, newline="")))
    if rows[0] != INVITATIONS_HEADER.split(","):
        raise AssertionError("Invitations.csv: unexpected header")
    return rows[1:]


def read_connections(export: Export) -> list[list[str]]:
    """The rows of the export's Connections.csv after its preamble, parsed back."""
    if not export.connections_csv.startswith(CONNECTIONS_PREAMBLE + CONNECTIONS_HEADER):
        raise AssertionError("Connections.csv: unexpected preamble or header")
    rows = list(csv.reader(io.StringIO(export.connections_csv[len(CONNECTIONS_PREAMBLE):], newline="")))
    return rows[1:]


def write_zip(path: Path, export_date: dt.date, members: list[tuple[str, str]]) -> None:
    """A byte-reproducible zip: fixed entry order, timestamp, permissions and host system."""
    with zipfile.ZipFile(path, "w") as zf:
        for name, text in members:
            info = zipfile.ZipInfo(name, date_time=(export_date.year, export_date.month, export_date.day,
                                                    9, 30, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 3  # Unix, wherever this runs
            info.external_attr = 0o100644 << 16
            zf.writestr(info, text.encode("utf-8"), compress_type=zipfile.ZIP_DEFLATED, compresslevel=6)


def write_export(out_dir: Path, export: Export) -> Path:
    path = out_dir / export.zip_name
    write_zip(path, export.date, [
        ("Connections.csv", export.connections_csv),
        ("Invitations.csv", export.invitations_csv),
        ("Profile.csv", profile_csv()),
    ])
    return path


# --------------------------------------------------------------------------
# Demo mode: what a correct ledger should conclude, computed from the exports only


@dataclass
class LedgerView:
    seen: int
    connected: int
    missing: int
    pending: int
    old_enough: int
    old_enough_connected: int


def expected_ledger(exports: list[Export]) -> LedgerView:
    """Import the exports in order the way the ledger should, from their CSV text alone.

    An OUTGOING row is keyed by (invitee URL -- or invitee name when the URL is
    bare --, Sent At). It is connected when its invitee is in the newest
    Connections.csv (by URL; by name when the URL is bare and the name is unique
    there). It is missing when a later export whose 182-day window covers its
    Sent At lacks it. Pending = seen - connected - missing.
    """
    sent_day: dict[tuple[str, str], int] = {}
    first_seen: dict[tuple[str, str], int] = {}  # key -> index of the first export listing it
    keys_per_export: list[set[tuple[str, str]]] = []
    for i, export in enumerate(exports):
        keys = set()
        for row in read_invitations(export):
            if row[4] != "OUTGOING":
                continue
            key = (row[6] if row[6] != BARE_URL else "name:" + row[1], row[2])
            keys.add(key)
            if key not in sent_day:
                sent_day[key] = parse_sent_at(row[2]) // MINUTES_PER_DAY
                first_seen[key] = i
        keys_per_export.append(keys)

    final = read_connections(exports[-1])
    urls = {row[2] for row in final}
    names = Counter(f"{row[0]} {row[1]}" for row in final)

    def is_connected(key: tuple[str, str]) -> bool:
        who = key[0]
        return names[who[5:]] == 1 if who.startswith("name:") else who in urls

    def is_missing(key: tuple[str, str]) -> bool:
        return any(sent_day[key] >= day_of(exports[j].date) - WINDOW_DAYS and key not in keys_per_export[j]
                   for j in range(first_seen[key] + 1, len(exports)))

    connected = {k for k in sent_day if is_connected(k)}
    missing = sum(1 for k in sent_day if k not in connected and is_missing(k))
    old = [k for k in sent_day if sent_day[k] <= day_of(END_DATE) - 14]
    return LedgerView(seen=len(sent_day), connected=len(connected), missing=missing,
                      pending=len(sent_day) - len(connected) - missing,
                      old_enough=len(old), old_enough_connected=sum(1 for k in old if k in connected))


def percent(part: int, whole: int) -> str:
    return f"{part}/{whole} = {100 * part / max(1, whole):.1f}%"


def truth_summary(truth: Truth) -> list[str]:
    end = day_of(END_DATE)
    out = [i for i in truth.invitations if i.direction == "OUTGOING"]
    inc = [i for i in truth.invitations if i.direction == "INCOMING"]
    accepted = sum(1 for i in out if i.accepted_by(end))
    accepted_later = sum(1 for i in out if i.accepted_at is not None) - accepted
    withdrawn = sum(1 for i in out if i.withdrawn_by(end))
    withdrawn_later = sum(1 for i in out if i.withdrawn_day is not None) - withdrawn
    kinds = Counter(i.kind for i in out)
    old = [i for i in out if i.sent_day <= end - 14]
    return [
        f"truth at {END_DATE}: outgoing {len(out)} (notes: empty {kinds[NOTE_EMPTY]}, "
        f"generic {kinds[NOTE_GENERIC]}, personalised {kinds[NOTE_PERSONAL]})",
        f"  accepted {accepted} (+{accepted_later} accept after {END_DATE}), "
        f"withdrawn/declined {withdrawn} (+{withdrawn_later} after), "
        f"pending {len(out) - accepted - withdrawn}",
        f"  acceptance of those sent >= 14 days before the end: "
        f"{percent(sum(1 for i in old if i.accepted_by(end)), len(old))}",
        f"  incoming {len(inc)}, accepted {sum(1 for i in inc if i.accepted_by(end))}; "
        f"older connections {OLD_CONNECTIONS}",
    ]


def run_demo(args: argparse.Namespace) -> None:
    truth = simulate_demo(random.Random(args.seed))
    exports = [build_export(truth, d) for d in EXPORT_DATES]
    lines = [f"demo: seed {args.seed}, member {MEMBER_NAME} ({MEMBER_URL})"]
    for export in exports:
        path = write_export(args.out, export)
        invitations = read_invitations(export)
        n_out = sum(1 for r in invitations if r[4] == "OUTGOING")
        lines.append(f"  {path}: Invitations.csv {len(invitations)} rows (outgoing {n_out}, "
                     f"incoming {len(invitations) - n_out}), "
                     f"Connections.csv {len(read_connections(export))} rows")
    lines += truth_summary(truth)
    view = expected_ledger(exports)
    lines += [
        "expected ledger after importing the three exports in order (outgoing invitations):",
        f"  seen {view.seen}, connected {view.connected}, missing from a later export {view.missing}, "
        f"pending {view.pending}",
        f"  acceptance of those sent >= 14 days before {END_DATE}: "
        f"{percent(view.old_enough_connected, view.old_enough)}",
    ]
    print("\n".join(lines), file=sys.stderr)


# --------------------------------------------------------------------------
# Bench mode

BENCH_OUTGOING_SHARE = 0.6
BENCH_CHUNK_LINES = 50_000


def bench_send_times(rnd, count: int, days: int) -> list[int]:
    """`count` uniform minutes over the `days` days ending END_DATE."""
    first_minute = (day_of(END_DATE) - days + 1) * MINUTES_PER_DAY
    span = days * MINUTES_PER_DAY
    return [first_minute + int(rnd() * span) for _ in range(count)]


def choose_pending(rng: random.Random, minutes: list[int], n_out: int, pending: int) -> set[int]:
    """Exactly `pending` outgoing sequence numbers among the last 60 days of sends."""
    cutoff = (day_of(END_DATE) - BENCH_PENDING_RECENT_DAYS + 1) * MINUTES_PER_DAY
    recent = [seq for seq in range(n_out) if minutes[seq] >= cutoff]
    if pending > len(recent):
        raise ValueError(f"--pending {pending} exceeds the {len(recent)} outgoing invitations sent in "
                         f"the last {BENCH_PENDING_RECENT_DAYS} days; raise --invitations or lower --pending")
    return set(rng.sample(recent, pending))


def open_output(path: Path):
    return open(path, "w", encoding="utf-8", newline="", buffering=1 << 20)


def flush_lines(file, lines: list[str]) -> None:
    """Write the lines, each followed by LF, in one call; then forget them."""
    if lines:
        file.write("\n".join(lines))
        file.write("\n")
        lines.clear()


def run_bench(args: argparse.Namespace, parser: argparse.ArgumentParser) -> None:
    started = time.perf_counter()
    rng = random.Random(args.seed)
    rnd = rng.random
    total = args.invitations
    n_out = round(total * BENCH_OUTGOING_SHARE)  # sequence numbers < n_out are OUTGOING
    minutes = bench_send_times(rnd, total, args.days)
    try:
        pending = choose_pending(rng, minutes, n_out, args.pending)
    except ValueError as err:
        parser.error(str(err))

    # Newest first: sort (minute, seq) packed into one int.
    shift = total.bit_length()
    mask = (1 << shift) - 1
    order = [(minute << shift) | seq for seq, minute in enumerate(minutes)]
    order.sort(reverse=True)
    del minutes

    end = day_of(END_DATE)
    make_person = PersonFactory(rng, unique_names=False).make
    lines = [INVITATIONS_HEADER]
    connections: list[tuple[int, str]] = []
    with open_output(args.out / "Invitations.csv") as out:
        for key in order:
            seq, minute = key & mask, key >> shift
            person = make_person()
            if seq < n_out:
                message = outgoing_note(rnd, person, NEWLINE_RATE_BENCH)[1]
                lines.append(invitation_line("OUTGOING", person, minute, message, False))
                if seq not in pending:
                    day = min(minute // MINUTES_PER_DAY + accept_delay_days(rnd), end)
                    connections.append((accept_minute(rnd, minute, day), connection_line(person, day)))
            else:
                message = incoming_note(rnd, person)
                lines.append(invitation_line("INCOMING", person, minute, message, rnd() < BARE_URL_RATE))
            if len(lines) >= BENCH_CHUNK_LINES:
                flush_lines(out, lines)
        flush_lines(out, lines)
    del order

    connections.sort(reverse=True)  # newest first; equal minutes ordered by row text
    with open_output(args.out / "Connections.csv") as out:
        out.write(CONNECTIONS_PREAMBLE + CONNECTIONS_HEADER)  # rows follow as "\n" + row: no final LF
        for start in range(0, len(connections), BENCH_CHUNK_LINES):
            out.write("".join(["\n" + line for _, line in connections[start:start + BENCH_CHUNK_LINES]]))
    print(f"bench: seed {args.seed}: {args.out / 'Invitations.csv'} {total} rows "
          f"(outgoing {n_out}, incoming {total - n_out}); {args.out / 'Connections.csv'} "
          f"{len(connections)} rows; pending outgoing {len(pending)}; "
          f"{time.perf_counter() - started:.1f} s", file=sys.stderr)


# --------------------------------------------------------------------------
# Command line


def whole_number(minimum: int):
    def parse(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"expected a whole number, got {text!r}") from None
        if value < minimum:
            raise argparse.ArgumentTypeError(f"must be at least {minimum}, got {value}")
        return value
    return parse


def build_parser() -> tuple[argparse.ArgumentParser, dict[str, argparse.ArgumentParser]]:
    parser = argparse.ArgumentParser(
        prog="gen_export.py",
        description="Generate made-up, deterministic LinkedIn data exports for invitekeeper "
                    "(standard library only). Same arguments, same bytes.",
        epilog="modes:\n"
               "  demo   gen_export.py demo --out DIR [--seed 20261124]\n"
               "  bench  gen_export.py bench --out DIR --invitations 1000000 --pending 1500 [--seed 7]\n"
               "Run 'gen_export.py MODE --help' for details; the module docstring explains the\n"
               "truth model and the LinkedIn quirks reproduced.",
        formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="mode", required=True, metavar="{demo,bench}")
    demo = sub.add_parser(
        "demo", help="three export zips from one simulated year of outreach",
        description=f"Simulate one year of outreach by the made-up member {MEMBER_NAME}, ending "
                    f"{END_DATE}, and write the three export zips downloaded on "
                    + ", ".join(f"{d}" for d in EXPORT_DATES)
                    + " (DIR/Basic_LinkedInDataExport_MM-DD-YYYY.zip, each with Invitations.csv, "
                      "Connections.csv and Profile.csv). Prints the row counts, the simulated truth "
                      "and what a correct ledger should conclude to stderr.")
    demo.add_argument("--out", type=Path, required=True, metavar="DIR", help="output folder (created)")
    demo.add_argument("--seed", type=int, default=20261124, help="random seed (default: %(default)s)")
    bench = sub.add_parser(
        "bench", help="one large Invitations.csv + Connections.csv for benchmarks",
        description="Write DIR/Invitations.csv with exactly N rows over the D days ending "
                    f"{END_DATE} (60% OUTGOING, each to a new person; 40% INCOMING), newest first, "
                    "and DIR/Connections.csv with a connection for every OUTGOING invitee except "
                    f"exactly P of them, chosen among the sends of the last {BENCH_PENDING_RECENT_DAYS} "
                    "days. Matching OUTGOING rows to connections by URL leaves exactly P pending.")
    bench.add_argument("--out", type=Path, required=True, metavar="DIR", help="output folder (created)")
    bench.add_argument("--invitations", type=whole_number(1), default=1_000_000, metavar="N",
                       help="Invitations.csv rows (default: %(default)s)")
    bench.add_argument("--pending", type=whole_number(0), default=1500, metavar="P",
                       help="OUTGOING invitations left without a connection (default: %(default)s)")
    bench.add_argument("--days", type=whole_number(BENCH_PENDING_RECENT_DAYS), default=BENCH_DAYS, metavar="D",
                       help="days the sends span, ending on the export's date (default: %(default)s)")
    bench.add_argument("--seed", type=int, default=7, help="random seed (default: %(default)s)")
    return parser, {"demo": demo, "bench": bench}


def main(argv: list[str] | None = None) -> int:
    parser, modes = build_parser()
    args = parser.parse_args(argv)
    mode_parser = modes[args.mode]
    if args.out.exists() and not args.out.is_dir():
        mode_parser.error(f"--out {args.out} exists and is not a folder")
    try:
        args.out.mkdir(parents=True, exist_ok=True)
    except OSError as err:
        mode_parser.error(f"cannot create --out {args.out}: {err.strerror}")
    if args.mode == "demo":
        run_demo(args)
    else:
        run_bench(args, mode_parser)
    return 0


if __name__ == "__main__":
    sys.exit(main())
