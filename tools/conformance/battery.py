"""The bad-input battery: malformed requests derived from an HTTP function's route and example.

host.py sends each request this module derives through the real worker, after the examples,
and counts the answers by status class. Every sample promises a clear 4xx for bad input, so a
5xx (or an invocation the worker fails, which the host answers with 500) or no answer in time
breaks that promise. Which requests: for each HTTP function, starting from its first example
in tests/invocations.json,
- the other methods the function accepts (all of them for a catch-all route);
- each query parameter, header and route parameter of the example missing, and one extra;
- each query parameter and route parameter given bad values: empty, words, negative, zero,
  fractions, huge numbers, NaN and Infinity, control characters, `..`, `/`, quotes, very long;
- each header given bad values (those an HTTP server would still pass on);
- for a JSON body: each top-level key missing or given a value of each JSON type, huge numbers,
  NaN/Infinity, 1e400, very long strings; then the whole body malformed, empty, `null`, a scalar,
  a list, nested far deeper than any parser's recursion limit, oversized, not UTF-8, and sent
  with a wrong or missing content type;
- for a catch-all route (`{*route}`, the ASGI and WSGI apps): paths beside the example's, with
  `..`, encoded slashes and NUL, very long segments, and one that doesn't exist.
The requests are the same on every run, so the counts in the manifest only change when a
sample's answers do.
"""

from __future__ import annotations

import json
import urllib.parse
from dataclasses import dataclass, field

METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"]
LONG = "x" * 4096  # longer than most limits a sample sets, shorter than the host's URL limit
HUGE_DIGITS = "9" * 5000  # beyond Python's default int/str conversion limit (4300 digits)
LIMIT_DIGITS = "9" * 4300  # at the limit: it parses, but twice it has 4301 digits to print
NESTING = 100_000  # deeper than any recursion limit
OVERSIZED_BYTES = 4 * 1024 * 1024

# Text values for query strings and route parameters.
BAD_TEXT = {
    "empty": "",
    "word": "abc",
    "negative": "-1",
    "zero": "0",
    "fraction": "1.5",
    "huge integer": HUGE_DIGITS,
    "integer at the digit limit": LIMIT_DIGITS,
    "1e400": "1e400",
    "NaN": "NaN",
    "Infinity": "Infinity",
    "control characters": "a\x00\x01\x1f\x7fb",
    "newline": "a\r\nb",
    "trailing space": "abc ",
    "dot-dot": "..",
    "path traversal": "../../etc/passwd",
    "slash": "a/b",
    "quotes": "'\"; --",
    "unicode": "é😀\u202e",
    "very long": LONG,
}
# Header values an HTTP server still passes on (no control characters, ASCII only).
BAD_HEADER = {
    "empty": "",
    "word": "abc",
    "huge integer": HUGE_DIGITS,
    "path traversal": "../../etc/passwd",
    "quotes": "'\"; --",
    "very long": LONG,
}
# Raw JSON texts for the value of one key of the example's JSON object.
BAD_JSON_VALUES = {
    "null": "null",
    "true": "true",
    "false": "false",
    "string": '"abc"',
    "numeric string": '"1871"',
    "empty string": '""',
    "zero": "0",
    "negative": "-1",
    "fraction": "1.5",
    "huge integer": HUGE_DIGITS,
    "integer at the digit limit": LIMIT_DIGITS,
    "1e400": "1e400",
    "NaN": "NaN",
    "Infinity": "Infinity",
    "-Infinity": "-Infinity",
    "list": "[]",
    "object": "{}",
    "nested": '{"a": [1, {"b": null}]}',
    "control characters": json.dumps("a\x00\x01\x1fb"),
    "path traversal": json.dumps("../../etc/passwd"),
    "slash": json.dumps("a/b"),
    "very long string": json.dumps("x" * 1_000_000),
    "huge integer string": json.dumps(HUGE_DIGITS),
}
# Whole bodies, sent as JSON.
BAD_BODIES = {
    "malformed JSON": b'{"a": ',
    "empty": b"",
    "whitespace": b"   ",
    "null": b"null",
    "string": b'"abc"',
    "number": b"42",
    "NaN": b"NaN",
    "list": b"[]",
    "object": b"{}",
    "deeply nested lists": b"[" * NESTING + b"]" * NESTING,
    "deeply nested objects": b'{"a":' * NESTING + b"1" + b"}" * NESTING,
    "oversized": json.dumps({"data": "x" * OVERSIZED_BYTES}).encode(),
    "not UTF-8": b'{"a": "\xff\xfe"}',
    "byte order mark": b'\xef\xbb\xbf{"a": 1}',
    "duplicate keys": b'{"a": 1, "a": 2}',
    "trailing data": b"{} {}",
}
CONTENT_TYPES = {
    "text/plain": "text/plain",
    "form": "application/x-www-form-urlencoded",
    "xml": "application/xml",
    "bogus": "no/such; charset=nope",
    "json with bad charset": "application/json; charset=utf-42",
}
# Paths beside the example's, for a catch-all route.
BAD_PATHS = {
    "dot-dot": "/..",
    "dot-dot inside": "/../../etc/passwd",
    "encoded slash": "/a%2Fb",
    "encoded NUL": "/a%00b",
    "trailing slash": "/",
    "very long segment": "/" + LONG,
    "unknown": "/no-such-path",
}


@dataclass
class Probe:
    """One malformed request: what it breaks, and the request as the host would pass it on."""

    label: str
    method: str
    path: str  # with percent-encoding, as in the URL
    query: dict[str, str] = field(default_factory=dict)
    headers: dict[str, str] = field(default_factory=dict)
    body: bytes = b""
    route_params: dict[str, str] | None = None  # decoded; None: take them from the path


def json_object_text(items: list[tuple[str, str]]) -> bytes:
    """A JSON object from keys and raw JSON value texts (which may be NaN, 1e400, ...)."""
    return ("{" + ", ".join(f"{json.dumps(k)}: {v}" for k, v in items) + "}").encode()


def probes(
    methods: list[str],
    template: str,
    example: dict,
    route_params: dict[str, str],
) -> list[Probe]:
    """The malformed requests for one HTTP function.

    methods: what the trigger accepts (empty: any); template: the route with its prefix, as
    `api/products/{category}/{id}`; example: the entry's "request"; route_params: what the
    example's path gave each route parameter.
    """
    method = example.get("method", "GET").upper()
    path = "/" + example.get("path", "").lstrip("/")
    query = {k: str(v) for k, v in example.get("query", {}).items()}
    headers = {k: str(v) for k, v in example.get("headers", {}).items()}
    body = example.get("body", "").encode()
    if "json" in example:
        body = json.dumps(example["json"]).encode()
        if not any(k.lower() == "content-type" for k in headers):
            headers["Content-Type"] = "application/json"
    catch_all = next(
        (
            name
            for name in route_params
            if f"{{*{name}}}" in template or f"{{**{name}}}" in template
        ),
        None,
    )

    def probe(label: str, **changes) -> Probe:
        request = {
            "method": method,
            "path": path,
            "query": dict(query),
            "headers": dict(headers),
            "body": body,
        }
        request.update(changes)
        return Probe(label, **request)

    found = []
    accepted = methods or METHODS
    found += [probe(f"method {m}", method=m) for m in accepted if m != method]

    for name in query:
        found.append(probe(f"query {name} missing", query=without(query, name)))
        for label, value in BAD_TEXT.items():
            found.append(probe(f"query {name} {label}", query={**query, name: value}))
    found.append(probe("query extra parameter", query={**query, "unexpected": "1"}))

    for name in headers:
        found.append(probe(f"header {name} missing", headers=without(headers, name)))
        for label, value in BAD_HEADER.items():
            found.append(probe(f"header {name} {label}", headers={**headers, name: value}))
    found.append(probe("header extra", headers={**headers, "X-Unexpected": LONG}))

    for name, value in route_params.items():
        if name == catch_all:
            continue
        encoded = urllib.parse.quote(value, safe="")
        for label, bad in BAD_TEXT.items():
            if label == "empty":
                continue  # an empty segment doesn't match the route: the host answers 404
            bad_path = replace_segment(path, encoded, urllib.parse.quote(bad, safe=""))
            found.append(
                probe(
                    f"route {name} {label}",
                    path=bad_path,
                    route_params={**route_params, name: bad},
                )
            )
    if catch_all:
        base = path.rstrip("/")
        for label, suffix in BAD_PATHS.items():
            bad_path = base + suffix
            found.append(
                probe(
                    f"path {label}",
                    path=bad_path,
                    route_params={catch_all: urllib.parse.unquote(bad_path.lstrip("/"))},
                )
            )

    if "json" in example or body:
        document = example.get("json")
        if isinstance(document, dict):
            items = [(k, json.dumps(v)) for k, v in document.items()]
            for key in document:
                others = [(k, v) for k, v in items if k != key]
                found.append(probe(f"json {key} missing", body=json_object_text(others)))
                for label, raw in BAD_JSON_VALUES.items():
                    changed = [(k, raw if k == key else v) for k, v in items]
                    found.append(probe(f"json {key} {label}", body=json_object_text(changed)))
            found.append(
                probe("json extra key", body=json_object_text([*items, ("unexpected", "1")]))
            )
        json_headers = {**without_content_type(headers), "Content-Type": "application/json"}
        for label, bad_body in BAD_BODIES.items():
            found.append(probe(f"body {label}", body=bad_body, headers=json_headers))
        plain = without_content_type(headers)
        found.append(probe("content type missing", headers=plain))
        for label, content_type in CONTENT_TYPES.items():
            found.append(
                probe(f"content type {label}", headers={**plain, "Content-Type": content_type})
            )
    return found


def without(mapping: dict[str, str], name: str) -> dict[str, str]:
    return {k: v for k, v in mapping.items() if k != name}


def without_content_type(headers: dict[str, str]) -> dict[str, str]:
    return {k: v for k, v in headers.items() if k.lower() != "content-type"}


def replace_segment(path: str, old: str, new: str) -> str:
    """The path with the last segment equal to `old` replaced by `new`."""
    segments = path.split("/")
    index = max(i for i, s in enumerate(segments) if s == old)
    segments[index] = new
    return "/".join(segments)


def status_class(status: int | None) -> str:
    """How the manifest counts an answer: 2xx, 3xx, 4xx, 5xx, or no answer."""
    if status is None:
        return "no answer"
    return f"{status // 100}xx"
