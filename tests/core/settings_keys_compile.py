#!/usr/bin/env python3
"""A setting's key is checked when the code compiles (core::SettingKey): a key that is
not in the settings table, or one read as another type than its own, is a compile
error that says so, in every build type. The same snippet with a good key compiles,
so the failures are the checks' and not a broken include.

Run: settings_keys_compile.py CXX SOURCE_DIR
"""
import subprocess
import sys
import tempfile
import unittest
from pathlib import Path

CXX = ""
SRC = ""


def compile_snippet(body):
    code = f'#include "core/settings.h"\nlong long read(const ik::core::Settings& s) {{ return {body}; }}\n'
    with tempfile.NamedTemporaryFile("w", suffix=".cpp") as f:
        f.write(code)
        f.flush()
        return subprocess.run([CXX, "-std=c++23", "-fsyntax-only", "-I", SRC, f.name], capture_output=True,
                              text=True, timeout=300)


class SettingKeys(unittest.TestCase):
    def test_a_known_key_read_as_its_type_compiles(self):
        proc = compile_snippet('s.integer("pending.target") + s.duration("send.min_gap").count()')
        self.assertEqual(proc.returncode, 0, proc.stderr[-2000:])

    def test_a_misspelled_key_does_not_compile(self):
        proc = compile_snippet('s.integer("pending.targte")')
        self.assertNotEqual(proc.returncode, 0)
        self.assertIn("unknown setting key", proc.stderr)

    def test_a_key_read_as_another_type_does_not_compile(self):
        proc = compile_snippet('s.integer("send.min_gap")')
        self.assertNotEqual(proc.returncode, 0)
        self.assertIn("read as another type", proc.stderr)

    def test_a_default_of_an_unknown_key_does_not_compile(self):
        proc = compile_snippet('ik::core::default_integer("pending.tagret")')
        self.assertNotEqual(proc.returncode, 0)
        self.assertIn("unknown setting key", proc.stderr)


if __name__ == "__main__":
    CXX = sys.argv.pop(1)
    SRC = sys.argv.pop(1)
    unittest.main()
