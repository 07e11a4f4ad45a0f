"""Create, read, list and query products through the functions, against a real server."""

import pytest


def test_create_returns_201_and_the_product(api, new_product):
    product = new_product()

    answer = api.create(product)

    assert answer.status == 201
    assert answer.body == product  # Cosmos DB's system properties (_etag, _rid...) left out


def test_created_product_reads_back(api, new_product):
    product = new_product(name="Saw", price=20)
    api.create(product)

    answer = api.read(product["category"], product["id"])

    assert answer.status == 200
    assert answer.body == product


def test_duplicate_id_in_the_same_category_returns_409(api, new_product):
    product = new_product()
    api.create(product)

    answer = api.create(product | {"name": "Another name"})

    assert answer.status == 409
    assert product["id"] in answer.body["error"]
    assert api.read(product["category"], product["id"]).body["name"] == product["name"]


def test_same_id_in_another_category_is_another_product(api, new_product):
    # An id is unique within a partition key value, not across the container.
    first = new_product()
    second = new_product(id=first["id"], name="Wrench")
    assert api.create(first).status == 201

    assert api.create(second).status == 201
    assert api.read(second["category"], second["id"]).body["name"] == "Wrench"


def test_missing_id_returns_404(api, new_product):
    product = new_product()
    api.create(product)

    answer = api.read(product["category"], "no-such-id")

    assert answer.status == 404
    assert "no-such-id" in answer.body["error"]


def test_reading_with_the_wrong_category_returns_404(api, new_product):
    # A point read needs the partition key: the same id under another category isn't found.
    product = new_product()
    api.create(product)

    assert api.read("some-other-category", product["id"]).status == 404


def test_list_returns_created_products(api, new_product):
    products = [new_product(), new_product(name="Pliers")]
    for product in products:
        api.create(product)

    answer = api.list()

    assert answer.status == 200
    for product in products:
        assert product in answer.body


def test_query_returns_the_category_sorted_by_name(api, new_product):
    category = new_product()["category"]
    names = ["Wrench", "Hammer", "Level"]
    for name in names:
        api.create(new_product(category=category, name=name))
    api.create(new_product(name="Hammer"))  # another category

    answer = api.query(category=category)

    assert answer.status == 200
    assert [product["name"] for product in answer.body] == sorted(names)
    assert {product["category"] for product in answer.body} == {category}


def test_query_by_name_within_a_category(api, new_product):
    category = new_product()["category"]
    hammer = new_product(category=category, name="Hammer")
    for product in (hammer, new_product(category=category, name="Saw")):
        api.create(product)

    answer = api.query(category=category, name="Hammer")

    assert answer.status == 200
    assert answer.body == [hammer]


def test_query_without_category_returns_400(api):
    answer = api.query(name="Hammer")

    assert answer.status == 400
    assert "category" in answer.body["error"]


VALID = {"id": "p1", "category": "tools", "name": "Hammer", "price": 12.5}


@pytest.mark.parametrize(
    ("body", "mentions"),
    [
        pytest.param(b"{not json", "JSON", id="not-json"),
        pytest.param(b"", "JSON", id="empty-body"),
        pytest.param([VALID], "JSON object", id="array"),
        pytest.param("Hammer", "JSON object", id="string"),
        pytest.param({"id": "p1", "name": "Hammer", "price": 1}, "category", id="no-category"),
        pytest.param(VALID | {"id": ""}, "id", id="empty-id"),
        pytest.param(VALID | {"id": 7}, "id", id="numeric-id"),
        pytest.param(VALID | {"id": "a/b"}, "id", id="slash-in-id"),
        pytest.param(VALID | {"id": "x" * 256}, "id", id="id-too-long"),
        pytest.param(VALID | {"name": "   "}, "name", id="blank-name"),
        pytest.param(VALID | {"price": "12"}, "price", id="price-as-text"),
        pytest.param(VALID | {"price": True}, "price", id="price-as-boolean"),
        pytest.param(VALID | {"price": -1}, "price", id="negative-price"),
        pytest.param(b'{"id": "p", "category": "t", "name": "n", "price": NaN}', "price", id="nan"),
        pytest.param(VALID | {"_etag": "x"}, "_etag", id="unknown-field"),
    ],
)
def test_invalid_body_returns_400_saying_what_is_wrong(api, body, mentions):
    answer = api.create(body)

    assert answer.status == 400
    assert mentions in answer.body["error"]
