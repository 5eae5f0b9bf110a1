#!/usr/bin/env python3
"""The folders are the layers, and includes point one way (docs/architecture.md):

    main -> present -> app -> plan -> store -> ingest -> core

A part may include its own headers and those of the parts below it, never above.
SQLite's header and the SQLite backend's own headers stay inside src/store/sqlite/,
libpq's and the PostgreSQL backend's inside src/store/postgres/ (and store/open.cpp,
which picks the backend): nothing in present/, app/ or plan/
knows which database holds the ledger. The command line's parser (CLI11) and the
HTTP server (cpp-httplib) stay in present/: a use case cannot tell which front end
called it. libsodium stays in app/secrets.cpp: one place makes and checks every
password hash, token and session secret.

Run: layers_test.py SOURCE_DIR
"""
import re
import sys
import unittest
from pathlib import Path

SRC = Path()
ORDER = ["core", "ingest", "store", "plan", "app", "present"]  # each may include those before it
INCLUDE = re.compile(r'^\s*#\s*include\s*([<"])([^>"]+)[>"]', re.M)


def includes():
    for path in sorted(SRC.rglob("*")):
        if path.suffix not in (".h", ".cpp") or "node_modules" in path.parts:
            continue
        rel = path.relative_to(SRC)
        for kind, name in INCLUDE.findall(path.read_text(encoding="utf-8")):
            yield rel, kind, name


class Layers(unittest.TestCase):
    def test_includes_point_down_the_layers(self):
        wrong = []
        for rel, kind, name in includes():
            if kind != '"' or len(rel.parts) < 2:
                continue
            part, target = rel.parts[0], name.split("/")[0]
            if part in ORDER and target in ORDER and ORDER.index(target) > ORDER.index(part):
                wrong.append(f"{rel} includes {name}")
        self.assertEqual(wrong, [], "an include points up the layers")

    def test_only_the_sqlite_backend_knows_sqlite(self):
        wrong = []
        for rel, kind, name in includes():
            inside = rel.parts[:2] == ("store", "sqlite")
            if name == "sqlite3.h" and not inside:
                wrong.append(f"{rel} includes <sqlite3.h>")
            if name.startswith("store/sqlite/") and not inside and rel != Path("store/open.cpp"):
                wrong.append(f"{rel} includes {name}")
        self.assertEqual(wrong, [], "SQLite is visible outside store/sqlite/")

    def test_only_the_postgres_backend_knows_libpq(self):
        wrong = []
        for rel, kind, name in includes():
            inside = rel.parts[:2] == ("store", "postgres")
            if name == "libpq-fe.h" and not inside:
                wrong.append(f"{rel} includes <libpq-fe.h>")
            if name.startswith("store/postgres/") and not inside and rel != Path("store/open.cpp"):
                wrong.append(f"{rel} includes {name}")
        self.assertEqual(wrong, [], "libpq is visible outside store/postgres/")

    def test_only_the_front_ends_know_their_libraries(self):
        wrong = []
        for rel, kind, name in includes():
            if rel.parts[0] != "present" and (name.startswith("CLI/") or name == "httplib.h"):
                wrong.append(f"{rel} includes <{name}>")
        self.assertEqual(wrong, [], "a front end's library is visible below present/")

    def test_only_the_secrets_know_libsodium(self):
        wrong = [f"{rel} includes <{name}>" for rel, kind, name in includes()
                 if name.startswith("sodium") and rel != Path("app/secrets.cpp")]
        self.assertEqual(wrong, [], "libsodium is used outside app/secrets.cpp")

    def test_the_check_reads_the_sources(self):
        self.assertGreater(sum(1 for _ in includes()), 200)


if __name__ == "__main__":
    SRC = Path(sys.argv.pop(1))
    unittest.main()
