"""Input a hostile caller might send: each gets a 4xx problem in valid JSON, never a 500."""

import json

import pytest


def strict_json(body: bytes):
    """Parse as strict JSON: NaN and Infinity, which Python's json module allows, are errors."""

    def refuse(constant):
        raise ValueError(f"{constant} is not JSON")

    return json.loads(body, parse_constant=refuse)


def post_raw(api, body: str):
    return api.request(
        "POST", "/books", body=body.encode(), headers={"Content-Type": "application/json"}
    )


BOOK = '{{"title": {title}, "author": {author}, "year": {year}}}'


@pytest.mark.parametrize("number", ["NaN", "Infinity", "-Infinity", "1e400", "-1e400"])
@pytest.mark.parametrize("field", ["title", "author", "year"])
def test_non_finite_number_returns_400_naming_the_field(api, field, number):
    values = {"title": '"Middlemarch"', "author": '"George Eliot"', "year": "1871", field: number}

    reply = post_raw(api, BOOK.format(**values))

    assert reply.status == 400
    assert [error["field"] for error in strict_json(reply.body)["errors"]] == [field]


@pytest.mark.parametrize("depth", [900, 100_000])
def test_deeply_nested_json_returns_400_at_any_depth(api, depth):
    # json.loads raises RecursionError, not ValueError, past a depth that depends on the
    # Python version; below it the body parses and fails validation.
    nested = "[" * depth + "]" * depth

    for body in (nested, f'{{"title": "A", "author": "B", "year": 1871, "x": {nested}}}'):
        reply = post_raw(api, body)

        assert reply.status == 400
        assert strict_json(reply.body)["detail"]


def test_json_too_deep_to_parse_says_so(api):
    reply = post_raw(api, "[" * 100_000 + "]" * 100_000)

    assert strict_json(reply.body)["detail"] == "The body is JSON nested too deeply to read."


def test_year_with_thousands_of_digits_returns_400(api):
    # Up to 4300 digits Python reads the number and the year is out of range; beyond it,
    # Python's int/str conversion limit makes the body unreadable.
    for digits in (4300, 5000):
        reply = post_raw(api, BOOK.format(title='"A"', author='"B"', year="9" * digits))

        assert reply.status == 400
        assert strict_json(reply.body)["detail"]


@pytest.mark.parametrize("digits", [19, 4300, 5000])
def test_book_id_with_many_digits_returns_4xx(api, digits):
    for method in ("GET", "DELETE"):
        reply = api.request(method, f"/books/{'9' * digits}")

        assert 400 <= reply.status < 500
        assert strict_json(reply.body)["detail"]
