#!/usr/bin/env python3
# SPDX-FileCopyrightText: 2026 fkigov contributors
# SPDX-License-Identifier: MPL-2.0
"""The JSON API against its description, static/openapi.json (python3 standard library only).

1. The description itself: a structurally valid OpenAPI 3.0 document (required fields, every
   $ref resolves, every operation has responses, the security schemes exist, parameters are
   well formed, schemas use known keywords) that describes every /api/v1 route of
   src/web/route.c with the right methods and security (R_ALL: open; otherwise a bearer
   token, 401 and, where not every account may, 403).
2. With --base URL --token TOKEN: a running server. Every GET route is called anonymously and
   with the token (a real body id and person key taken from the list endpoints), bad
   parameters get their 400, and POST /api/v1/appointments gets a valid and an invalid
   appointment (and, with --viewer-token, a role that may not); with --bin and --db the
   findings and the forecast must be exactly what `fkigov check --json` and
   `fkigov forecast --json` print; each status must be one the
   description documents and each body must match the documented schema (a small JSON-Schema
   checker: type, properties, required, additionalProperties, items, enum, nullable,
   format date, oneOf/anyOf/allOf, $ref).

Prints one line per failure and "N passed, N failed" last; exits 1 on any failure.

  tests/web/openapi_test.py [--spec static/openapi.json] [--routes src/web/route.c]
                            [--base http://127.0.0.1:PORT --token TOKEN [--viewer-token T]
                             [--bin build/fkigov --db DB]]
"""
import argparse
import datetime
import json
import os
import re
import subprocess
import sys
import urllib.error
import urllib.request

ROOT = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")


class Result:
    def __init__(self, verbose=False):
        self.passed = 0
        self.failed = 0
        self.verbose = verbose

    def check(self, ok, what, detail=""):
        if ok:
            self.passed += 1
            if self.verbose:
                print("ok   " + what)
        else:
            self.failed += 1
            print("FAIL " + what + (": " + detail if detail else ""))
        return ok


# ---------------------------------------------------------------------------- $ref


def resolve_ref(doc, ref):
    """The object a local reference "#/a/b" points to, or raises KeyError."""
    if not ref.startswith("#/"):
        raise KeyError("only local references (#/...) are supported: " + ref)
    node = doc
    for part in ref[2:].split("/"):
        part = part.replace("~1", "/").replace("~0", "~")
        if isinstance(node, dict) and part in node:
            node = node[part]
        elif isinstance(node, list) and part.isdigit() and int(part) < len(node):
            node = node[int(part)]
        else:
            raise KeyError(ref)
    return node


def deref(doc, obj):
    seen = 0
    while isinstance(obj, dict) and "$ref" in obj:
        obj = resolve_ref(doc, obj["$ref"])
        seen += 1
        if seen > 50:
            raise KeyError("reference loop")
    return obj


def walk_refs(node, path="#"):
    """Yields (where, ref) for every $ref in node."""
    if isinstance(node, dict):
        for k, v in node.items():
            if k == "$ref" and isinstance(v, str):
                yield path, v
            else:
                yield from walk_refs(v, path + "/" + str(k))
    elif isinstance(node, list):
        for i, v in enumerate(node):
            yield from walk_refs(v, path + "/" + str(i))


# ---------------------------------------------------------------------------- structure

SCHEMA_KEYS = {
    "type", "properties", "required", "additionalProperties", "items", "enum", "nullable",
    "format", "oneOf", "anyOf", "allOf", "not", "$ref", "description", "title", "example",
    "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "minLength", "maxLength",
    "pattern", "minItems", "maxItems", "uniqueItems", "minProperties", "maxProperties",
    "default", "readOnly", "writeOnly", "deprecated", "multipleOf", "discriminator", "xml",
    "externalDocs",
}
TYPES = {"string", "number", "integer", "boolean", "array", "object"}


def check_schema(doc, s, where, errs):
    """Appends to errs what is wrong with the schema object s (OpenAPI 3.0 dialect)."""
    if not isinstance(s, dict):
        errs.append(where + ": a schema must be an object")
        return
    if "$ref" in s:
        if len(s) > 1:
            errs.append(where + ": $ref must stand alone (OpenAPI 3.0 ignores its siblings)")
        return
    for k in s:
        if k not in SCHEMA_KEYS and not k.startswith("x-"):
            errs.append(where + ": unknown schema keyword " + k)
    t = s.get("type")
    if t is not None and t not in TYPES:
        errs.append(where + ": type must be one of " + ", ".join(sorted(TYPES)))
    if "nullable" in s and not isinstance(s["nullable"], bool):
        errs.append(where + ": nullable must be true or false")
    if t == "array" and "items" not in s:
        errs.append(where + ": an array schema needs items")
    if "items" in s:
        check_schema(doc, s["items"], where + "/items", errs)
    props = s.get("properties", {})
    if not isinstance(props, dict):
        errs.append(where + ": properties must be an object")
        props = {}
    for name, sub in props.items():
        check_schema(doc, sub, where + "/properties/" + name, errs)
    req = s.get("required", [])
    if not isinstance(req, list) or not req and "required" in s or \
            not all(isinstance(x, str) for x in req) or len(set(req)) != len(req):
        errs.append(where + ": required must be a non-empty list of distinct names")
    elif s.get("additionalProperties") is False:
        for name in req:
            if name not in props:
                errs.append(where + ": required " + name + " is not among the properties")
    ap = s.get("additionalProperties")
    if isinstance(ap, dict):
        check_schema(doc, ap, where + "/additionalProperties", errs)
    elif ap is not None and not isinstance(ap, bool):
        errs.append(where + ": additionalProperties must be a boolean or a schema")
    if "enum" in s and (not isinstance(s["enum"], list) or not s["enum"]):
        errs.append(where + ": enum must be a non-empty list")
    for k in ("oneOf", "anyOf", "allOf"):
        if k in s:
            if not isinstance(s[k], list) or not s[k]:
                errs.append(where + ": " + k + " must be a non-empty list")
            else:
                for i, sub in enumerate(s[k]):
                    check_schema(doc, sub, "%s/%s/%d" % (where, k, i), errs)
    if "not" in s:
        check_schema(doc, s["not"], where + "/not", errs)
    if "pattern" in s:
        try:
            re.compile(s["pattern"])
        except re.error as e:
            errs.append(where + ": pattern does not compile: " + str(e))


def check_parameter(doc, p, where, errs):
    try:
        p = deref(doc, p)
    except KeyError as e:
        errs.append(where + ": " + str(e))
        return None
    if not isinstance(p, dict):
        errs.append(where + ": a parameter must be an object")
        return None
    if not isinstance(p.get("name"), str) or not p.get("name"):
        errs.append(where + ": a parameter needs a name")
    if p.get("in") not in ("query", "header", "path", "cookie"):
        errs.append(where + ": in must be query, header, path or cookie")
    if p.get("in") == "path" and p.get("required") is not True:
        errs.append(where + ": a path parameter must be required: true")
    if ("schema" in p) == ("content" in p):
        errs.append(where + ": a parameter needs either schema or content")
    if "schema" in p:
        check_schema(doc, p["schema"], where + "/schema", errs)
    return p


def check_content(doc, content, where, errs):
    if not isinstance(content, dict) or not content:
        errs.append(where + ": content must name at least one media type")
        return
    for mt, media in content.items():
        if not re.match(r"^[\w.+-]+/[\w.+*-]+", mt):
            errs.append(where + ": bad media type " + mt)
        if not isinstance(media, dict):
            errs.append(where + "/" + mt + ": a media type object must be an object")
        elif "schema" in media:
            check_schema(doc, media["schema"], where + "/" + mt + "/schema", errs)


def validate_openapi(doc):
    """Returns a list of problems of doc as an OpenAPI 3.0 document (empty: valid)."""
    errs = []
    if not isinstance(doc, dict):
        return ["the document must be a JSON object"]
    if not isinstance(doc.get("openapi"), str) or not re.match(r"^3\.0\.\d+$", doc["openapi"]):
        errs.append("openapi must be a 3.0.x version string")
    info = doc.get("info")
    if not isinstance(info, dict) or not isinstance(info.get("title"), str) or \
            not isinstance(info.get("version"), str):
        errs.append("info needs title and version (strings)")
    for k in doc:
        if k not in ("openapi", "info", "servers", "paths", "components", "security", "tags",
                     "externalDocs") and not k.startswith("x-"):
            errs.append("unknown top-level field " + k)
    for i, srv in enumerate(doc.get("servers", [])):
        if not isinstance(srv, dict) or not isinstance(srv.get("url"), str):
            errs.append("servers/%d needs a url" % i)
    for where, ref in walk_refs(doc):
        try:
            resolve_ref(doc, ref)
        except KeyError:
            errs.append(where + ": $ref " + ref + " does not resolve")
    comps = doc.get("components", {})
    schemes = comps.get("securitySchemes", {})
    for name, sch in schemes.items():
        w = "components/securitySchemes/" + name
        t = sch.get("type") if isinstance(sch, dict) else None
        if t not in ("apiKey", "http", "oauth2", "openIdConnect"):
            errs.append(w + ": type must be apiKey, http, oauth2 or openIdConnect")
        elif t == "http" and not isinstance(sch.get("scheme"), str):
            errs.append(w + ": an http scheme needs scheme (e.g. bearer)")
        elif t == "apiKey" and (not sch.get("name") or sch.get("in") not in
                                ("query", "header", "cookie")):
            errs.append(w + ": an apiKey scheme needs name and in")
    for name, s in comps.get("schemas", {}).items():
        check_schema(doc, s, "components/schemas/" + name, errs)
    for name, p in comps.get("parameters", {}).items():
        check_parameter(doc, p, "components/parameters/" + name, errs)
    for name, r in comps.get("responses", {}).items():
        if not isinstance(r, dict) or not isinstance(r.get("description"), str):
            errs.append("components/responses/" + name + ": needs a description")
        elif "content" in r:
            check_content(doc, r["content"], "components/responses/" + name + "/content", errs)

    def check_security(sec, where):
        if not isinstance(sec, list):
            errs.append(where + ": security must be a list")
            return
        for req in sec:
            if not isinstance(req, dict):
                errs.append(where + ": a security requirement must be an object")
                continue
            for sname, scopes in req.items():
                if sname not in schemes:
                    errs.append(where + ": security scheme " + sname + " is not defined")
                if not isinstance(scopes, list):
                    errs.append(where + ": the scopes of " + sname + " must be a list")

    if "security" in doc:
        check_security(doc["security"], "security")
    paths = doc.get("paths")
    if not isinstance(paths, dict) or not paths:
        errs.append("paths must be a non-empty object")
        return errs
    op_ids = set()
    for path, item in paths.items():
        if not path.startswith("/"):
            errs.append("path " + path + " must start with /")
        if not isinstance(item, dict):
            errs.append(path + ": a path item must be an object")
            continue
        templ = set(re.findall(r"\{([^}/]+)\}", path))
        shared = {}
        for i, p in enumerate(item.get("parameters", [])):
            p = check_parameter(doc, p, "%s/parameters/%d" % (path, i), errs)
            if p:
                shared[(p.get("name"), p.get("in"))] = p
        ops = [m for m in item if m in METHODS]
        if not ops:
            errs.append(path + ": no operations")
        for k in item:
            if k not in METHODS and k not in ("parameters", "summary", "description",
                                              "servers", "$ref") and not k.startswith("x-"):
                errs.append(path + ": unknown field " + k)
        for m in ops:
            op = item[m]
            w = path + " " + m.upper()
            if not isinstance(op, dict):
                errs.append(w + ": an operation must be an object")
                continue
            oid = op.get("operationId")
            if oid is not None:
                if oid in op_ids:
                    errs.append(w + ": operationId " + oid + " is not unique")
                op_ids.add(oid)
            params = dict(shared)
            seen = set()
            for i, p in enumerate(op.get("parameters", [])):
                p = check_parameter(doc, p, "%s/parameters/%d" % (w, i), errs)
                if p:
                    key = (p.get("name"), p.get("in"))
                    if key in seen:
                        errs.append(w + ": parameter %s (%s) appears twice" % key)
                    seen.add(key)
                    params[key] = p
            for t in templ:
                if (t, "path") not in params:
                    errs.append(w + ": path parameter {" + t + "} is not described")
            for (n, where_in) in params:
                if where_in == "path" and n not in templ:
                    errs.append(w + ": path parameter " + n + " is not in the path")
            if "requestBody" in op:
                try:
                    rb = deref(doc, op["requestBody"])
                    if "content" not in rb:
                        errs.append(w + ": requestBody needs content")
                    else:
                        check_content(doc, rb["content"], w + "/requestBody/content", errs)
                except KeyError as e:
                    errs.append(w + ": requestBody " + str(e))
            resp = op.get("responses")
            if not isinstance(resp, dict) or not resp:
                errs.append(w + ": responses must name at least one response")
                continue
            for code, r in resp.items():
                if code != "default" and not re.match(r"^[1-5](\d\d|XX)$", str(code)):
                    errs.append(w + ": bad response code " + str(code))
                try:
                    r = deref(doc, r)
                except KeyError as e:
                    errs.append(w + " " + str(code) + ": " + str(e))
                    continue
                if not isinstance(r, dict) or not isinstance(r.get("description"), str):
                    errs.append(w + " " + str(code) + ": a response needs a description")
                elif "content" in r:
                    check_content(doc, r["content"], "%s/responses/%s/content" % (w, code), errs)
            if "security" in op:
                check_security(op["security"], w)
    return errs


# ---------------------------------------------------------------------------- route table

ROLE_BITS = {"R_ANON": 1, "R_VIEWER": 2, "R_MEMBER": 4, "R_ADMIN": 8}


def parse_routes(path):
    """The /api/ rows of src/web/route.c: {pattern: {"get": mask, "post": mask}}."""
    text = open(path, encoding="utf-8").read()
    names = dict(ROLE_BITS)
    names["R_USERS"] = 2 | 4 | 8
    names["R_ALL"] = 1 | 2 | 4 | 8
    names["0"] = 0
    for m in re.finditer(r"#define\s+(R_\w+)\s+\(?([R_\w\s|]+)\)?", text):
        names[m.group(1)] = sum_roles(m.group(2), names)
    out = {}
    for m in re.finditer(r'\{\s*"(/api/[^"]*)"\s*,\s*\w+\s*,\s*(?:NULL|"[^"]*")\s*,\s*'
                         r'([\w\s|]+?)\s*,\s*([\w\s|]+?)\s*,', text):
        out[m.group(1)] = {"get": sum_roles(m.group(2), names),
                           "post": sum_roles(m.group(3), names)}
    return out


def sum_roles(expr, names):
    mask = 0
    for tok in expr.replace("(", " ").replace(")", " ").split("|"):
        tok = tok.strip()
        if tok:
            mask |= names[tok]
    return mask


def op_security(doc, op):
    """("open" | "token" | "none", schemes) for an operation."""
    sec = op.get("security", doc.get("security"))
    if not sec:
        return "none"
    if any(req == {} for req in sec):
        return "open"
    return "token"


def check_routes(doc, routes, res):
    paths = doc.get("paths", {})
    for pattern, roles in sorted(routes.items()):
        item = paths.get(pattern)
        if not res.check(isinstance(item, dict), "route " + pattern + " is described"):
            continue
        for m in ("get", "post"):
            mask = roles[m]
            if not mask:
                res.check(m not in item, "%s %s is not described (route.c allows no one)" %
                          (m.upper(), pattern))
                continue
            if not res.check(m in item, "%s %s is described" % (m.upper(), pattern)):
                continue
            op = item[m]
            sec = op_security(doc, op)
            codes = set(str(c) for c in op.get("responses", {}))
            if mask & ROLE_BITS["R_ANON"]:
                res.check(sec in ("open", "none"), "%s %s: security is optional (public route)"
                          % (m.upper(), pattern), "security says " + sec)
            else:
                res.check(sec == "token", "%s %s: bearerAuth is required" % (m.upper(), pattern),
                          "security says " + sec)
                res.check("401" in codes, "%s %s documents 401" % (m.upper(), pattern))
                if mask != 2 | 4 | 8:
                    res.check("403" in codes, "%s %s documents 403 (not every role may)" %
                              (m.upper(), pattern))
    for pattern in paths:
        if pattern.startswith("/api/"):
            res.check(pattern in routes, "described path " + pattern + " is a route in route.c")


# ---------------------------------------------------------------------------- JSON Schema


def is_date(v):
    if not isinstance(v, str) or not re.match(r"^\d{4}-\d{2}-\d{2}$", v):
        return False
    try:
        datetime.date.fromisoformat(v)
        return True
    except ValueError:
        return False


def is_datetime(v):
    if not isinstance(v, str):
        return False
    try:
        datetime.datetime.fromisoformat(v.replace("Z", "+00:00"))
        return True
    except ValueError:
        return False


def type_ok(t, v):
    if t == "object":
        return isinstance(v, dict)
    if t == "array":
        return isinstance(v, list)
    if t == "string":
        return isinstance(v, str)
    if t == "boolean":
        return isinstance(v, bool)
    if t == "integer":
        return isinstance(v, int) and not isinstance(v, bool)
    if t == "number":
        return isinstance(v, (int, float)) and not isinstance(v, bool)
    return False


def validate(doc, schema, v, where="$"):
    """The problems of value v against schema (OpenAPI 3.0 dialect of JSON Schema)."""
    errs = []
    if "$ref" in schema:
        return validate(doc, resolve_ref(doc, schema["$ref"]), v, where)
    if v is None:
        if schema.get("nullable"):
            return []
        if "type" in schema or ("enum" in schema and None not in schema["enum"]):
            return [where + ": null is not allowed (not nullable)"]
    t = schema.get("type")
    if t and v is not None and not type_ok(t, v):
        return [where + ": expected %s, got %s" % (t, type(v).__name__)]
    if "enum" in schema and v not in schema["enum"]:
        errs.append(where + ": %r is not one of %r" % (v, schema["enum"]))
    fmt = schema.get("format")
    if fmt == "date" and isinstance(v, str) and not is_date(v):
        errs.append(where + ": %r is not a date YYYY-MM-DD" % v)
    if fmt == "date-time" and isinstance(v, str) and not is_datetime(v):
        errs.append(where + ": %r is not a date-time" % v)
    if isinstance(v, str):
        if "pattern" in schema and not re.search(schema["pattern"], v):
            errs.append(where + ": %r does not match %s" % (v, schema["pattern"]))
        if "minLength" in schema and len(v) < schema["minLength"]:
            errs.append(where + ": shorter than %d" % schema["minLength"])
        if "maxLength" in schema and len(v) > schema["maxLength"]:
            errs.append(where + ": longer than %d" % schema["maxLength"])
    if isinstance(v, (int, float)) and not isinstance(v, bool):
        if "minimum" in schema and v < schema["minimum"]:
            errs.append(where + ": %r is below %r" % (v, schema["minimum"]))
        if "maximum" in schema and v > schema["maximum"]:
            errs.append(where + ": %r is above %r" % (v, schema["maximum"]))
    if isinstance(v, dict):
        props = schema.get("properties", {})
        for name in schema.get("required", []):
            if name not in v:
                errs.append(where + ": %s is missing" % name)
        ap = schema.get("additionalProperties", True)
        for k, x in v.items():
            if k in props:
                errs += validate(doc, props[k], x, where + "." + k)
            elif ap is False:
                errs.append(where + ": %s is not described (additionalProperties: false)" % k)
            elif isinstance(ap, dict):
                errs += validate(doc, ap, x, where + "." + k)
    if isinstance(v, list):
        if "minItems" in schema and len(v) < schema["minItems"]:
            errs.append(where + ": fewer than %d items" % schema["minItems"])
        if "items" in schema:
            for i, x in enumerate(v):
                errs += validate(doc, schema["items"], x, "%s[%d]" % (where, i))
    for sub in schema.get("allOf", []):
        errs += validate(doc, sub, v, where)
    if "anyOf" in schema:
        if not any(not validate(doc, sub, v, where) for sub in schema["anyOf"]):
            errs.append(where + ": matches none of anyOf")
    if "oneOf" in schema:
        n = sum(1 for sub in schema["oneOf"] if not validate(doc, sub, v, where))
        if n != 1:
            errs.append(where + ": matches %d of oneOf, not exactly 1" % n)
    return errs


# ---------------------------------------------------------------------------- live server


class Client:
    def __init__(self, base):
        self.base = base.rstrip("/")

    def call(self, method, path, token=None, body=None):
        """(status, content type, parsed JSON or None, raw bytes)."""
        data = None
        headers = {"Accept": "application/json"}
        if token:
            headers["Authorization"] = "Bearer " + token
        if body is not None:
            data = json.dumps(body).encode("utf-8")
            headers["Content-Type"] = "application/json"
        req = urllib.request.Request(self.base + path, data=data, method=method,
                                     headers=headers)
        try:
            with urllib.request.urlopen(req, timeout=30) as r:
                status, ctype, raw = r.status, r.headers.get("Content-Type", ""), r.read()
        except urllib.error.HTTPError as e:
            status, ctype, raw = e.code, e.headers.get("Content-Type", ""), e.read()
        try:
            parsed = json.loads(raw.decode("utf-8")) if raw else None
        except (UnicodeDecodeError, ValueError):
            parsed = None
        return status, ctype, parsed, raw


def response_schema(doc, op, status):
    """(documented?, schema or None) of op's response for status."""
    resp = op.get("responses", {})
    r = resp.get(str(status)) or resp.get(str(status)[0] + "XX") or resp.get("default")
    if r is None:
        return False, None
    r = deref(doc, r)
    media = r.get("content", {}).get("application/json")
    return True, (media or {}).get("schema")


def check_call(doc, client, res, method, path, pattern, token, expect, who, body=None):
    """Calls the server and checks status and body against the description."""
    op = doc["paths"][pattern][method.lower()]
    status, ctype, parsed, raw = client.call(method, path, token, body)
    label = "%s %s (%s)" % (method, path, who)
    res.check(status == expect, label + " answers %d" % expect, "got %d: %s" %
              (status, raw[:300].decode("utf-8", "replace")))
    documented, schema = response_schema(doc, op, status)
    res.check(documented, label + " status %d is documented" % status)
    if schema is not None:
        if res.check(ctype.split(";")[0].strip() == "application/json" and parsed is not None,
                     label + " is JSON", "Content-Type " + ctype):
            errs = validate(doc, schema, parsed)
            res.check(not errs, label + " matches the schema", "; ".join(errs[:8]))
    return status, parsed


def live(doc, args, res):
    c = Client(args.base)
    tok = args.token
    paths = doc["paths"]

    # The description served is this description.
    st, ctype, served, _ = c.call("GET", "/api/v1/openapi.json")
    res.check(st == 200 and served == doc, "GET /api/v1/openapi.json serves static/openapi.json",
              "status %d" % st)

    # Real ids for the {id} routes.
    _, bodies = check_call(doc, c, res, "GET", "/api/v1/bodies", "/api/v1/bodies", None, 200,
                           "anonymous")
    body_id, vacant = None, None
    for b in (bodies or {}).get("bodies", []):
        if b.get("seats_total"):
            body_id = body_id or b.get("id")
    _, people = check_call(doc, c, res, "GET", "/api/v1/people", "/api/v1/people", None, 200,
                           "anonymous")
    person = None
    for p in (people or {}).get("people", []):
        person = person or p.get("person")
    res.check(body_id is not None, "a body with seats to test /api/v1/bodies/{id} with")
    res.check(person is not None, "a person to test /api/v1/people/{id} with")
    ids = {"/api/v1/bodies/{id}": body_id or "styregruppe",
           "/api/v1/people/{id}": person or "x"}

    # Every GET route, anonymously and with the token. A {id} route without a known id takes
    # the first "id" its list route (the pattern without "/{id}") shows; when that list is
    # empty (the demo data has none), the route must answer a documented 404.
    for pattern, item in sorted(paths.items()):
        if "get" not in item:
            continue
        if pattern.endswith("/{id}") and pattern not in ids and "get" in paths.get(pattern[:-5], {}):
            _, _, listed, _ = c.call("GET", pattern[:-5], tok)
            for v in (listed or {}).values() if isinstance(listed, dict) else ():
                if isinstance(v, list) and v and isinstance(v[0], dict) and v[0].get("id"):
                    ids[pattern] = str(v[0]["id"])
                    break
        found = 200 if pattern in ids or "{id}" not in pattern else 404
        path = pattern.replace("{id}", ids.get(pattern, "x"))
        public = op_security(doc, item["get"]) != "token"
        check_call(doc, c, res, "GET", path, pattern, None, found if public else 401, "anonymous")
        check_call(doc, c, res, "GET", path, pattern, tok, found, "token")
        if args.viewer_token:
            # A route the viewer role may not read (route.c) must say 403, as documented.
            viewer_may = not args.routes_table or (
                args.routes_table.get(pattern, {}).get("get", 0) & ROLE_BITS["R_VIEWER"])
            check_call(doc, c, res, "GET", path, pattern, args.viewer_token,
                       found if viewer_may else 403, "viewer")

    # Parameters: documented ones answer, bad ones get a 400 with the field named.
    today = datetime.date.today().isoformat()
    for path, pattern, field in (
            ("/api/v1/findings?date=2027-03-01", "/api/v1/findings", None),
            ("/api/v1/findings?date=2027-02-30", "/api/v1/findings", "date"),
            ("/api/v1/findings?date=" + today, "/api/v1/findings", None),
            ("/api/v1/forecast?from=2027-01-01&years=5", "/api/v1/forecast", None),
            ("/api/v1/forecast?from=1.1.2027", "/api/v1/forecast", "from"),
            ("/api/v1/forecast?years=0", "/api/v1/forecast", "years"),
            ("/api/v1/forecast?years=11", "/api/v1/forecast", "years"),
            ("/api/v1/bodies?date=2026-01-01", "/api/v1/bodies", None),
            ("/api/v1/bodies/" + ids["/api/v1/bodies/{id}"] + "?date=2026-01-01",
             "/api/v1/bodies/{id}", None)):
        st, parsed = check_call(doc, c, res, "GET", path, pattern, tok, 400 if field else 200,
                                "token")
        if field:
            res.check(isinstance(parsed, dict) and field in (parsed.get("fields") or {}),
                      "GET %s names the field %s" % (path, field), json.dumps(parsed)[:300])
        elif pattern == "/api/v1/findings" and isinstance(parsed, dict):
            res.check(parsed.get("date") == path.split("=")[1],
                      "GET %s is the check on that date" % path)
    for path, pattern, field in (
            ("/api/v1/appointments?body=" + ids["/api/v1/bodies/{id}"], "/api/v1/appointments",
             None),
            ("/api/v1/appointments?person=" + ids["/api/v1/people/{id}"],
             "/api/v1/appointments", None),
            ("/api/v1/appointments?body=no-such-body", "/api/v1/appointments", "body"),
            ("/api/v1/people?q=a&body=" + ids["/api/v1/bodies/{id}"], "/api/v1/people", None),
            ("/api/v1/people?offset=2&limit=3&past=1", "/api/v1/people", None),
            ("/api/v1/audit?limit=2", "/api/v1/audit", None),
            ("/api/v1/audit?limit=0", "/api/v1/audit", "limit"),
            ("/api/v1/audit?since=2027-13-01", "/api/v1/audit", "since")):
        st, parsed = check_call(doc, c, res, "GET", path, pattern, tok, 400 if field else 200,
                                "token")
        if field:
            res.check(isinstance(parsed, dict) and field in (parsed.get("fields") or {}),
                      "GET %s names the field %s" % (path, field), json.dumps(parsed)[:300])
    check_call(doc, c, res, "GET", "/api/v1/bodies/no-such-body", "/api/v1/bodies/{id}", None,
               404, "anonymous")
    check_call(doc, c, res, "GET", "/api/v1/people/no-such-person", "/api/v1/people/{id}", None,
               404, "anonymous")

    # The same documents as the command line (SPEC §5.4: exactly `fkigov check --json`).
    if args.bin and args.db:
        for date in ("2025-01-01", "2027-03-01", today):
            st, _, api, _ = c.call("GET", "/api/v1/findings?date=" + date, tok)
            cli = run_json([args.bin, "--db", args.db, "check", "--json", "--date", date])
            res.check(api is not None and api == cli,
                      "GET /api/v1/findings?date=%s is `fkigov check --json --date %s`" %
                      (date, date))
        st, _, api, _ = c.call("GET", "/api/v1/forecast?from=2026-01-01&years=5", tok)
        cli = run_json([args.bin, "--db", args.db, "forecast", "--json", "--from", "2026-01-01",
                        "--years", "5"])
        res.check(api is not None and api == cli,
                  "GET /api/v1/forecast?from=2026-01-01&years=5 is `fkigov forecast --json`")

    # POST /api/v1/appointments.
    post = paths["/api/v1/appointments"]["post"]
    req_schema = deref(doc, post["requestBody"])["content"]["application/json"]["schema"]
    target = None
    for b in (bodies or {}).get("bodies", []):
        if (b.get("seats") or {}).get("kommune"):
            target = b
            for v in b.get("vacancies") or []:
                if v.get("seat") == "kommune":
                    vacant = b
            if vacant:
                break
    target = vacant or target or {"id": "styregruppe", "profiles": []}
    profiles = target.get("profiles") or []
    start = (datetime.date.today() + datetime.timedelta(days=30)).isoformat()
    good = {"person": "openapi-test-1", "name": "Åse Prøvesen", "email": "aase@example.org",
            "organisation": "kommune", "municipality": "860", "body": target["id"],
            "seat": "kommune", "profile": profiles[0]["id"] if profiles else None,
            "start": start, "end": None}
    bad = {"person": "", "name": "", "organisation": "firma", "municipality": "12",
           "body": "no-such-body", "seat": "kommune", "start": "2027-02-30", "end": "snart"}
    res.check(not validate(doc, req_schema, good), "the valid appointment matches the request "
              "schema", "; ".join(validate(doc, req_schema, good)))
    res.check(bool(validate(doc, req_schema, bad)), "the invalid appointment breaks the request "
              "schema")
    check_call(doc, c, res, "POST", "/api/v1/appointments", "/api/v1/appointments", None, 401,
               "anonymous", good)
    if args.viewer_token:
        check_call(doc, c, res, "POST", "/api/v1/appointments", "/api/v1/appointments",
                   args.viewer_token, 403, "viewer", good)
    st, created = check_call(doc, c, res, "POST", "/api/v1/appointments",
                             "/api/v1/appointments", tok, 201, "token", good)
    if st == 201 and isinstance(created, dict):
        for k in ("person", "body", "seat", "start"):
            res.check(created.get(k) == good[k], "the stored appointment has the %s sent" % k,
                      "%r != %r" % (created.get(k), good[k]))
        st2, _, who, _ = c.call("GET", "/api/v1/people/openapi-test-1", tok)
        res.check(st2 == 200 and isinstance(who, dict) and any(
            a.get("body") == good["body"] and a.get("start") == start
            for a in who.get("appointments", [])), "the new appointment is on the person")
    st, errs = check_call(doc, c, res, "POST", "/api/v1/appointments", "/api/v1/appointments",
                          tok, 400, "token", bad)
    if isinstance(errs, dict):
        fields = errs.get("fields") or {}
        for f in ("person", "start"):
            res.check(f in fields, "the 400 names the field " + f, json.dumps(errs)[:300])
    check_call(doc, c, res, "POST", "/api/v1/appointments", "/api/v1/appointments", tok, 400,
               "token, not JSON", "not an object")


def run_json(argv):
    """The JSON a command prints (its exit status may be 1: error findings)."""
    p = subprocess.run(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=60)
    try:
        return json.loads(p.stdout.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        return "exit %d: %s" % (p.returncode, p.stderr.decode("utf-8", "replace")[:300])


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--spec", default=os.path.join(ROOT, "static", "openapi.json"))
    ap.add_argument("--routes", default=os.path.join(ROOT, "src", "web", "route.c"))
    ap.add_argument("--base", help="URL of a running server, e.g. http://127.0.0.1:18000")
    ap.add_argument("--token", help="a bearer token of an admin account")
    ap.add_argument("--viewer-token", help="a bearer token of a viewer account (optional)")
    ap.add_argument("--bin", help="the fkigov binary, to compare findings and forecast with "
                    "the command line (with --db)")
    ap.add_argument("--db", help="the database the server uses (with --bin)")
    ap.add_argument("-v", "--verbose", action="store_true", help="print passing checks too")
    args = ap.parse_args()
    res = Result(args.verbose)
    try:
        with open(args.spec, encoding="utf-8") as f:
            doc = json.load(f)
    except (OSError, ValueError) as e:
        res.check(False, "static/openapi.json is readable JSON", str(e))
        print("%d passed, %d failed" % (res.passed, res.failed))
        return 1
    problems = validate_openapi(doc)
    for p in problems:
        res.check(False, "OpenAPI structure", p)
    res.check(not problems, "static/openapi.json is a valid OpenAPI 3.0 document")
    args.routes_table = None
    if os.path.exists(args.routes):
        args.routes_table = parse_routes(args.routes)
        check_routes(doc, args.routes_table, res)
    if args.base and not problems:
        if not args.token:
            ap.error("--base needs --token")
        try:
            live(doc, args, res)
        except (urllib.error.URLError, OSError) as e:
            res.check(False, "the server at " + args.base + " answers", str(e))
    print("%d passed, %d failed" % (res.passed, res.failed))
    return 1 if res.failed else 0


if __name__ == "__main__":
    sys.exit(main())
