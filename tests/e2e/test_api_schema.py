#!/usr/bin/env python3
"""End-to-end test of the HTTP API against its OpenAPI document: the real binary
serves a fresh SQLite file, every route is called with realistic data (the demo
export, a queue, marks), and every answer, status code and body, is checked
against the document's schema for that path, method and status with Debian's
python3-jsonschema (Draft 2020-12). Then the checks are shown to bite: altered
copies of the real answers must fail them.

Run: test_api_schema.py BINARY DEMO_DIR
"""
import copy
import http.client
import json
import os
import queue
import re
import subprocess
import sys
import tempfile
import threading
import unittest
import uuid
import zipfile
from pathlib import Path
from urllib.parse import urlencode

from jsonschema import Draft202012Validator

BINARY = ""
DEMO = ""
SOURCE = Path(__file__).resolve().parents[2]
DOCUMENT = SOURCE / "src/present/http/openapi.json"
API_DOC = SOURCE / "docs/api.md"
TOKEN = "api-schema-test-token-0123"  # serve wants 16 characters or more
NOW = "2026-11-25T08:30:00Z"
METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")

INV_HEADER = "From,To,Sent At,Message,Direction,inviterProfileUrl,inviteeProfileUrl\n"
CONNECTIONS = ('Notes:\n"When exporting your connection data, you may notice that some of the email addresses '
               'are missing."\n\nFirst Name,Last Name,URL,Email Address,Company,Position,Connected On\n')
PEOPLE = ("profile_url,name,company,template,timezone,topic\n"
          "https://www.linkedin.com/in/ada-brennan-demo,Ada Brennan,Globex,intro,Asia/Tokyo,pacing\n"
          "https://www.linkedin.com/in/lee-park-demo,Lee Park,Initech,,,\n")
MAYA = "https://www.linkedin.com/in/maya-patel-demo"
SAM = "https://www.linkedin.com/in/sam-lee-demo"

# Objects whose keys are data, not a fixed shape: a queue entry's template variables,
# an import's count of warnings by code.
OPEN_MAPS = {"vars", "warning_counts"}

# The part of the OpenAPI 3.1 schema (spec.openapis.org/oas/3.1/schema) this document
# uses, closed, so a misspelt or misplaced keyword ("requried", a schema where a
# Response Object goes) fails. Schemas themselves are checked by jsonschema's
# metaschema, $refs by resolving each one.
EXT = {"^x-": {}}
REF = {"type": "object", "required": ["$ref"],
       "properties": {"$ref": {"type": "string"}, "summary": {"type": "string"}, "description": {"type": "string"}},
       "additionalProperties": False}
OAS_SUBSET = {
    "$defs": {
        "ref": REF,
        "info": {"type": "object", "required": ["title", "version"], "patternProperties": EXT, "additionalProperties": False,
                 "properties": {"title": {"type": "string"}, "version": {"type": "string"}, "summary": {"type": "string"},
                                "description": {"type": "string"}, "termsOfService": {"type": "string"},
                                "contact": {"type": "object"}, "license": {"type": "object"}}},
        "server": {"type": "object", "required": ["url"], "additionalProperties": False,
                   "properties": {"url": {"type": "string"}, "description": {"type": "string"}, "variables": {"type": "object"}}},
        "security": {"type": "array", "items": {"type": "object", "additionalProperties": {
            "type": "array", "items": {"type": "string"}}}},
        "mediaTypes": {"type": "object", "minProperties": 1,
                       "propertyNames": {"pattern": "^[a-z]+/[a-z0-9.+-]+$"},
                       "additionalProperties": {"type": "object", "additionalProperties": False, "patternProperties": EXT,
                                                "properties": {"schema": {"type": ["object", "boolean"]}, "example": True,
                                                               "examples": {"type": "object"}, "encoding": {"type": "object"}}}},
        "parameter": {"type": "object", "required": ["name", "in"], "patternProperties": EXT, "additionalProperties": False,
                      "properties": {"name": {"type": "string"}, "in": {"enum": ["query", "header", "path", "cookie"]},
                                     "description": {"type": "string"}, "required": {"type": "boolean"},
                                     "deprecated": {"type": "boolean"}, "allowEmptyValue": {"type": "boolean"},
                                     "style": {"enum": ["matrix", "label", "form", "simple", "spaceDelimited",
                                                        "pipeDelimited", "deepObject"]},
                                     "explode": {"type": "boolean"}, "allowReserved": {"type": "boolean"},
                                     "schema": {"type": ["object", "boolean"]}, "example": True,
                                     "examples": {"type": "object"}, "content": {"$ref": "#/$defs/mediaTypes"}},
                      "oneOf": [{"required": ["schema"]}, {"required": ["content"]}],
                      "if": {"properties": {"in": {"const": "path"}}},
                      "then": {"required": ["required"], "properties": {"required": {"const": True}}}},
        "parameterOrRef": {"if": {"required": ["$ref"]}, "then": {"$ref": "#/$defs/ref"},
                           "else": {"$ref": "#/$defs/parameter"}},
        "requestBody": {"type": "object", "required": ["content"], "patternProperties": EXT, "additionalProperties": False,
                        "properties": {"description": {"type": "string"}, "required": {"type": "boolean"},
                                       "content": {"$ref": "#/$defs/mediaTypes"}}},
        "response": {"type": "object", "required": ["description"], "patternProperties": EXT, "additionalProperties": False,
                     "properties": {"description": {"type": "string"}, "headers": {"type": "object"},
                                    "content": {"$ref": "#/$defs/mediaTypes"}, "links": {"type": "object"}}},
        "responseOrRef": {"if": {"required": ["$ref"]}, "then": {"$ref": "#/$defs/ref"},
                          "else": {"$ref": "#/$defs/response"}},
        "operation": {
            "type": "object", "required": ["responses"], "patternProperties": EXT, "additionalProperties": False,
            "properties": {
                "tags": {"type": "array", "items": {"type": "string"}}, "summary": {"type": "string"},
                "description": {"type": "string"}, "externalDocs": {"type": "object"},
                "operationId": {"type": "string"},
                "parameters": {"type": "array", "items": {"$ref": "#/$defs/parameterOrRef"}},
                "requestBody": {"if": {"required": ["$ref"]}, "then": {"$ref": "#/$defs/ref"},
                                "else": {"$ref": "#/$defs/requestBody"}},
                "responses": {"type": "object", "minProperties": 1, "additionalProperties": False,
                              "patternProperties": {"^([1-5][0-9X]{2}|default)$": {"$ref": "#/$defs/responseOrRef"}, **EXT}},
                "callbacks": {"type": "object"}, "deprecated": {"type": "boolean"},
                "security": {"$ref": "#/$defs/security"},
                "servers": {"type": "array", "items": {"$ref": "#/$defs/server"}}}},
        "pathItem": {"type": "object", "patternProperties": EXT, "additionalProperties": False,
                     "properties": {**{m: {"$ref": "#/$defs/operation"} for m in METHODS},
                                    "summary": {"type": "string"}, "description": {"type": "string"},
                                    "parameters": {"type": "array", "items": {"$ref": "#/$defs/parameterOrRef"}},
                                    "servers": {"type": "array"}}},
        "securityScheme": {
            "type": "object", "required": ["type"], "patternProperties": EXT, "additionalProperties": False,
            "properties": {"type": {"enum": ["apiKey", "http", "mutualTLS", "oauth2", "openIdConnect"]},
                           "description": {"type": "string"}, "name": {"type": "string"},
                           "in": {"enum": ["query", "header", "cookie"]}, "scheme": {"type": "string"},
                           "bearerFormat": {"type": "string"}, "flows": {"type": "object"},
                           "openIdConnectUrl": {"type": "string"}},
            "allOf": [{"if": {"properties": {"type": {"const": "apiKey"}}}, "then": {"required": ["name", "in"]}},
                      {"if": {"properties": {"type": {"const": "http"}}}, "then": {"required": ["scheme"]}}]},
    },
    "type": "object",
    "required": ["openapi", "info", "paths"],
    "patternProperties": EXT,
    "additionalProperties": False,
    "properties": {
        "openapi": {"type": "string", "pattern": r"^3\.1\.[0-9]+$"},
        "info": {"$ref": "#/$defs/info"},
        "jsonSchemaDialect": {"type": "string"},
        "servers": {"type": "array", "items": {"$ref": "#/$defs/server"}},
        "paths": {"type": "object", "additionalProperties": False,
                  "patternProperties": {"^/": {"$ref": "#/$defs/pathItem"}, **EXT}},
        "webhooks": {"type": "object"},
        "components": {
            "type": "object", "patternProperties": EXT, "additionalProperties": False,
            "properties": {
                "schemas": {"type": "object", "additionalProperties": {"type": ["object", "boolean"]}},
                "responses": {"type": "object", "additionalProperties": {"$ref": "#/$defs/responseOrRef"}},
                "parameters": {"type": "object", "additionalProperties": {"$ref": "#/$defs/parameterOrRef"}},
                "requestBodies": {"type": "object", "additionalProperties": {"$ref": "#/$defs/requestBody"}},
                "securitySchemes": {"type": "object", "additionalProperties": {"$ref": "#/$defs/securityScheme"}},
                "headers": {"type": "object"}, "examples": {"type": "object"}, "links": {"type": "object"},
                "callbacks": {"type": "object"}, "pathItems": {"type": "object"}}},
        "security": {"$ref": "#/$defs/security"},
        "tags": {"type": "array"},
        "externalDocs": {"type": "object"},
    },
}


def documented_routes():
    """(METHOD, path template) for every route of docs/api.md's table, query strings dropped."""
    routes = set()
    for line in API_DOC.read_text().splitlines():
        m = re.match(r"^\| `(GET|POST|PUT|DELETE|PATCH) (/[^` ?]*)", line)
        if m:
            routes.add((m.group(1), m.group(2)))
    if "`GET /api/openapi.json`" in API_DOC.read_text():
        routes.add(("GET", "/api/openapi.json"))
    return routes


def pointer(doc, ref):
    """The object a local $ref ("#/a/b") points at in doc; KeyError when it points nowhere."""
    if not ref.startswith("#/"):
        raise KeyError(f"{ref}: only local references are used here")
    node = doc
    for part in ref[2:].split("/"):
        part = part.replace("~1", "/").replace("~0", "~")
        node = node[int(part)] if isinstance(node, list) else node[part]
    return node


def refs_in(node, where="#"):
    if isinstance(node, dict):
        for k, v in node.items():
            if k == "$ref" and isinstance(v, str):
                yield where, v
            else:
                yield from refs_in(v, f"{where}/{k}")
    elif isinstance(node, list):
        for i, v in enumerate(node):
            yield from refs_in(v, f"{where}/{i}")


def deref(doc, node):
    while isinstance(node, dict) and "$ref" in node:
        node = pointer(doc, node["$ref"])
    return node


class Schemas:
    """Validators for the document's schemas, with its components in reach of every $ref."""

    def __init__(self, doc):
        self.doc = doc
        self._cache = {}

    def validator(self, schema):
        key = json.dumps(schema, sort_keys=True)
        if key not in self._cache:
            root = {"$schema": "https://json-schema.org/draft/2020-12/schema",
                    "components": self.doc["components"], "allOf": [schema]}
            self._cache[key] = Draft202012Validator(root)
        return self._cache[key]

    def errors(self, schema, body):
        return sorted(self.validator(schema).iter_errors(body), key=lambda e: list(e.absolute_path))

    def response_schema(self, template, method, status):
        """The schema of an answer, or None when the document does not give that status."""
        op = self.doc["paths"][template][method.lower()]
        response = op["responses"].get(str(status))
        if response is None:
            return None
        return deref(self.doc, response)["content"]["application/json"]["schema"]

    def response_headers(self, template, method, status):
        response = self.doc["paths"][template][method.lower()]["responses"].get(str(status))
        return deref(self.doc, response).get("headers", {}) if response else {}

    def named(self, name):
        return {"$ref": f"#/components/schemas/{name}"}


def route_of(doc, method, path):
    """The document's path template a concrete path falls under, or None."""
    for template, item in doc["paths"].items():
        pattern = "^" + re.sub(r"\\\{[^}]+\\\}", "[^/]+", re.escape(template)) + "$"
        if re.match(pattern, path) and method.lower() in item:
            return template
    return None


class Response:
    def __init__(self, status, headers, raw):
        self.status = status
        self.headers = headers
        self.raw = raw
        try:
            self.json = json.loads(raw) if raw else None
        except ValueError:
            self.json = None

    def header(self, name):
        for k, v in self.headers:
            if k.lower() == name.lower():
                return v
        return None


class Server:
    """`invitekeeper serve` on a free port over a fresh database, the clock pinned."""

    def __init__(self, tmp: Path, *extra):
        env = {"PATH": os.environ["PATH"], "HOME": str(tmp), "XDG_CONFIG_HOME": str(tmp / "cfg"),
               "XDG_DATA_HOME": str(tmp / "data")}
        self.stderr = open(tmp / "serve.stderr", "w+")
        self.proc = subprocess.Popen(
            [BINARY, "--db", str(tmp / "api.db"), "--now", NOW, "serve", "--listen", "127.0.0.1:0", "--token", TOKEN,
             *extra], stdout=subprocess.PIPE, stderr=self.stderr, stdin=subprocess.DEVNULL, text=True, env=env, cwd=tmp)
        lines = queue.Queue()

        def drain():  # keeps the pipe from filling, and hands each line over
            for line in self.proc.stdout:
                lines.put(line)
            lines.put(None)

        self.reader = threading.Thread(target=drain, daemon=True)
        self.reader.start()
        self.host = self.port = None
        while True:
            try:
                line = lines.get(timeout=30)
            except queue.Empty:
                self.stop()
                raise AssertionError("serve printed no `listening on` line within 30 s")
            if line is None:
                self.proc.wait()
                self.stderr.seek(0)
                said = self.stderr.read().strip()
                self.stop()
                raise AssertionError(f"serve exited {self.proc.returncode} before listening: {said}")
            m = re.search(r"listening on http://([0-9.]+):([0-9]+)", line)
            if m:
                self.host, self.port = m.group(1), int(m.group(2))
                break

    def stop(self):
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        self.reader.join(timeout=10)
        self.proc.stdout.close()
        self.stderr.close()

    def request(self, method, path, query=None, body=None, content_type=None, headers=None, auth=True, timeout=120):
        if query:
            path += "?" + urlencode(query)
        h = {} if headers is None else dict(headers)
        if auth and "Authorization" not in h and "Cookie" not in h:
            h["Authorization"] = f"Bearer {TOKEN}"
        if content_type:
            h["Content-Type"] = content_type
        conn = http.client.HTTPConnection(self.host, self.port, timeout=timeout)
        try:
            if "Host" in h:
                conn.putrequest(method, path, skip_host=True)
                for k, v in h.items():
                    conn.putheader(k, v)
                if body is not None:
                    conn.putheader("Content-Length", str(len(body)))
                conn.endheaders(body)
            else:
                conn.request(method, path, body=body, headers=h)
            r = conn.getresponse()
            return Response(r.status, r.getheaders(), r.read())
        finally:
            conn.close()


def multipart(field, filename, data, content_type="application/zip"):
    boundary = "ik-" + uuid.uuid4().hex
    head = (f"--{boundary}\r\nContent-Disposition: form-data; name=\"{field}\"; filename=\"{filename}\"\r\n"
            f"Content-Type: {content_type}\r\n\r\n").encode()
    return head + data + f"\r\n--{boundary}--\r\n".encode(), f"multipart/form-data; boundary={boundary}"


class Document(unittest.TestCase):
    """The document itself: served, well formed, complete against docs/api.md."""

    @classmethod
    def setUpClass(cls):
        cls._tmp = tempfile.TemporaryDirectory(prefix="ik-api-doc-")
        cls.server = Server(Path(cls._tmp.name))
        r = cls.server.request("GET", "/api/openapi.json")
        cls.served = r

    @classmethod
    def tearDownClass(cls):
        cls.server.stop()
        cls._tmp.cleanup()

    def setUp(self):
        self.assertEqual(self.served.status, 200, self.served.raw[:300])
        self.doc = self.served.json

    def test_served_document_is_the_source_file(self):
        self.assertTrue((self.served.header("Content-Type") or "").startswith("application/json"))
        self.assertEqual(self.doc, json.loads(DOCUMENT.read_text()))

    def test_openapi_3_1_structure(self):
        errors = sorted(Draft202012Validator(OAS_SUBSET).iter_errors(self.doc), key=lambda e: list(e.absolute_path))
        self.assertEqual([f"{'/'.join(map(str, e.absolute_path))}: {e.message[:200]}" for e in errors], [])
        self.assertEqual(self.doc["openapi"], "3.1.0")
        self.assertEqual(self.doc["info"]["version"], "0.1.0")
        self.assertTrue(self.doc["info"]["description"])
        for name, schema in self.doc["components"]["schemas"].items():
            with self.subTest(schema=name):
                Draft202012Validator.check_schema(schema)

    def test_every_ref_resolves(self):
        refs = list(refs_in(self.doc))
        self.assertGreater(len(refs), 50)
        for where, ref in refs:
            with self.subTest(at=where):
                try:
                    pointer(self.doc, ref)
                except (KeyError, IndexError, ValueError) as e:
                    self.fail(f"{where}: $ref {ref} resolves to nothing ({e})")
        with self.assertRaises(KeyError):  # the resolver itself can say no
            pointer(self.doc, "#/components/schemas/NoSuchSchema")

    def test_every_route_of_api_md_and_no_other(self):
        wanted = documented_routes()
        self.assertGreaterEqual(len(wanted), 17, "docs/api.md's route table was not read")
        have = {(m.upper(), p) for p, item in self.doc["paths"].items() for m in item if m in METHODS}
        self.assertEqual(sorted(wanted - have), [], "routes of docs/api.md missing from the document")
        self.assertEqual(sorted(have - wanted), [], "routes in the document that docs/api.md does not list")

    def test_operations_are_complete(self):
        schemes = self.doc["components"]["securitySchemes"]
        self.assertEqual({(s["type"], s.get("scheme"), s.get("in"), s.get("name")) for s in schemes.values()},
                         {("http", "bearer", None, None), ("apiKey", None, "cookie", "ik_session")})
        for req in self.doc["security"]:
            self.assertLessEqual(set(req), set(schemes))
        ids = []
        for template, item in self.doc["paths"].items():
            declared_path_params = set(re.findall(r"\{([^}]+)\}", template))
            for method, op in item.items():
                if method not in METHODS:
                    continue
                with self.subTest(route=f"{method.upper()} {template}"):
                    ids.append(op["operationId"])
                    params = [deref(self.doc, p) for p in op.get("parameters", [])]
                    self.assertEqual({p["name"] for p in params if p["in"] == "path"}, declared_path_params)
                    names = [(p["name"], p["in"]) for p in params]
                    self.assertEqual(len(names), len(set(names)), "a parameter given twice")
                    codes = set(op["responses"])
                    self.assertTrue(any(c.startswith("2") for c in codes), "no success response")
                    self.assertLessEqual({"401", "403", "500"}, codes, "every call can meet these")
                    for code, response in op["responses"].items():
                        content = deref(self.doc, response).get("content", {})
                        self.assertIn("application/json", content, f"{code} has no JSON body")
                        if not code.startswith("2"):
                            self.assertEqual(content["application/json"]["schema"],
                                             {"$ref": "#/components/schemas/Error"}, f"{code} is not an Error")
                    if method in ("post", "put", "patch"):
                        # A write takes a body, or refuses one (400 unexpected_body).
                        self.assertTrue("requestBody" in op or "400" in codes, "neither a body nor its refusal")
                        if "requestBody" in op:
                            self.assertLessEqual({"413", "415"}, codes)
                    if template.startswith("/api/") and template not in ("/api/accounts", "/api/overview", "/api/openapi.json", "/api/me"):
                        self.assertIn(("account", "query"), names, "an account route without ?account=")
                        self.assertIn("404", codes, "unknown_account / no_account")
        self.assertEqual(len(ids), len(set(ids)), "operationIds are unique")
        upload = self.doc["paths"]["/api/import"]["post"]["requestBody"]["content"]
        self.assertLessEqual({"application/zip", "text/csv", "application/octet-stream", "multipart/form-data"}, set(upload))
        self.assertEqual(upload["multipart/form-data"]["schema"]["required"], ["file"])

    def test_schemas_are_strict_where_the_output_is_fixed(self):
        """Every object of a success schema lists its properties and closes over them."""
        schemas = self.doc["components"]["schemas"]

        def walk(node, where):
            if isinstance(node, dict):
                if node.get("type") == "object" and where.split("/")[-1] not in OPEN_MAPS and "properties" in node:
                    self.assertIs(node.get("additionalProperties"), False, f"{where} is open")
                    self.assertEqual(set(node.get("required", [])) - set(node["properties"]), set(), where)
                for k, v in node.items():
                    walk(v, f"{where}/{k}")
            elif isinstance(node, list):
                for i, v in enumerate(node):
                    walk(v, f"{where}/{i}")

        for name, schema in schemas.items():
            if name not in ("OpenApiDocument", "MarkRequest", "AccountCreate", "QueueAddRequest"):
                walk(schema, name)


class Routes(unittest.TestCase):
    """Every route, called as the dashboard or a script would, answers as documented."""

    calls = []  # (METHOD, template, status, body) of every checked answer

    @classmethod
    def setUpClass(cls):
        cls._tmp = tempfile.TemporaryDirectory(prefix="ik-api-")
        cls.tmp = Path(cls._tmp.name)
        cls.server = Server(cls.tmp)
        cls.doc = json.loads(DOCUMENT.read_text())
        cls.schemas = Schemas(cls.doc)

    @classmethod
    def tearDownClass(cls):
        cls.server.stop()
        cls._tmp.cleanup()

    def call(self, method, path, status, query=None, json_body=None, body=None, content_type=None, **kw):
        """Makes a request and checks its answer against the document; returns it."""
        if json_body is not None:
            body = json.dumps(json_body).encode()
            content_type = content_type or "application/json"
        template = route_of(self.doc, method, path)
        label = f"{method} {path}{'?' + urlencode(query) if query else ''} -> {status}"
        r = Response(0, [], b"")
        with self.subTest(call=label):
            try:
                r = self.server.request(method, path, query=query, body=body, content_type=content_type, **kw)
            except OSError as e:  # refused, reset or timed out: no answer at all
                self.fail(f"{label}: no answer ({e!r})")
            self.check(r, method, template, status, label)
        return r

    def check(self, r, method, template, status, label):
        wanted = status if isinstance(status, (set, tuple)) else {status}
        self.assertIn(r.status, wanted, f"{label}: got {r.status} {r.raw[:400]!r}")
        self.assertTrue((r.header("Content-Type") or "").startswith("application/json"),
                        f"{label}: Content-Type {r.header('Content-Type')}")
        self.assertIsNotNone(r.json, f"{label}: the body is not JSON: {r.raw[:200]!r}")
        if template is None:  # no such route: the shared Error body
            schema = self.schemas.named("Error")
        else:
            schema = self.schemas.response_schema(template, method, r.status)
            self.assertIsNotNone(schema, f"{label}: status {r.status} is not documented for {method} {template}")
            for name, header in self.schemas.response_headers(template, method, r.status).items():
                if header.get("required"):
                    value = r.header(name)
                    self.assertIsNotNone(value, f"{label}: no {name} header")
                    self.assertEqual(self.schemas.errors(header["schema"], value), [], f"{label}: {name}: {value}")
        errors = self.schemas.errors(schema, r.json)
        self.assertEqual([f"{'/'.join(map(str, e.absolute_path)) or '(body)'}: {e.message[:300]}" for e in errors], [],
                         f"{label}: the body does not match the document")
        Routes.calls.append((method, template, r.status, r.json))

    def error_code(self, r):
        return (r.json or {}).get("error", {}).get("code") if isinstance(r.json, dict) else None

    def test_1_every_route_with_real_data(self):
        demo = sorted(Path(DEMO).glob("Basic_LinkedInDataExport_*.zip"))
        self.assertEqual(len(demo), 3)

        # A lone server: no user, every right.
        r = self.call("GET", "/api/me", 200)
        self.assertEqual(r.json, {"team": False, "user": None, "role": "admin"})
        self.call("GET", "/api/me", 400, query={"account": "x"})

        # An empty database: no account yet.
        r = self.call("GET", "/api/accounts", 200)
        self.assertEqual(r.json, {"accounts": []})
        r = self.call("GET", "/api/status", 404)
        self.assertEqual(self.error_code(r), "no_account")

        # init, and what it refuses.
        self.call("POST", "/api/accounts", 201,
                  json_body={"name": "Avery Quinlan (demo)", "tz": "Europe/London", "tier": "premium"})
        r = self.call("POST", "/api/accounts", 409, json_body={"name": "Avery Quinlan (demo)"})
        self.assertEqual(self.error_code(r), "account_exists")
        self.call("POST", "/api/accounts", 400, json_body={"name": "Mars", "tz": "Mars/Olympus"})
        self.call("POST", "/api/accounts", 400, body=b'{"name": ', content_type="application/json")
        r = self.call("POST", "/api/accounts", 415, body=b"name=x", content_type="text/plain")
        self.assertEqual(self.error_code(r), "unsupported_media_type")
        r = self.call("GET", "/api/accounts", 200)
        self.assertEqual([(a["name"], a["tier"], a["timezone"]) for a in r.json["accounts"]],
                         [("Avery Quinlan (demo)", "premium", "Europe/London")])

        # An account with no history and no queue.
        for path in ("/api/status", "/api/health", "/api/forecast", "/api/stats", "/api/history", "/api/pending",
                     "/api/plan/withdraw", "/api/plan/send", "/api/queue"):
            self.call("GET", path, 200)
        for by in ("week", "note", "template", "weekday", "window"):
            self.call("GET", "/api/stats", 200, query={"by": by})

        # The demo export: one zip raw, one as the multipart field `file`, one as octet-stream.
        self.call("POST", "/api/import", 200, query={"filename": demo[0].name}, body=demo[0].read_bytes(),
                  content_type="application/zip")
        body, ctype = multipart("file", demo[1].name, demo[1].read_bytes())
        self.call("POST", "/api/import", 200, query={"filename": demo[1].name}, body=body, content_type=ctype)
        r = self.call("POST", "/api/import", 200, query={"filename": demo[2].name}, body=demo[2].read_bytes(),
                      content_type="application/octet-stream")
        self.assertGreater(r.json["pending"], 1000)
        r = self.call("POST", "/api/import", 200, query={"filename": "Connections.csv"}, body=CONNECTIONS.encode(),
                      content_type="text/csv")
        self.assertFalse(r.json["changed"])
        bad = INV_HEADER + 'Robin Vale,Ann Bo,"13/45/21, 9:00 AM",,OUTGOING,a,https://www.linkedin.com/in/ann-bo\n'
        r = self.call("POST", "/api/import", 422, query={"filename": "Invitations.csv"}, body=bad.encode(),
                      content_type="text/csv")
        self.assertIn("Invitations.csv:2:3", r.json["error"]["message"])
        skipping = bad + 'Robin Vale,Cy Dunn,"11/21/26, 9:00 AM",,OUTGOING,a,https://www.linkedin.com/in/cy-dunn\n'
        r = self.call("POST", "/api/import", 200, query={"filename": "Invitations.csv", "skip_invalid": "true"},
                      body=skipping.encode(), content_type="text/csv")
        self.assertEqual(len(r.json["skipped"]), 1)
        self.call("POST", "/api/import", 415, query={"filename": "x.json"}, body=b"{}", content_type="application/json")
        # A dry run says what it would do; undo takes back the last import (Cy Dunn's).
        pending = self.call("GET", "/api/status", 200).json["pending"]
        more = INV_HEADER + 'Robin Vale,Di Eames,"11/25/26, 8:00 AM",,OUTGOING,a,https://www.linkedin.com/in/di-eames\n'
        r = self.call("POST", "/api/import", 200, query={"filename": "Invitations.csv", "dry_run": "true"},
                      body=more.encode(), content_type="text/csv")
        self.assertTrue(r.json["dry_run"])
        self.assertEqual(r.json["pending"], pending + 1)
        self.assertEqual(self.call("GET", "/api/status", 200).json["pending"], pending)
        r = self.call("POST", "/api/import/undo", 200)
        self.assertEqual(r.json["invitations_removed"], 1)
        # Sent 11/21 and missing from the 11/24 export imported before: it came in gone.
        self.assertEqual(r.json["pending"], pending)
        self.call("POST", "/api/import/undo", 400, body=b"{}", content_type="application/json")

        # A saved Sent invitations page, as a dropped .html and as a pasted copy: cards
        # the ledger never saw come in pending, dated by their age phrase alone.
        pages = SOURCE / "tests" / "ingest" / "sent_pages"
        r = self.call("POST", "/api/import", 200, query={"filename": "sent_2026_en.html", "dry_run": "true"},
                      body=(pages / "sent_2026_en.html").read_bytes(), content_type="text/html")
        self.assertEqual(r.json["sent_page"]["cards"], 15)
        self.assertTrue(r.json["sent_page"]["complete"])
        r = self.call("POST", "/api/import", 200, query={"filename": "pasted.txt", "complete": "true"},
                      body=(pages / "sent_copy_en.txt").read_bytes(), content_type="text/plain; charset=utf-8")
        self.assertEqual(r.json["sources"][0]["files"][0]["kind"], "sent_page")
        self.assertGreater(r.json["sent_page"]["new"], 0)
        dated = [i for i in self.call("GET", "/api/pending", 200, query={"limit": "5000"}).json["items"]
                 if i["sent_earliest"] is not None]
        self.assertEqual(len(dated), r.json["sent_page"]["new"])
        self.assertTrue(all(i["age"].endswith("+") for i in dated), [i["age"] for i in dated])
        self.call("POST", "/api/queue/import", 415, query={"filename": "q.html"}, body=b"<html></html>",
                  content_type="text/html")

        # Reads over a year of outreach.
        for path in ("/api/status", "/api/health", "/api/forecast", "/api/stats", "/api/history", "/api/pending",
                     "/api/plan/withdraw", "/api/plan/send", "/api/queue"):
            self.call("GET", path, 200)
        for by in ("week", "note", "template", "weekday", "window"):
            r = self.call("GET", "/api/stats", 200, query={"by": by})
            self.assertEqual(r.json["by"], by)
            self.assertTrue(r.json["groups"])
        r = self.call("GET", "/api/history", 200, query={"weeks": "4"})
        self.assertEqual(len(r.json["weekly_sends"]["weeks"]), 4)
        r = self.call("GET", "/api/pending", 200, query={"older_than": "30d", "limit": "3"})
        self.assertEqual(len(r.json["items"]), 3)
        self.call("GET", "/api/plan/withdraw", 200,
                  query={"after": "14d", "target": "1000", "max_per_day": "50", "all": "true"})
        self.call("GET", "/api/status", 200, query={"account": "Avery Quinlan (demo)"})
        r = self.call("GET", "/api/overview", 200)
        status = self.call("GET", "/api/status", 200).json
        self.assertEqual([(a["account"], a["pending"], a["health"]["score"]) for a in r.json["accounts"]],
                         [(status["account"], status["pending"], status["health"]["score"])])
        self.call("GET", "/api/overview", 400, query={"account": "Avery Quinlan (demo)"})

        # Malformed requests, and an account that does not exist.
        for path, query in (("/api/stats", {"by": "colour"}), ("/api/pending", {"older_than": "3x"}),
                            ("/api/pending", {"limit": "-1"}), ("/api/plan/send", {"days": "0"}),
                            ("/api/plan/send", {"days": "many"}), ("/api/plan/withdraw", {"target": "-1"}),
                            ("/api/plan/withdraw", {"max_per_day": "0"}), ("/api/plan/send", {"from": "someday"})):
            self.call("GET", path, 400, query=query)
        r = self.call("GET", "/api/status", 404, query={"account": "nobody"})
        self.assertEqual(self.error_code(r), "unknown_account")

        # The queue.
        r = self.call("POST", "/api/queue", 201, json_body={
            "url": MAYA, "name": "Maya Patel", "first_name": "Maya", "company": "Acme",
            "note": "Hi Maya, your talk on rate limits at Acme stayed with me.", "priority": 5})
        self.assertEqual(r.json["added"], 1)
        self.call("POST", "/api/queue", 201, json_body={"url": SAM, "name": "Sam Lee", "tz": "America/New_York"})
        self.call("POST", "/api/queue", 422, json_body={"url": "not a profile"})
        self.call("POST", "/api/queue", 400, body=b"[1, 2", content_type="application/json")
        r = self.call("POST", "/api/queue/import", 200, query={"filename": "people.csv"}, body=PEOPLE.encode(),
                      content_type="text/csv")
        self.assertEqual(r.json["added"], 2)
        self.assertTrue(r.json["warnings"], "template intro does not exist yet")
        body, ctype = multipart("file", "more.csv", b"profile_url,name\nhttps://www.linkedin.com/in/kim-ode-demo,Kim Ode\n",
                                "text/csv")
        r = self.call("POST", "/api/queue/import", 200, body=body, content_type=ctype)
        self.assertEqual(r.json["added"], 1)
        r = self.call("POST", "/api/queue/import", 422, query={"filename": "bad.csv"}, body=b"name\nfoo\n",
                      content_type="text/csv")
        self.assertIn("bad.csv", r.json["error"]["message"])
        r = self.call("GET", "/api/queue", 200)
        self.assertEqual(r.json["count"], 5)
        self.assertEqual(r.json["items"][2]["vars"], {"topic": "pacing"})
        r = self.call("GET", "/api/plan/send", 200, query={"days": "14"})
        self.assertTrue(r.json["slots"] and r.json["blocked"])  # Ada's template is missing: note_invalid
        self.call("GET", "/api/plan/send", 200, query={"days": "7", "from": "2026-12-01", "aggressive": "true",
                                                        "allow_unpersonalized": "true"})
        r = self.call("DELETE", "/api/queue", 200,
                      query=[("url", "https://www.linkedin.com/in/lee-park-demo"),
                             ("url", "https://www.linkedin.com/in/ada-brennan-demo"),
                             ("url", "https://www.linkedin.com/in/kim-ode-demo")])
        self.assertEqual(r.json["removed"], 3)

        # Marks of every kind.
        ids = [i["id"] for i in self.call("GET", "/api/pending", 200, query={"limit": "8"}).json["items"]]
        r = self.call("POST", "/api/marks/withdrawn", 200, json_body={"targets": [ids[0]]})
        self.assertEqual(r.json["items"][0]["status"], "withdrawn")
        r = self.call("POST", "/api/marks/undo", 200, json_body={"targets": [ids[0]]})
        self.assertEqual((r.json["marked"], r.json["items"][0]["status"]), ("undo", "pending"))
        self.call("POST", "/api/marks/accepted", 200, json_body={"targets": [ids[1]]})
        r = self.call("POST", "/api/marks/withdrawn", 409, json_body={"targets": [ids[1]]})
        self.assertEqual(self.error_code(r), "impossible_mark")
        self.call("POST", "/api/marks/declined", 200, json_body={"targets": [ids[2]]})
        self.call("POST", "/api/marks/accidental", 200, json_body={"targets": [ids[3]]})
        r = self.call("POST", "/api/marks/keep", 200, json_body={"targets": [ids[4], ids[5]]})
        self.assertEqual(r.json["count"], 2)
        self.call("POST", "/api/marks/unkeep", 200, json_body={"targets": [ids[5]]})
        r = self.call("POST", "/api/marks/withdrawn", 200, json_body={"plan": True})
        self.assertGreater(r.json["count"], 0)
        r = self.call("POST", "/api/marks/withdrawn", 404, json_body={"targets": [999999]})
        self.assertEqual(self.error_code(r), "unknown_invitation")
        r = self.call("POST", "/api/marks/withdrawn", 404, json_body={"targets": ["https://www.linkedin.com/in/nobody-here"]})
        self.assertEqual(self.error_code(r), "unknown_invitation")
        self.call("POST", "/api/marks/withdrawn", 400, json_body={})
        self.call("POST", "/api/marks/colour", {400, 404}, json_body={"targets": [ids[6]]})
        self.call("POST", "/api/marks/keep", 415, body=b"targets=1", content_type="application/x-www-form-urlencoded")
        r = self.call("POST", "/api/marks/sent", 200, json_body={"targets": [MAYA]})
        self.assertEqual(r.json["items"][0]["note"], "Hi Maya, your talk on rate limits at Acme stayed with me.")
        self.call("POST", "/api/marks/sent", 200, json_body={"targets": [SAM], "no_note": True, "at": "2026-11-25T08:00:00Z"})
        r = self.call("POST", "/api/marks/sent", 409, json_body={"targets": [MAYA]})
        self.assertEqual(self.error_code(r), "already_pending")
        self.call("POST", "/api/marks/sent", 422, json_body={"targets": ["not a profile"]})
        self.call("POST", "/api/marks/reported", 200, json_body={"targets": ["https://www.linkedin.com/in/someone-x"]})
        r = self.call("POST", "/api/marks/reported", 200, json_body={"targets": ["https://www.linkedin.com/in/someone-x"]})
        self.assertEqual((r.json["count"], r.json["already_recorded"]), (0, 1))
        r = self.call("POST", "/api/marks/restricted", 200, json_body={"at": "2026-11-20T08:00:00Z"})
        self.assertEqual(r.json["no_sends_until"], "2026-11-27T08:00:00Z")
        # Taken back, then recorded again: the routes a mistaken mark needs.
        r = self.call("POST", "/api/marks/undo", 200, json_body={"targets": ["restricted"]})
        self.assertEqual(r.json["items"], [{"at": "2026-11-20T08:00:00Z", "person_key": None}])
        r = self.call("POST", "/api/marks/undo", 409, json_body={"targets": ["restricted"]})
        self.assertEqual(self.error_code(r), "nothing_to_undo")
        r = self.call("POST", "/api/marks/undo", 200,
                      json_body={"targets": ["reported", "https://www.linkedin.com/in/someone-x"]})
        self.assertEqual(r.json["marked"], "undo_reported")
        self.call("POST", "/api/marks/reported", 200, json_body={"targets": ["https://www.linkedin.com/in/someone-x"]})
        r = self.call("POST", "/api/marks/restricted", 200, json_body={"at": "2026-11-20T08:00:00Z"})
        self.assertEqual(r.json["count"], 1)
        r = self.call("GET", "/api/status", 200)
        self.assertEqual(r.json["last_cleanup"], "2026-11-25")  # nullable fields, now set
        self.call("GET", "/api/health", 200)
        self.call("GET", "/api/plan/send", 200)

        # A second account: now every account route must be told which.
        self.call("POST", "/api/accounts", 201, json_body={"name": "second", "tier": "free", "weekly_limit": 80,
                                                            "pending_cap": 1000, "export_zone": "UTC"})
        r = self.call("GET", "/api/status", 400)
        self.assertEqual(self.error_code(r), "choose_account")
        self.call("GET", "/api/status", 200, query={"account": "second"})
        self.call("GET", "/api/accounts", 200)

    def test_2_rules_every_request_meets(self):
        # No token, or a wrong one, on every documented operation.
        for template, item in self.doc["paths"].items():
            path = template.replace("{kind}", "keep")
            for method in item:
                if method not in METHODS:
                    continue
                self.call(method.upper(), path, 401, auth=False)
                r = self.call(method.upper(), path, 401, headers={"Authorization": "Bearer wrong"})
                self.assertEqual(self.error_code(r), "unauthorized")
        # DNS rebinding: a Host that is not the server's address.
        r = self.call("GET", "/api/accounts", 403, headers={"Host": f"evil.example:{self.server.port}",
                                                            "Authorization": f"Bearer {TOKEN}"})
        self.assertEqual(self.error_code(r), "bad_host")
        # No such route, and a method a path does not take.
        r = self.call("GET", "/api/nothing-here", 404)
        self.assertEqual(self.error_code(r), "not_found")
        for method, path in (("PUT", "/api/status"), ("DELETE", "/api/accounts"), ("GET", "/api/marks/keep")):
            r = self.call(method, path, 405, body=b"" if method != "GET" else None)
            self.assertEqual(self.error_code(r), "method_not_allowed")
        # A body over --max-body (in MiB): a server with the smallest limit.
        (self.tmp / "small").mkdir()
        small = Server(self.tmp / "small", "--max-body", "1")
        try:
            saved, self.server = self.server, small
            r = self.call("POST", "/api/import", 413, query={"filename": "big.csv"}, body=b"x" * ((1 << 20) + 1),
                          content_type="text/csv")
            self.assertEqual(self.error_code(r), "too_large")
        finally:
            self.server = saved
            small.stop()
        # Parameters and fields no route takes.
        r = self.call("GET", "/api/status", 400, query={"colour": "red"})
        self.assertEqual(self.error_code(r), "unknown_parameter")
        r = self.call("POST", "/api/accounts", 400, json_body={"name": "third", "colour": "red"})
        self.assertEqual(self.error_code(r), "unknown_field")
        self.call("POST", "/api/queue", 400, json_body={"url": MAYA, "priority": "high"})
        self.call("GET", "/api/plan/withdraw", 400, query={"all": "yes"})

    def test_3_the_dashboard_cookie(self):
        """The cookie authenticates like the token; a write with it from another site is refused."""
        cookie = None
        attempts = ((b"token=" + TOKEN.encode(), "application/x-www-form-urlencoded"),
                    (json.dumps({"token": TOKEN}).encode(), "application/json"))
        for body, ctype in attempts:
            r = self.server.request("POST", "/login", body=body, content_type=ctype, auth=False,
                                    headers={"Origin": f"http://127.0.0.1:{self.server.port}"})
            for k, v in r.headers:
                m = re.match(r"ik_session=([^;]+)", v) if k.lower() == "set-cookie" else None
                if m:
                    cookie = m.group(1)
                    self.assertIn("httponly", v.lower())
                    self.assertIn("samesite=strict", v.lower())
            if cookie:
                break
        self.assertIsNotNone(cookie, "POST /login with the token set no ik_session cookie")
        jar = {"Cookie": f"ik_session={cookie}"}
        self.call("GET", "/api/accounts", 200, headers=jar)
        r = self.call("POST", "/api/marks/restricted", 403, json_body={},
                      headers={**jar, "Origin": "http://evil.example", "Sec-Fetch-Site": "cross-site"})
        self.assertEqual(self.error_code(r), "cross_site")
        self.call("GET", "/api/accounts", 401, headers={"Cookie": "ik_session=forged"})

    def test_4_the_checks_bite(self):
        """Altered copies of the real answers fail: the schemas are not a formality."""
        successes = [(m, t, s, b) for m, t, s, b in Routes.calls if t and 200 <= s < 300 and t != "/api/openapi.json"]
        seen = {(m, t) for m, t, _, _ in successes}
        documented = {(m.upper(), t) for t, item in self.doc["paths"].items() for m in item if m in METHODS}
        self.assertEqual(sorted(documented - seen - {("GET", "/api/openapi.json")}), [],
                         "operations never answered with success")
        kinds = {b.get("marked") for m, t, s, b in successes if t == "/api/marks/{kind}"}
        self.assertEqual(kinds, {"withdrawn", "accepted", "declined", "accidental", "keep", "unkeep", "undo", "sent",
                                 "reported", "restricted", "undo_restricted", "undo_reported"})
        statuses = {s for _, _, s, _ in Routes.calls}
        self.assertLessEqual({200, 201, 400, 401, 403, 404, 405, 409, 413, 415, 422}, statuses)

        def still_valid(method, template, status, body):
            return not self.schemas.errors(self.schemas.response_schema(template, method, status), body)

        def mutations(node, path=()):
            """(description, apply) for each alteration of node: drop a key, add one, change a type."""
            if isinstance(node, dict):
                if not (path and path[-1] in OPEN_MAPS):
                    yield f"{'/'.join(map(str, path))}: an extra key", lambda b: get(b, path).__setitem__("unexpected", 1)
                    for k in node:
                        yield f"{'/'.join(map(str, path + (k,)))} dropped", lambda b, k=k: get(b, path).pop(k)
                for k, v in node.items():
                    yield from mutations(v, path + (k,))
            elif isinstance(node, list) and node:
                yield from mutations(node[0], path + (0,))
            if path:
                other = [] if node is None or isinstance(node, str) else "x"
                yield f"{'/'.join(map(str, path))} made {type(other).__name__}", \
                    lambda b: set_(b, path, other)

        def get(body, path):
            for p in path:
                body = body[p]
            return body

        def set_(body, path, value):
            get(body, path[:-1])[path[-1]] = value

        def cut(node, n=10):
            """The body with every list cut to n items: as valid, much quicker to check."""
            if isinstance(node, dict):
                return {k: cut(v, n) for k, v in node.items()}
            if isinstance(node, list):
                return [cut(v, n) for v in node[:n]]
            return node

        tried = 0
        for (method, template, status, body) in successes:
            if not isinstance(body, dict):
                continue
            if still_valid(method, template, status, cut(body)):
                body = cut(body)
            for what, apply in mutations(body):
                altered = copy.deepcopy(body)
                apply(altered)
                tried += 1
                if still_valid(method, template, status, altered):
                    with self.subTest(route=f"{method} {template} {status}", alteration=what):
                        self.fail("the altered answer still passes the document's schema")
        self.assertGreater(tried, 500)

        # Values the output never takes, in fields whose values are fixed lists.
        def first(template, pred=lambda b: True):
            return next(copy.deepcopy((m, t, s, b)) for m, t, s, b in successes if t == template and pred(b))

        cases = [
            ("/api/plan/withdraw", lambda b: b["items"], lambda b: b["items"][0]["reasons"].append("bored")),
            ("/api/plan/withdraw", lambda b: b["items"], lambda b: b["items"][0].__setitem__("reasons", [])),
            ("/api/plan/withdraw", lambda b: b["items"], lambda b: b["items"][0].__setitem__("p_accept", 1.5)),
            ("/api/plan/withdraw", lambda b: b["items"], lambda b: b["items"][0].__setitem__("day", "25/11/2026")),
            ("/api/plan/send", lambda b: b["blocked"], lambda b: b["blocked"][0].__setitem__("reason", "busy")),
            ("/api/plan/send", lambda b: b["slots"], lambda b: b["slots"][0].__setitem__("at", "2026-11-26 08:08")),
            ("/api/health", lambda b: True, lambda b: b.__setitem__("grade", "excellent")),
            ("/api/health", lambda b: True, lambda b: b.__setitem__("score", 101)),
            ("/api/health", lambda b: True, lambda b: b["factors"].pop()),
            ("/api/health", lambda b: True, lambda b: b["factors"][0].__setitem__("code", "mood")),
            ("/api/status", lambda b: True, lambda b: b.__setitem__("pending", -1)),
            ("/api/status", lambda b: True, lambda b: b.__setitem__("next_cleanup", None)),
            ("/api/status", lambda b: True, lambda b: b["forecast"].__setitem__("projection", [])),
            ("/api/forecast", lambda b: True, lambda b: b.__setitem__("model", "guess")),
            ("/api/stats", lambda b: b["by"] == "note" and b["groups"], lambda b: b["groups"][0].__setitem__("group", "2026-W01")),
            ("/api/stats", lambda b: b["by"] == "weekday" and b["groups"], lambda b: b["groups"][0].__setitem__("group", "Monday")),
            ("/api/stats", lambda b: b["by"] is None, lambda b: b["groups"].append(
                {"group": "none", "accepted": 0, "outgoing": 1, "rate": 0.0})),
            ("/api/history", lambda b: True, lambda b: b["pending_age"].pop()),
            ("/api/history", lambda b: True, lambda b: b["pending_age"][0].__setitem__("label", "0-2d")),
            ("/api/marks/{kind}", lambda b: b.get("marked") == "sent",
             lambda b: b.__setitem__("marked", "withdrawn")),
            ("/api/marks/{kind}", lambda b: b.get("marked") == "keep",
             lambda b: b["items"][0].__setitem__("status", "kept")),
            ("/api/accounts", lambda b: "accounts" in b and b["accounts"],
             lambda b: b["accounts"][0].__setitem__("tier", "gold")),
            ("/api/queue", lambda b: "count" in b and b["items"],
             lambda b: b["items"][0]["vars"].__setitem__("n", 1)),
        ]
        for template, pred, alter in cases:
            try:
                method, template_, status, body = first(template, pred)
            except StopIteration:
                self.fail(f"no answer from {template} to alter")
            alter(body)
            with self.subTest(route=template, alteration=alter):
                self.assertFalse(still_valid(method, template_, status, body), "an impossible value passes")
        # And the error body.
        error = {"error": {"code": "unknown_invitation", "message": "no invitation with id 9"}}
        self.assertEqual(self.schemas.errors(self.schemas.named("Error"), error), [])
        for bad in ({"error": {"code": "unknown_invitation"}}, {"error": {"code": "Bad Code", "message": "m"}},
                    {"error": {"code": "x", "message": "m", "hint": "h"}}, {"code": "x", "message": "m"}):
            self.assertNotEqual(self.schemas.errors(self.schemas.named("Error"), bad), [], bad)


if __name__ == "__main__":
    BINARY, DEMO = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
    unittest.main(argv=[sys.argv[0], "-v"])
