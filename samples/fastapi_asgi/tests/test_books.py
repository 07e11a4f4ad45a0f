"""Every route of the books API, through the Functions middleware and through TestClient."""

import pytest


def new_book(author, title="Middlemarch", year=1871):
    return {"title": title, "author": author, "year": year}


def create(api, book):
    reply = api.request("POST", "/books", json=book)
    assert reply.status == 201, reply.body
    return reply


# --- create -------------------------------------------------------------------------------


def test_create_returns_201_the_book_and_its_location(api, author):
    reply = create(api, new_book(author))

    book = reply.json()
    assert book == {"id": book["id"], **new_book(author)}
    assert isinstance(book["id"], int)
    assert reply.headers["Location"] == f"/books/{book['id']}"
    assert reply.headers["Content-Type"] == "application/json"


def test_create_trims_spaces_around_text(api, author):
    reply = create(api, new_book(f"  {author} ", title=" Silas Marner\t"))

    assert reply.json()["author"] == author
    assert reply.json()["title"] == "Silas Marner"


def test_each_new_book_gets_a_new_id(api, author):
    first = create(api, new_book(author)).json()
    second = create(api, new_book(author)).json()

    assert first["id"] != second["id"]


@pytest.mark.parametrize(
    ("change", "field", "error_type"),
    [
        ({"title": None}, "title", "string_type"),
        ({"title": "   "}, "title", "string_too_short"),
        ({"title": "x" * 201}, "title", "string_too_long"),
        ({"author": ""}, "author", "string_too_short"),
        ({"year": "nineteen"}, "year", "int_type"),
        ({"year": 0}, "year", "greater_than_equal"),
        ({"year": 2101}, "year", "less_than_equal"),
        ({"isbn": "978-0"}, "isbn", "extra_forbidden"),
    ],
)
def test_invalid_field_returns_422_naming_the_field(api, author, change, field, error_type):
    reply = api.request("POST", "/books", json={**new_book(author), **change})

    assert reply.status == 422
    (error,) = reply.json()["detail"]
    assert error["loc"] == ["body", field]
    assert error["type"] == error_type
    assert error["msg"]


def test_missing_fields_are_all_reported(api):
    reply = api.request("POST", "/books", json={})

    assert reply.status == 422
    errors = reply.json()["detail"]
    assert {(e["loc"][-1], e["type"]) for e in errors} == {
        ("title", "missing"),
        ("author", "missing"),
        ("year", "missing"),
    }


@pytest.mark.parametrize("body", [b'{"title": "Middlemarch",', b"not json", b""])
def test_body_that_is_not_json_returns_422(api, body):
    headers = {"Content-Type": "application/json"}

    reply = api.request("POST", "/books", body=body, headers=headers)

    assert reply.status == 422
    assert reply.json()["detail"][0]["msg"]


def test_json_array_instead_of_object_returns_422(api, author):
    reply = api.request("POST", "/books", json=[new_book(author)])

    assert reply.status == 422
    assert reply.json()["detail"][0]["loc"] == ["body"]


def test_body_without_json_content_type_returns_422(api, author):
    body = b'{"title": "Middlemarch", "author": "George Eliot", "year": 1871}'

    reply = api.request("POST", "/books", body=body, headers={"Content-Type": "text/plain"})

    assert reply.status == 422
    assert reply.json()["detail"][0]["type"] == "model_attributes_type"


# --- read ---------------------------------------------------------------------------------


def test_read_follows_the_location_header(api, author):
    location = create(api, new_book(author)).headers["Location"]

    assert api.request("GET", location).json()["author"] == author


# --8<-- [start:test-read-book]
def test_read_returns_the_created_book(api, author):
    created = create(api, new_book(author, title="Adam Bede", year=1859)).json()

    reply = api.request("GET", f"/books/{created['id']}")

    assert reply.status == 200
    assert reply.json() == created


def test_read_unknown_book_returns_404_with_a_message(api):
    reply = api.request("GET", "/books/999999")

    assert reply.status == 404
    assert reply.json() == {"detail": "There is no book 999999."}


# --8<-- [end:test-read-book]


def test_read_with_a_non_integer_id_returns_422(api):
    reply = api.request("GET", "/books/first")

    assert reply.status == 422
    (error,) = reply.json()["detail"]
    assert error["loc"] == ["path", "book_id"]
    assert error["type"] == "int_parsing"


# --- list ---------------------------------------------------------------------------------


def test_list_filters_by_author_in_any_case(api, author):
    mine = [create(api, new_book(author, title=t)).json() for t in ("Romola", "Felix Holt")]
    create(api, new_book(f"Not {author}"))

    reply = api.request("GET", f"/books?author={author.upper().replace(' ', '%20')}")

    assert reply.status == 200
    assert reply.json() == {"items": mine, "total": 2, "limit": 20, "offset": 0}


def test_list_pages_with_limit_and_offset(api, author):
    books = [create(api, new_book(author, title=f"Volume {n}")).json() for n in range(1, 6)]

    reply = api.request("GET", f"/books?author={author}&limit=2&offset=3")

    page = reply.json()
    assert page["items"] == books[3:5]
    assert (page["total"], page["limit"], page["offset"]) == (5, 2, 3)


def test_list_beyond_the_last_book_is_an_empty_page(api, author):
    create(api, new_book(author))

    page = api.request("GET", f"/books?author={author}&offset=10").json()

    assert page["items"] == []
    assert page["total"] == 1


def test_list_without_parameters_uses_the_defaults(api, author):
    create(api, new_book(author))

    page = api.request("GET", "/books").json()

    assert (page["limit"], page["offset"]) == (20, 0)
    assert page["total"] >= 1
    assert len(page["items"]) == min(page["total"], 20)


@pytest.mark.parametrize(
    ("query", "parameter", "error_type"),
    [
        ("limit=0", "limit", "greater_than_equal"),
        ("limit=101", "limit", "less_than_equal"),
        ("limit=ten", "limit", "int_parsing"),
        ("offset=-1", "offset", "greater_than_equal"),
        ("author=", "author", "string_too_short"),
    ],
)
def test_invalid_query_parameter_returns_422(api, query, parameter, error_type):
    reply = api.request("GET", f"/books?{query}")

    assert reply.status == 422
    (error,) = reply.json()["detail"]
    assert error["loc"] == ["query", parameter]
    assert error["type"] == error_type


# --- delete -------------------------------------------------------------------------------


def test_delete_returns_204_and_the_book_is_gone(api, author):
    book_id = create(api, new_book(author)).json()["id"]

    reply = api.request("DELETE", f"/books/{book_id}")

    assert reply.status == 204
    assert reply.body == b""
    assert api.request("GET", f"/books/{book_id}").status == 404
    assert api.request("GET", f"/books?author={author}").json()["total"] == 0


def test_delete_twice_returns_404_the_second_time(api, author):
    book_id = create(api, new_book(author)).json()["id"]
    api.request("DELETE", f"/books/{book_id}")

    reply = api.request("DELETE", f"/books/{book_id}")

    assert reply.status == 404
    assert reply.json() == {"detail": f"There is no book {book_id}."}


# --- what no route handles ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("method", "path", "allowed"),
    [("PUT", "/books/1", {"GET", "DELETE"}), ("DELETE", "/books", {"GET", "POST"})],
)
def test_method_a_route_does_not_have_returns_405_with_allow(api, method, path, allowed):
    reply = api.request(method, path)

    assert reply.status == 405
    assert reply.json() == {"detail": "Method Not Allowed"}
    # Starlette names the methods of the first route on that path only: some, never a wrong one.
    assert set(reply.headers["Allow"].split(", ")) <= allowed


@pytest.mark.parametrize("path", ["/", "/authors", "/books/1/chapters", "/api/books"])
def test_unknown_path_returns_404(api, path):
    reply = api.request("GET", path)

    assert reply.status == 404
    assert reply.json() == {"detail": "Not Found"}


# --- the OpenAPI description and the docs page --------------------------------------------


def test_openapi_describes_every_route(api):
    reply = api.request("GET", "/openapi.json")

    assert reply.status == 200
    paths = reply.json()["paths"]
    assert {path: set(ops) for path, ops in paths.items()} == {
        "/books": {"get", "post"},
        "/books/{book_id}": {"get", "delete"},
    }


def test_docs_page_is_swagger_ui_on_the_openapi_description(api):
    reply = api.request("GET", "/docs")

    assert reply.status == 200
    assert reply.headers["Content-Type"].startswith("text/html")
    assert b"swagger-ui" in reply.body
    assert b"/openapi.json" in reply.body
