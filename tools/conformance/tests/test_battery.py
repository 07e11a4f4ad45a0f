"""The malformed requests battery.py derives from a function's route and example request."""

import importlib.util
import sys
from pathlib import Path

HARNESS_DIR = Path(__file__).resolve().parent.parent
spec = importlib.util.spec_from_file_location("battery", HARNESS_DIR / "battery.py")
battery = sys.modules["battery"] = importlib.util.module_from_spec(spec)
spec.loader.exec_module(battery)


def by_label(probes):
    return {p.label: p for p in probes}


def test_route_query_and_header_values_are_replaced_one_at_a_time():
    example = {
        "method": "GET",
        "path": "/api/products/tools/hammer-1",
        "query": {"limit": "5"},
        "headers": {"X-Salutation": "Welcome"},
    }
    params = {"category": "tools", "id": "hammer-1"}

    probes = by_label(battery.probes(["GET"], "api/products/{category}/{id}", example, params))

    assert "method POST" not in probes  # the host answers a method the function refuses
    slash = probes["route id slash"]
    assert slash.path == "/api/products/tools/a%2Fb"
    assert slash.route_params == {"category": "tools", "id": "a/b"}
    assert probes["route category dot-dot"].path == "/api/products/../hammer-1"
    assert probes["query limit missing"].query == {}
    assert probes["query limit NaN"].query == {"limit": "NaN"}
    assert probes["header X-Salutation very long"].headers == {"X-Salutation": "x" * 4096}
    assert probes["header X-Salutation missing"].headers == {}
    assert not any(label.startswith(("json", "body", "content type")) for label in probes)


def test_json_keys_get_raw_values_and_the_body_is_malformed_whole():
    example = {"method": "POST", "path": "/books", "json": {"title": "M", "year": 1871}}

    probes = by_label(battery.probes([], "{*route}", example, {"route": "books"}))

    assert probes["json year NaN"].body == b'{"title": "M", "year": NaN}'
    assert probes["json year huge integer"].body == b'{"title": "M", "year": ' + b"9" * 5000 + b"}"
    assert probes["json title missing"].body == b'{"year": 1871}'
    assert probes["body deeply nested lists"].body.startswith(b"[[[[")
    assert probes["body empty"].headers == {"Content-Type": "application/json"}
    assert probes["content type missing"].headers == {}
    assert probes["content type xml"].headers == {"Content-Type": "application/xml"}
    # A catch-all route accepts any method and any path below it.
    assert {"method GET", "method PUT", "method PATCH", "method DELETE"} <= set(probes)
    unknown = probes["path unknown"]
    assert (unknown.path, unknown.route_params) == (
        "/books/no-such-path",
        {"route": "books/no-such-path"},
    )


def test_the_same_example_gives_the_same_requests():
    example = {"method": "POST", "path": "/api/hello", "json": {"name": "Grace"}}

    first = battery.probes(["GET", "POST"], "api/hello", example, {})
    second = battery.probes(["GET", "POST"], "api/hello", example, {})

    assert first == second
    assert len({p.label for p in first}) == len(first)


def test_status_classes():
    assert [battery.status_class(s) for s in (200, 302, 404, 500, None)] == [
        "2xx",
        "3xx",
        "4xx",
        "5xx",
        "no answer",
    ]
