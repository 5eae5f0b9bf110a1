#!/usr/bin/env python3
"""End-to-end tests of `invitekeeper serve` over real HTTP on an ephemeral port:
the security rules of docs/api.md, every error status, and that a route answers
exactly what its CLI command prints with --json.

Run: test_serve.py BINARY DEMO_DIR
"""
import http.client
import json
import os
import re
import signal
import socket
import subprocess
import sys
import unittest
import urllib.parse
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import test_import  # noqa: E402  (the Ledger helpers)
from test_import import TempCase  # noqa: E402

NOW = "2026-11-26T09:00:00Z"
TOKEN = "test-token-0123456789abcdef"
DEMO_ZIP = "Basic_LinkedInDataExport_11-24-2026.zip"


def read_response(sock):
    """One whole HTTP response from `sock`: its head as text and its body as bytes,
    read up to the declared Content-Length or, without one, to the close; ("", b"")
    if the server closed without a word. Segments arrive as they will: under load the
    head and the body often come apart."""
    data = b""
    while b"\r\n\r\n" not in data:
        chunk = sock.recv(65536)
        if not chunk and not data:
            return "", b""
        if not chunk:
            raise AssertionError(f"the connection closed inside the response's head: {data[:200]!r}")
        data += chunk
    head, _, body = data.partition(b"\r\n\r\n")
    head = head.decode("latin-1")
    length = re.search(r"(?im)^content-length:\s*(\d+)\s*$", head)
    while length is None or len(body) < int(length.group(1)):
        chunk = sock.recv(65536)
        if not chunk:
            break
        body += chunk
    if length is not None and len(body) != int(length.group(1)):
        raise AssertionError(f"the body has {len(body)} bytes, Content-Length says {length.group(1)}")
    return head, body


class Server:
    """`serve` on 127.0.0.1:0 over the ledger's database, stopped by SIGTERM."""

    def __init__(self, ledger, *extra, token=TOKEN, listen="127.0.0.1:0", env_token=None):
        env = {"PATH": os.environ["PATH"], "HOME": str(ledger.tmp), "XDG_CONFIG_HOME": str(ledger.tmp / "cfg")}
        if env_token:
            env["INVITEKEEPER_TOKEN"] = env_token
        cmd = [test_import.BINARY, "--db", str(ledger.db), "--now", ledger.now, "serve", "--listen", listen, *extra]
        if token:
            cmd += ["--token", token]
        # stderr goes to a file: a pipe nobody reads would stop the server once full.
        self.stderr = open(ledger.tmp / f"serve-{id(self)}.stderr", "w+")
        self.proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=self.stderr, stdin=subprocess.DEVNULL,
                                     text=True, env=env)
        first = self.proc.stdout.readline()
        match = re.match(r"listening on http://([0-9.]+):(\d+)", first)
        if not match:
            self.proc.kill()
            self.proc.wait()
            self.stderr.seek(0)
            raise AssertionError(f"serve did not start: {first!r} {self.stderr.read()}")
        self.host, self.port = match.group(1), int(match.group(2))
        self.login_line = self.proc.stdout.readline()
        self.token = token or env_token

    @property
    def authority(self):
        return f"{self.host}:{self.port}"

    def request(self, method, path, body=None, headers=None, token=True):
        conn = http.client.HTTPConnection(self.host, self.port, timeout=60)
        all_headers = {}
        if token:
            all_headers["Authorization"] = f"Bearer {self.token if token is True else token}"
        all_headers.update(headers or {})
        if isinstance(body, (dict, list)):
            body = json.dumps(body)
            all_headers.setdefault("Content-Type", "application/json")
        conn.request(method, path, body=body, headers=all_headers)
        res = conn.getresponse()
        data = res.read()
        conn.close()
        return res, data

    def json(self, method, path, body=None, headers=None, token=True, status=200):
        res, data = self.request(method, path, body, headers, token)
        if res.status != status:
            raise AssertionError(f"{method} {path}: {res.status}, wanted {status}: {data[:400]!r}")
        self.assert_json_type(res)
        return json.loads(data)

    @staticmethod
    def assert_json_type(res):
        if res.getheader("Content-Type") != "application/json":
            raise AssertionError(f"Content-Type {res.getheader('Content-Type')}")

    def stop(self):
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout=60)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                raise
        self.proc.stdout.close()
        self.stderr.close()
        return self.proc.returncode


class ServeCase(TempCase):
    """A ledger with the demo export imported and a server over it."""

    server_args = ()

    def setUp(self):
        super().setUp()
        self.ledger.run("import", str(Path(test_import.DEMO) / DEMO_ZIP), check=0)
        self.server = Server(self.ledger, *self.server_args)

    def tearDown(self):
        self.assertEqual(self.server.stop(), 0)
        super().tearDown()

    def assert_error(self, res, data, status, code):
        self.assertEqual(res.status, status, data[:300])
        self.assertEqual(res.getheader("Content-Type"), "application/json")
        error = json.loads(data)["error"]
        self.assertEqual(error["code"], code, error["message"])
        self.assertTrue(error["message"])
        return error

    def login(self):
        res, _ = self.server.request("POST", "/login", f"token={TOKEN}",
                                     {"Content-Type": "application/x-www-form-urlencoded",
                                      "Origin": f"http://{self.server.authority}"}, token=False)
        self.assertEqual(res.status, 303)
        cookie = res.getheader("Set-Cookie")
        return cookie.split(";")[0]


class Authentication(ServeCase):
    def test_every_api_call_needs_the_token(self):
        for path in ("/api/status", "/api/openapi.json", "/api/plan/withdraw", "/api/nothing"):
            res, data = self.server.request("GET", path, token=False)
            self.assert_error(res, data, 401, "unauthorized")
            self.assertIn("Bearer", res.getheader("WWW-Authenticate"))
        res, data = self.server.request("GET", "/api/status", token="wrong-token-0123456789abcdef")
        self.assert_error(res, data, 401, "unauthorized")
        res, data = self.server.request("GET", "/api/status", headers={"Authorization": "Basic " + TOKEN}, token=False)
        self.assert_error(res, data, 401, "unauthorized")
        res, data = self.server.request("POST", "/api/marks/withdrawn", {"targets": [2]}, token=False)
        self.assert_error(res, data, 401, "unauthorized")
        self.assertEqual(self.server.json("GET", "/api/status")["pending"], self.ledger.json("status")["pending"])

    def test_the_dashboard_needs_a_login_that_sets_a_strict_httponly_cookie(self):
        res, _ = self.server.request("GET", "/", token=False)
        self.assertEqual(res.status, 303)
        self.assertEqual(res.getheader("Location"), "/login")
        res, data = self.server.request("GET", "/login", token=False)
        self.assertEqual(res.status, 200)
        self.assertIn(b'action="/login"', data)

        res, data = self.server.request("POST", "/login", "token=nope",
                                        {"Content-Type": "application/x-www-form-urlencoded"}, token=False)
        self.assertEqual(res.status, 401)
        self.assertIn(b"not this server", data)
        self.assertIsNone(res.getheader("Set-Cookie"))

        res, _ = self.server.request("POST", "/login", f"token={TOKEN}",
                                     {"Content-Type": "application/x-www-form-urlencoded"}, token=False)
        self.assertEqual(res.status, 303)
        cookie = res.getheader("Set-Cookie")
        self.assertRegex(cookie, r"^ik_session=[0-9a-f]{64}; ")
        self.assertIn("HttpOnly", cookie)
        self.assertIn("SameSite=Strict", cookie)
        session = cookie.split(";")[0]

        res, data = self.server.request("GET", "/", headers={"Cookie": session}, token=False)
        self.assertEqual(res.status, 200)
        self.assertIn(b'<script type="module" src="/assets/app.js">', data)
        status = self.server.json("GET", "/api/status", headers={"Cookie": session}, token=False)
        self.assertEqual(status["account"], "robin")

        res, _ = self.server.request("POST", "/logout", headers={"Cookie": session, "Sec-Fetch-Site": "same-origin"},
                                     token=False)
        self.assertEqual(res.status, 303)
        res, data = self.server.request("GET", "/api/status", headers={"Cookie": session}, token=False)
        self.assert_error(res, data, 401, "unauthorized")

    def test_a_login_link_logs_in_once_and_a_made_up_token_is_printed(self):
        other = Server(self.ledger, token=None)
        try:
            self.assertIn("/login?token=", other.login_line)
            token = re.search(r"token=([0-9a-f]+)", other.login_line).group(1)
            self.assertGreaterEqual(len(token), 32)
            res, _ = other.request("GET", f"/login?token={token}", token=False)
            self.assertEqual(res.status, 303)
            self.assertIn("ik_session=", res.getheader("Set-Cookie"))
            other.token = token
            self.assertEqual(other.json("GET", "/api/accounts")["accounts"][0]["name"], "robin")
            res, data = other.request("GET", "/api/status", token=TOKEN)
            self.assert_error(res, data, 401, "unauthorized")
        finally:
            self.assertEqual(other.stop(), 0)


PASSWORD = "a long passphrase here"


class TeamLogin(TempCase):
    """A server on a database with users logs them in by name and password, keeps
    their sessions in the database, and slows down a guesser."""

    def setUp(self):
        super().setUp()
        self.ledger.run("import", str(Path(test_import.DEMO) / DEMO_ZIP), check=0)
        self.add_user("dana", "operator", "--accounts", "robin")
        self.server = Server(self.ledger, token=None)

    def tearDown(self):
        self.assertEqual(self.server.stop(), 0)
        super().tearDown()

    def add_user(self, name, role, *more, password=PASSWORD):
        proc = subprocess.run([test_import.BINARY, "--db", str(self.ledger.db), "--now", self.ledger.now, "user", "add",
                               name, "--role", role, *more], input=password + "\n", capture_output=True, text=True,
                              env={"PATH": os.environ["PATH"], "HOME": str(self.tmp)})
        self.assertEqual(proc.returncode, 0, proc.stderr)

    def log_in(self, name, password, origin=True):
        headers = {"Content-Type": "application/x-www-form-urlencoded"}
        if origin:
            headers["Origin"] = f"http://{self.server.authority}"
        return self.server.request("POST", "/login", urllib.parse.urlencode({"name": name, "password": password}),
                                   headers, token=False)

    def test_a_user_logs_in_works_and_logs_out(self):
        self.assertIn("a team server", self.server.login_line)
        res, data = self.server.request("GET", "/login", token=False)
        self.assertEqual(res.status, 200)
        self.assertIn(b'name="password"', data)
        self.assertNotIn(b'name="token"', data)

        res, _ = self.log_in("dana", PASSWORD)
        self.assertEqual((res.status, res.getheader("Location")), (303, "/"))
        cookie = res.getheader("Set-Cookie")
        self.assertRegex(cookie, r"^ik_session=iks_[0-9a-f]{64}; HttpOnly; SameSite=Strict; Path=/; Max-Age=43200$")
        session = cookie.split(";")[0]
        res, _ = self.server.request("GET", "/", headers={"Cookie": session}, token=False)
        self.assertEqual(res.status, 200)
        me = self.server.json("GET", "/api/me", headers={"Cookie": session}, token=False)
        self.assertEqual(me, {"team": True, "user": "dana", "role": "operator"})

        # A write with the cookie comes from the dashboard's own page, as on a lone server.
        target = self.server.json("GET", "/api/plan/withdraw", headers={"Cookie": session}, token=False)["items"][0]
        res, _ = self.server.request("POST", "/api/marks/withdrawn", {"targets": [target["id"]]},
                                     {"Cookie": session, "Origin": "http://evil.example"}, token=False)
        self.assertEqual(res.status, 403)
        res, _ = self.server.request("POST", "/api/marks/withdrawn", {"targets": [target["id"]]},
                                     {"Cookie": session, "Sec-Fetch-Site": "same-origin"}, token=False)
        self.assertEqual(res.status, 200)

        res, _ = self.server.request("POST", "/logout", headers={"Cookie": session, "Sec-Fetch-Site": "same-origin"},
                                     token=False)
        self.assertEqual(res.status, 303)
        res, _ = self.server.request("GET", "/api/status", headers={"Cookie": session}, token=False)
        self.assertEqual(res.status, 401)
        res, _ = self.server.request("GET", "/", headers={"Cookie": session}, token=False)
        self.assertEqual((res.status, res.getheader("Location")), (303, "/login"))

    def test_a_wrong_password_and_an_unknown_name_get_the_same_answer(self):
        wrong, wrong_body = self.log_in("dana", "not the passphrase")
        nobody, nobody_body = self.log_in("nobody", PASSWORD)
        self.assertEqual((wrong.status, nobody.status), (401, 401))
        self.assertEqual(wrong_body, nobody_body)
        self.assertIsNone(wrong.getheader("Set-Cookie"))
        res, _ = self.server.request("GET", f"/login?token={TOKEN}", token=False)
        self.assertEqual(res.status, 401, "a token does not log in to a team server's dashboard")
        res, _ = self.log_in("dana", PASSWORD, origin=False)
        self.assertEqual(res.status, 303, "a browser that sends no Origin on a form may still log in")
        res, _ = self.server.request("POST", "/login", urllib.parse.urlencode({"name": "dana", "password": PASSWORD}),
                                     {"Content-Type": "application/x-www-form-urlencoded",
                                      "Origin": "http://evil.example"}, token=False)
        self.assertEqual(res.status, 403)

    def test_five_failures_in_a_row_make_the_next_login_wait_even_with_the_right_password(self):
        for i in range(5):
            self.assertEqual(self.log_in("dana", f"guess {i}")[0].status, 401)
        res, data = self.log_in("dana", PASSWORD)
        self.assertEqual(res.status, 429)
        self.assertLessEqual(int(res.getheader("Retry-After")), 30)
        self.assertIn(b"try again in", data)
        self.assertIsNone(res.getheader("Set-Cookie"))

    def test_a_new_password_ends_the_users_sessions(self):
        res, _ = self.log_in("dana", PASSWORD)
        session = res.getheader("Set-Cookie").split(";")[0]
        proc = subprocess.run([test_import.BINARY, "--db", str(self.ledger.db), "user", "passwd", "dana"],
                              input="another long passphrase\n", capture_output=True, text=True,
                              env={"PATH": os.environ["PATH"], "HOME": str(self.tmp)})
        self.assertEqual(proc.returncode, 0, proc.stderr)
        res, _ = self.server.request("GET", "/api/status", headers={"Cookie": session}, token=False)
        self.assertEqual(res.status, 401)
        self.assertEqual(self.log_in("dana", "another long passphrase")[0].status, 303)

    def test_off_loopback_a_team_server_needs_no_token_and_a_lone_one_does(self):
        team = Server(self.ledger, token=None, listen="0.0.0.0:0")
        team.host = "127.0.0.1"
        self.assertEqual(team.stop(), 0)
        proc = subprocess.run([test_import.BINARY, "--db", str(self.tmp / "new.db"), "serve", "--listen", "0.0.0.0:0"],
                              capture_output=True, text=True, timeout=20, env={"PATH": os.environ["PATH"]})
        self.assertEqual(proc.returncode, 1)
        self.assertIn("without a token", proc.stderr)
        self.assertFalse((self.tmp / "new.db").exists(), "a refused start made a ledger")


class Listening(TempCase):
    def serve(self, *args, env_token=None):
        env = {"PATH": os.environ["PATH"], "HOME": str(self.tmp)}
        if env_token:
            env["INVITEKEEPER_TOKEN"] = env_token
        return subprocess.run([test_import.BINARY, "--db", str(self.ledger.db), "serve", *args],
                              capture_output=True, text=True, timeout=20, env=env)

    def test_another_address_than_loopback_needs_a_token(self):
        proc = self.serve("--listen", "0.0.0.0:0")
        self.assertEqual(proc.returncode, 1)
        self.assertIn("refusing to listen on 0.0.0.0 without a token", proc.stderr)
        self.assertEqual(proc.stdout, "")
        proc = self.serve("--listen", "0.0.0.0:0", "--token", "short")
        self.assertEqual(proc.returncode, 1)
        self.assertIn("at least 16 characters", proc.stderr)
        proc = self.serve("--listen", "127.0.0.1")
        self.assertEqual(proc.returncode, 1)
        self.assertIn("is not HOST:PORT", proc.stderr)

    def test_with_a_token_from_the_environment_another_address_is_served(self):
        server = Server(self.ledger, token=None, listen="0.0.0.0:0", env_token=TOKEN)
        try:
            server.host = "127.0.0.1"
            self.assertIn("log in at", server.login_line)
            self.assertEqual(server.json("GET", "/api/accounts")["accounts"][0]["name"], "robin")
        finally:
            self.assertEqual(server.stop(), 0)


class CrossSite(ServeCase):
    def pending_ids(self):
        return {item["id"] for item in self.ledger.json("pending")["items"]}

    def test_a_write_with_the_cookie_from_another_site_is_refused(self):
        session = self.login()
        target = min(self.pending_ids())
        for headers in ({"Origin": "http://evil.example"},
                        {"Sec-Fetch-Site": "cross-site"},
                        {"Sec-Fetch-Site": "same-site", "Origin": f"http://{self.server.authority}"},
                        {"Origin": "null"},
                        {}):
            res, data = self.server.request("POST", "/api/marks/withdrawn", {"targets": [target]},
                                            {"Cookie": session, **headers}, token=False)
            self.assert_error(res, data, 403, "cross_site")
        self.assertIn(target, self.pending_ids())
        # A read with the cookie from anywhere is no write, and the page's own write passes.
        self.server.json("GET", "/api/status", headers={"Cookie": session, "Sec-Fetch-Site": "cross-site"}, token=False)
        marked = self.server.json("POST", "/api/marks/withdrawn", {"targets": [target]},
                                  {"Cookie": session, "Sec-Fetch-Site": "same-origin",
                                   "Origin": f"http://{self.server.authority}"}, token=False)
        self.assertEqual(marked["items"][0]["status"], "withdrawn")
        self.assertNotIn(target, self.pending_ids())

    def test_a_login_from_another_site_is_refused(self):
        form = {"Content-Type": "application/x-www-form-urlencoded"}
        for headers in ({"Origin": "http://evil.example"}, {"Sec-Fetch-Site": "cross-site", "Origin": "null"}):
            res, data = self.server.request("POST", "/login", f"token={TOKEN}", {**form, **headers}, token=False)
            self.assert_error(res, data, 403, "cross_site")
        # What Chromium sends from the login page itself.
        res, _ = self.server.request("POST", "/login", f"token={TOKEN}",
                                     {**form, "Origin": "null", "Sec-Fetch-Site": "same-origin"}, token=False)
        self.assertEqual(res.status, 303)

    def test_another_host_name_is_refused_against_dns_rebinding(self):
        for host in ("evil.example", f"evil.example:{self.server.port}", "127.0.0.1:1", f"localhost:{self.server.port}x"):
            res, data = self.server.request("GET", "/api/status", headers={"Host": host})
            self.assert_error(res, data, 403, "bad_host")
        self.server.json("GET", "/api/status", headers={"Host": f"localhost:{self.server.port}"})

    def test_pages_forbid_inline_script_and_framing(self):
        session = self.login()
        for path in ("/", "/login", "/assets/app.js", "/api/status"):
            res, data = self.server.request("GET", path, headers={"Cookie": session}, token=False)
            self.assertEqual(res.status, 200, path)
            csp = res.getheader("Content-Security-Policy")
            self.assertIn("script-src 'self'", csp)
            self.assertIn("default-src 'none'", csp)
            self.assertIn("frame-ancestors 'none'", csp)
            self.assertNotIn("unsafe-inline", csp)
            self.assertEqual(res.getheader("X-Content-Type-Options"), "nosniff")
            self.assertEqual(res.getheader("Referrer-Policy"), "same-origin")
            if path in ("/", "/login"):
                html = data.decode()
                self.assertNotRegex(html, r"<script(?![^>]*\bsrc=)", f"{path} has an inline script")
                self.assertNotRegex(html, r"\son[a-z]+\s*=", f"{path} has an inline event handler")
                self.assertNotRegex(html, r"\sstyle\s*=", f"{path} has an inline style")


class Limits(ServeCase):
    server_args = ("--max-body", "1", "--timeout", "1")

    def test_a_body_over_the_limit_is_refused(self):
        res, data = self.server.request("POST", "/api/import?filename=big.csv", b"x" * (2 * 1024 * 1024),
                                        {"Content-Type": "text/csv"})
        self.assert_error(res, data, 413, "too_large")
        self.assertEqual(self.server.json("GET", "/api/status")["pending"], self.ledger.json("status")["pending"])

    def test_a_body_declared_too_large_is_refused_before_it_is_sent(self):
        # The body is never sent: a server that waited for it would time out after the
        # 1 s of --timeout and close without this answer.
        with socket.create_connection((self.server.host, self.server.port), timeout=60) as sock:
            sock.sendall(f"POST /api/import HTTP/1.1\r\nHost: {self.server.authority}\r\n"
                         f"Authorization: Bearer {TOKEN}\r\nContent-Type: application/zip\r\n"
                         f"Content-Length: {300 * 1024 * 1024}\r\n\r\n".encode())
            head, body = read_response(sock)
        self.assertTrue(head.startswith("HTTP/1.1 413"), head[:100])
        self.assertEqual(json.loads(body)["error"]["code"], "too_large")

    def test_a_client_that_stalls_is_cut_off(self):
        # Half a request, then nothing: the server (--timeout 1) answers 400 or 408, or
        # closes the connection. One that did not, or kept to the default of 30 s, would
        # leave recv to time out after 20 s.
        with socket.create_connection((self.server.host, self.server.port), timeout=20) as sock:
            sock.sendall(b"GET /api/status HTTP/1.1\r\nHost: " + self.server.authority.encode() + b"\r\n")
            head, _ = read_response(sock)
        self.assertIn(head[:12], ("", "HTTP/1.1 400", "HTTP/1.1 408"))


class Errors(ServeCase):
    def test_each_error_has_its_status_and_code(self):
        s = self.server
        self.assert_error(*s.request("GET", "/api/nothing"), 404, "not_found")
        self.assert_error(*s.request("GET", "/nothing.html"), 404, "not_found")
        self.assert_error(*s.request("GET", "/assets/../../etc/passwd"), 404, "not_found")
        self.assert_error(*s.request("DELETE", "/api/status"), 405, "method_not_allowed")
        self.assert_error(*s.request("PUT", "/api/queue", {}), 405, "method_not_allowed")
        self.assert_error(*s.request("GET", "/api/plan/withdraw?target=lots"), 400, "bad_parameter")
        self.assert_error(*s.request("GET", "/api/plan/withdraw?target=-1"), 400, "bad_target")
        self.assert_error(*s.request("GET", "/api/plan/withdraw?verbose=true"), 400, "unknown_parameter")
        self.assert_error(*s.request("GET", "/api/status?account=nobody"), 404, "unknown_account")
        self.assert_error(*s.request("POST", "/api/marks/withdrawn", {"targets": [999999]}), 404, "unknown_invitation")
        self.assert_error(*s.request("POST", "/api/marks/withdrawn", "{", {"Content-Type": "application/json"}),
                          400, "bad_json")
        self.assert_error(*s.request("POST", "/api/marks/withdrawn", "targets=1",
                                     {"Content-Type": "application/x-www-form-urlencoded"}),
                          415, "unsupported_media_type")
        accepted = next(i for i in self.ledger.json("pending")["items"])  # make one accepted, then withdraw it
        s.json("POST", "/api/marks/accepted", {"targets": [accepted["id"]]})
        self.assert_error(*s.request("POST", "/api/marks/withdrawn", {"targets": [accepted["id"]]}),
                          409, "impossible_mark")
        self.assert_error(*s.request("POST", "/api/accounts", {"name": "robin"}), 409, "account_exists")

    def test_a_bad_upload_is_a_422_naming_the_line_and_nothing_is_written(self):
        before = self.ledger.dump()
        bad = "From,To,Sent At,Message,Direction\nA,B,\"13/45/21, 9:00 AM\",,OUTGOING\n"
        res, data = self.server.request("POST", "/api/import?filename=Invitations.csv", bad,
                                        {"Content-Type": "text/csv"})
        error = self.assert_error(res, data, 422, "bad_row")
        self.assertIn("Invitations.csv:2:3:", error["message"])
        self.assertNotIn("invitekeeper-upload", error["message"])
        self.assertEqual(self.ledger.dump(), before)


class SameAnswersAsTheCli(ServeCase):
    def test_routes_answer_exactly_what_their_command_prints(self):
        for path, args in (("/api/status", ["status"]),
                           ("/api/health", ["health"]),
                           ("/api/forecast", ["forecast"]),
                           ("/api/history?weeks=8", ["history", "--weeks", "8"]),
                           ("/api/stats?by=weekday", ["stats", "--by", "weekday"]),
                           ("/api/pending?older_than=30d&limit=5", ["pending", "--older-than", "30d", "--limit", "5"]),
                           ("/api/plan/withdraw?target=1000&max_per_day=40", ["plan", "withdraw", "--target", "1000",
                                                                              "--max-per-day", "40"]),
                           ("/api/plan/send?days=7", ["plan", "send", "--days", "7"]),
                           ("/api/queue", ["queue", "list"]),
                           ("/api/accounts", ["accounts"])):
            self.assertEqual(self.server.json("GET", path), self.ledger.json(*args), path)

    def test_a_write_from_another_process_shows_at_once(self):
        before = self.server.json("GET", "/api/status")
        target = self.ledger.json("pending")["items"][0]["id"]
        self.ledger.run("mark", "withdrawn", str(target), check=0)
        after = self.server.json("GET", "/api/status")
        self.assertEqual(after["pending"], before["pending"] - 1)

    def test_marks_with_undo_round_trip_and_are_recorded_as_the_api(self):
        items = self.server.json("GET", "/api/plan/withdraw")["items"][:3]
        ids = [i["id"] for i in items]
        marked = self.server.json("POST", "/api/marks/withdrawn", {"targets": ids})
        self.assertEqual([i["status"] for i in marked["items"]], ["withdrawn"] * 3)
        pending = {i["id"] for i in self.server.json("GET", "/api/pending")["items"]}
        self.assertFalse(pending & set(ids))
        undone = self.server.json("POST", "/api/marks/undo", {"targets": [ids[0]]})
        self.assertEqual(undone["items"][0]["status"], "pending")
        self.assert_error(*self.server.request("POST", "/api/marks/undo", {"targets": [ids[0]]}),
                          409, "nothing_to_undo")
        sources = {row[0] for row in self.ledger_rows("SELECT DISTINCT source FROM events WHERE kind IN ('withdrawn', 'undo')")}
        self.assertEqual(sources, {"api"})

    def ledger_rows(self, sql):
        import sqlite3
        con = sqlite3.connect(self.ledger.db)
        try:
            return con.execute(sql).fetchall()
        finally:
            con.close()

    def test_queue_and_an_export_upload_as_multipart(self):
        added = self.server.json("POST", "/api/queue", {"url": "https://www.linkedin.com/in/zed-okafor",
                                                        "name": "Zed Okafor", "note": "Hi Zed, loved your post."},
                                 status=201)
        self.assertEqual(added["added"], 1)
        self.assertEqual([p["profile_url"] for p in self.server.json("GET", "/api/queue")["items"]],
                         ["https://www.linkedin.com/in/zed-okafor"])
        removed = self.server.json("DELETE", "/api/queue?url=https%3A%2F%2Fwww.linkedin.com%2Fin%2Fzed-okafor")
        self.assertEqual(removed["removed"], 1)

        boundary = "ik-test-boundary"
        zip_bytes = (Path(test_import.DEMO) / DEMO_ZIP).read_bytes()
        body = (f"--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{DEMO_ZIP}\"\r\n"
                f"Content-Type: application/zip\r\n\r\n").encode() + zip_bytes + f"\r\n--{boundary}--\r\n".encode()
        summary = self.server.json("POST", "/api/import", body,
                                   {"Content-Type": f"multipart/form-data; boundary={boundary}"})
        self.assertFalse(summary["changed"])  # the same export again
        self.assertEqual(summary["sources"][0]["path"], f"upload:{DEMO_ZIP}")
        fresh = ("From,To,Sent At,Message,Direction,inviterProfileUrl,inviteeProfileUrl\n"
                 "Robin Vale,Nell Ahn,\"11/25/26, 8:00 AM\",,OUTGOING,https://www.linkedin.com/in/robin-vale,"
                 "https://www.linkedin.com/in/nell-ahn\n")
        summary = self.server.json("POST", "/api/import?filename=Invitations.csv", fresh, {"Content-Type": "text/csv"})
        self.assertEqual(summary["invitations"]["new"], 1)
        recorded = self.ledger_rows("SELECT sources FROM imports ORDER BY id DESC LIMIT 1")[0][0]
        self.assertEqual(recorded, "upload:Invitations.csv")

    def test_static_files_are_revalidated_by_etag(self):
        res, data = self.server.request("GET", "/assets/uplot.esm.js", token=False)
        self.assertEqual(res.status, 200)
        self.assertTrue(res.getheader("Content-Type").startswith("text/javascript"))
        etag = res.getheader("ETag")
        self.assertTrue(etag.startswith('"'))
        res, data = self.server.request("GET", "/assets/uplot.esm.js", headers={"If-None-Match": etag}, token=False)
        self.assertEqual(res.status, 304)
        self.assertEqual(data, b"")


class Concurrency(ServeCase):
    def test_reads_and_writes_at_once_all_succeed_and_agree(self):
        from concurrent.futures import ThreadPoolExecutor
        ids = [i["id"] for i in self.server.json("GET", "/api/plan/withdraw")["items"][:40]]
        before = self.server.json("GET", "/api/status")["pending"]

        def read(n):
            path = ("/api/status", "/api/plan/withdraw", "/api/history", "/api/pending?limit=5")[n % 4]
            res, data = self.server.request("GET", path)
            return res.status, data

        def write(target):
            res, data = self.server.request("POST", "/api/marks/withdrawn", {"targets": [target]})
            return res.status, data

        with ThreadPoolExecutor(max_workers=12) as pool:
            reads = [pool.submit(read, n) for n in range(200)]
            writes = [pool.submit(write, t) for t in ids]
            results = [f.result() for f in reads + writes]
        failed = [(status, data[:200]) for status, data in results if status != 200]
        self.assertEqual(failed, [])
        self.assertEqual(self.server.json("GET", "/api/status")["pending"], before - len(ids))
        self.assertEqual(self.ledger.json("status")["pending"], before - len(ids))


class Stopping(TempCase):
    def test_sigterm_stops_the_server_cleanly(self):
        server = Server(self.ledger)
        server.json("GET", "/api/accounts")
        self.assertEqual(server.stop(), 0)  # within stop()'s wait, else it raises


if __name__ == "__main__":
    test_import.BINARY, test_import.DEMO = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
    unittest.main(argv=[sys.argv[0], "-v"])
