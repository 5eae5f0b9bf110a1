#!/usr/bin/env python3
"""Golden CLI cases: a folder per case under cases/ holds

  cmd        one invitekeeper command line per line (shell words, without the
             program name); '#' lines are comments; a line ending in "< FILE"
             reads that input file on standard input (else it reads nothing)
  expected   what running them prints: for each command "$ <line>", its stdout,
             its stderr prefixed with "! ", and "[exit N]" when N is not 0
  uses       optional: shared fixtures, one path under tests/ per line, copied
             in beside the case's own inputs (so a fixture lives in one place)
  *          any other file is an input, copied into the temporary folder the
             commands run in

Every command runs with a fresh database (INVITEKEEPER_DB in the temporary
folder) shared by the commands of one case, and no config file. The runner
prints a unified diff for each failing case; --update rewrites `expected`.

Usage: run_golden.py BINARY [--update] [CASE...]
"""
import difflib
import os
import shlex
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

CASES = Path(__file__).resolve().parent / "cases"
TESTS = CASES.parent.parent


def run_case(binary: str, case: Path) -> str:
    with tempfile.TemporaryDirectory(prefix="ik-golden-") as tmp:
        # A case's own files, and the shared fixtures its "uses" file names (paths
        # under tests/, one per line), all in the case's working folder.
        shared = []
        if (case / "uses").exists():
            shared = [TESTS / line.strip() for line in (case / "uses").read_text().splitlines()
                      if line.strip() and not line.lstrip().startswith("#")]
        for f in [*case.iterdir(), *shared]:
            if f.name not in ("cmd", "expected", "uses"):
                (shutil.copytree if f.is_dir() else shutil.copy)(f, Path(tmp) / f.name)
        env = {
            "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
            "HOME": tmp,
            "XDG_CONFIG_HOME": str(Path(tmp) / "config"),
            "INVITEKEEPER_DB": str(Path(tmp) / "ledger.db"),
            "LC_ALL": "C.UTF-8",
            "TZ": "UTC",
        }
        out = []
        for line in (case / "cmd").read_text().splitlines():
            if not line.strip() or line.lstrip().startswith("#"):
                continue
            args = shlex.split(line)
            stdin = b""
            if len(args) >= 2 and args[-2] == "<":
                stdin = (Path(tmp) / args[-1]).read_bytes()
                args = args[:-2]
            proc = subprocess.run([binary, *args], cwd=tmp, env=env, input=stdin, capture_output=True,
                                  timeout=60)
            out.append(f"$ {line}")
            stdout = proc.stdout.decode("utf-8", "replace").replace(tmp, "$TMP")
            stderr = proc.stderr.decode("utf-8", "replace").replace(tmp, "$TMP")
            if stdout:
                out.append(stdout.rstrip("\n"))
            for err_line in stderr.rstrip("\n").splitlines():
                out.append(f"! {err_line}")
            if proc.returncode != 0:
                out.append(f"[exit {proc.returncode}]")
        return "\n".join(out) + "\n"


def main() -> int:
    args = sys.argv[1:]
    if not args:
        print(__doc__, file=sys.stderr)
        return 2
    binary = os.path.abspath(args.pop(0))
    update = "--update" in args
    names = [a for a in args if a != "--update"]
    cases = sorted(p for p in CASES.iterdir() if p.is_dir() and (not names or p.name in names))
    failed = 0
    for case in cases:
        actual = run_case(binary, case)
        expected_file = case / "expected"
        if update:
            expected_file.write_text(actual)
            print(f"updated {case.name}")
            continue
        expected = expected_file.read_text() if expected_file.exists() else ""
        if actual != expected:
            failed += 1
            print(f"FAIL {case.name}")
            sys.stdout.writelines(difflib.unified_diff(
                expected.splitlines(True), actual.splitlines(True), f"{case.name}/expected", "actual"))
        else:
            print(f"ok   {case.name}")
    print(f"{len(cases) - failed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
