"""Input a hostile caller might send: each gets a 400 that says what's wrong, never a 500."""

import json

import pytest

import answers
import database
import products

VALID = {"id": "p1", "category": "tools", "name": "Hammer", "price": 12.5}


def raw(**fields: str) -> bytes:
    """A body with each field's JSON text as given, so it can hold NaN or a 400-digit number."""
    values = {name: json.dumps(value) for name, value in VALID.items()} | fields
    return ("{" + ", ".join(f'"{name}": {text}' for name, text in values.items()) + "}").encode()


def test_json_nested_too_deeply_returns_400(api):
    # json.loads raises RecursionError, not ValueError, past a depth that depends on the
    # Python version: 100 000 levels are past it on every version.
    answer = api.create(b"[" * 100_000 + b"]" * 100_000)

    assert answer.status == 400
    assert answer.body["error"] == "The body is JSON nested too deeply."


@pytest.mark.parametrize(
    "price", ["NaN", "Infinity", "-Infinity", "1e400", "1" + "0" * 400, "1000000001", "-0.5"]
)
def test_price_outside_the_range_returns_400(api, price):
    answer = api.create(raw(price=price))

    assert answer.status == 400
    assert answer.body["error"] == "'price' must be a number from 0 to 1000000000."


def test_highest_price_is_accepted(api, new_product):
    assert api.create(new_product(price=products.MAX_PRICE)).status == 201


BAD_KEYS = {
    "tab": "a\tb",
    "line-feed": "a\nb",
    "carriage-return": "a\rb",
    "other-control-character": "a\x01b",
    "trailing-space": "ab ",
    "trailing-newline": "ab\n",
    "leading-space": " ab",
    "slash": "a/b",
    "backslash": "a\\b",
    "question-mark": "a?b",
    "hash": "a#b",
    "dot": ".",
    "dot-dot": "..",
    "too-long": "x" * 256,
}


@pytest.mark.parametrize("field", ["id", "category"])
@pytest.mark.parametrize("value", BAD_KEYS.values(), ids=BAD_KEYS.keys())
def test_id_or_category_cosmos_db_refuses_returns_400_on_create(api, new_product, field, value):
    answer = api.create(new_product(**{field: value}))

    assert answer.status == 400
    assert answer.body["error"].startswith(f"'{field}' ")


@pytest.mark.parametrize("field", ["id", "category"])
@pytest.mark.parametrize("value", BAD_KEYS.values(), ids=BAD_KEYS.keys())
def test_id_or_category_cosmos_db_refuses_returns_400_on_read(api, field, value):
    route = {"category": "tools", "id": "p1"} | {field: value}

    answer = api.read(route["category"], route["id"])

    assert answer.status == 400
    assert answer.body["error"].startswith(f"'{field}' ")


def test_longest_id_and_category_round_trip(api, new_product):
    product = new_product(id="i" * 255, category="c" * 255)

    assert api.create(product).status == 201
    assert api.read(product["category"], product["id"]).body == product
    assert api.query(category=product["category"]).body == [product]


@pytest.mark.parametrize("value", BAD_KEYS.values(), ids=BAD_KEYS.keys())
def test_query_with_a_category_cosmos_db_refuses_returns_400(api, value):
    answer = api.query(category=value)

    assert answer.status == 400
    assert answer.body["error"].startswith("'category' ")


def test_query_with_a_name_too_long_returns_400(api):
    answer = api.query(category="tools", name="n" * 256)

    assert answer.status == 400
    assert answer.body["error"] == "'name' must be at most 255 characters long."


def test_a_request_cosmos_db_refuses_is_a_400_not_a_500(api):
    # The local server refuses a query whose WHERE clause doesn't name the partition key:
    # a real 400 from the server, which no function sends.
    async def unfiltered_query(container):
        items = container.query_items("SELECT * FROM c", partition_key="tools")
        return await database.collect(items, limit=1)

    with pytest.raises(database.RequestRefused, match="refused the request: 400") as raised:
        api.run(database.run(unfiltered_query))
    answer = answers.database_error(raised.value)

    assert answer.status_code == 400
    assert "Cosmos DB refused the request: 400" in json.loads(answer.get_body())["error"]
