"""Input a hostile caller might send: each gets a 4xx whose body is valid JSON, never a 500."""

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
def test_non_finite_number_returns_422_that_is_valid_json(api, field, number):
    values = {"title": '"Middlemarch"', "author": '"George Eliot"', "year": "1871", field: number}

    reply = post_raw(api, BOOK.format(**values))

    assert reply.status == 422
    (error,) = strict_json(reply.body)["detail"]
    assert error["loc"] == ["body", field]
    assert "input" not in error  # JSON can't repeat it


def test_non_finite_number_in_an_unknown_field_returns_422(api):
    reply = post_raw(api, '{"title": "A", "author": "B", "year": 1871, "rating": NaN}')

    assert reply.status == 422
    (error,) = strict_json(reply.body)["detail"]
    assert error["type"] == "extra_forbidden"


@pytest.mark.parametrize("year", ['"1871"', "true", "1871.0"])
def test_year_must_be_a_json_integer(api, year):
    reply = post_raw(api, BOOK.format(title='"A"', author='"B"', year=year))

    assert reply.status == 422
    (error,) = strict_json(reply.body)["detail"]
    assert error["loc"] == ["body", "year"]
    assert error["type"] == "int_type"


@pytest.mark.parametrize("depth", [900, 5_000, 100_000])
def test_deeply_nested_json_returns_4xx(api, depth):
    # Python's parser gives up at a depth that depends on the version (FastAPI answers 400);
    # below it, the body parses and the 422 leaves the nested value out.
    nested = "[" * depth + "]" * depth

    for body in (nested, f'{{"title": "A", "author": "B", "year": 1871, "x": {nested}}}'):
        reply = post_raw(api, body)

        assert reply.status in (400, 422), reply.body[:200]
        assert strict_json(reply.body)["detail"]


def test_year_with_thousands_of_digits_returns_4xx(api):
    # Up to 4300 digits Python reads the number and the year is out of range; beyond it,
    # Python's int/str conversion limit makes the body unreadable: FastAPI answers 400.
    for digits, status in ((4300, 422), (5000, 400)):
        reply = post_raw(api, BOOK.format(title='"A"', author='"B"', year="9" * digits))

        assert reply.status == status
        assert strict_json(reply.body)["detail"]


@pytest.mark.parametrize("digits", [19, 4300, 5000])
def test_book_id_with_many_digits_returns_4xx(api, digits):
    for method in ("GET", "DELETE"):
        reply = api.request(method, f"/books/{'9' * digits}")

        assert 400 <= reply.status < 500
        assert strict_json(reply.body)["detail"]
