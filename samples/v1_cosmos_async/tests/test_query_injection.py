"""Input that tries to rewrite the query is just a value that matches nothing."""

import pytest

import database

INJECTIONS = [
    "Hammer' OR '1'='1",
    'Hammer" OR "1"="1',
    "Hammer' OR true --",
    "x') OR (1=1",
]


@pytest.mark.parametrize("attack", INJECTIONS)
def test_injection_in_name_returns_no_extra_rows(api, new_product, attack):
    category = new_product()["category"]
    for name in ("Hammer", "Saw"):
        api.create(new_product(category=category, name=name))

    answer = api.query(category=category, name=attack)

    assert answer.status == 200
    assert answer.body == []  # with the text pasted into the query, both rows would come back


@pytest.mark.parametrize("attack", INJECTIONS)
def test_injection_in_category_returns_no_extra_rows(api, new_product, attack):
    for name in ("Hammer", "Saw"):
        api.create(new_product(name=name))

    answer = api.query(category=attack)

    assert answer.status == 200
    assert answer.body == []


def test_the_same_query_with_honest_input_finds_the_rows(api, new_product):
    # The injection tests would pass on a query that finds nothing at all: this one doesn't.
    category = new_product()["category"]
    api.create(new_product(category=category, name="Hammer"))

    assert [p["name"] for p in api.query(category=category, name="Hammer").body] == ["Hammer"]


def test_the_attack_works_on_a_query_pasted_together_from_text(api, new_product):
    # What the tests above guard against, shown on purpose: never write a query like this.
    category = new_product()["category"]
    for name in ("Hammer", "Saw"):
        api.create(new_product(category=category, name=name))
    unsafe = f"SELECT * FROM c WHERE c.category = '{category}' AND c.name = '{INJECTIONS[0]}'"

    rows = api.run(
        database.run(lambda c: database.collect(c.query_items(unsafe, partition_key=category), 10))
    )

    # Every row of the category comes back (and on the local test server, which ignores the
    # partition key of a query, every row of the container).
    assert {"Hammer", "Saw"} <= {row["name"] for row in rows}
