"""Every route of the books API, through the Functions middleware and through Flask's client."""

import json

import pytest

PROBLEM_JSON = "application/problem+json"


def new_book(author, title="Middlemarch", year=1871):
    return {"title": title, "author": author, "year": year}


def create(api, book):
    reply = api.request("POST", "/books", json=book)
    assert reply.status == 201, reply.body
    return reply


def assert_problem(reply, status, detail=None):
    """An error answered as JSON problem details, never an HTML page."""
    assert reply.status == status
    assert reply.headers["Content-Type"] == PROBLEM_JSON
    problem = reply.json()
    assert problem["status"] == status
    assert problem["title"]
    assert problem["detail"] == detail if detail is not None else problem["detail"]
    return problem


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
    ("change", "field"),
    [
        ({"title": None}, "title"),
        ({"title": "   "}, "title"),
        ({"title": "x" * 201}, "title"),
        ({"author": ""}, "author"),
        ({"author": ["George Eliot"]}, "author"),
        ({"year": "1871"}, "year"),
        ({"year": 1871.5}, "year"),
        ({"year": True}, "year"),
        ({"year": 0}, "year"),
        ({"year": 2101}, "year"),
        ({"isbn": "978-0"}, "isbn"),
    ],
)
def test_invalid_field_returns_400_naming_the_field(api, author, change, field):
    reply = api.request("POST", "/books", json={**new_book(author), **change})

    problem = assert_problem(reply, 400, "The book is not valid.")
    (error,) = problem["errors"]
    assert error["field"] == field
    assert error["message"]


def test_missing_fields_are_all_reported(api):
    reply = api.request("POST", "/books", json={})

    problem = assert_problem(reply, 400)
    assert [e["field"] for e in problem["errors"]] == ["title", "author", "year"]


@pytest.mark.parametrize("body", [b'{"title": "Middlemarch",', b"not json", b""])
def test_body_that_is_not_json_returns_400(api, body):
    reply = api.request("POST", "/books", body=body, headers={"Content-Type": "application/json"})

    assert "JSON" in assert_problem(reply, 400)["detail"]


@pytest.mark.parametrize("payload", [[], "Middlemarch", 1871, None])
def test_json_that_is_not_an_object_returns_400(api, payload):
    body = json.dumps(payload).encode()

    reply = api.request("POST", "/books", body=body, headers={"Content-Type": "application/json"})

    assert_problem(reply, 400, "The body must be a JSON object.")


def test_body_without_json_content_type_returns_415(api):
    body = b'{"title": "Middlemarch", "author": "George Eliot", "year": 1871}'

    reply = api.request("POST", "/books", body=body, headers={"Content-Type": "text/plain"})

    assert "Content-Type" in assert_problem(reply, 415)["detail"]


# --- read ---------------------------------------------------------------------------------


def test_read_returns_the_created_book(api, author):
    created = create(api, new_book(author, title="Adam Bede", year=1859)).json()

    reply = api.request("GET", f"/books/{created['id']}")

    assert reply.status == 200
    assert reply.json() == created


def test_read_follows_the_location_header(api, author):
    location = create(api, new_book(author)).headers["Location"]

    assert api.request("GET", location).json()["author"] == author


def test_read_unknown_book_returns_404_with_a_message(api):
    reply = api.request("GET", "/books/999999")

    assert_problem(reply, 404, "There is no book 999999.")


@pytest.mark.parametrize("book_id", ["first", "-1", "1.5"])
def test_read_with_a_non_integer_id_returns_404(api, book_id):
    # <int:book_id> matches only digits: any other id is a path the app doesn't have.
    reply = api.request("GET", f"/books/{book_id}")

    assert_problem(reply, 404)


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
    ("query", "parameter"),
    [
        ("limit=0", "limit"),
        ("limit=101", "limit"),
        ("limit=ten", "limit"),
        ("limit=", "limit"),
        ("offset=-1", "offset"),
        ("offset=1e3", "offset"),
    ],
)
def test_invalid_number_in_query_returns_400(api, query, parameter):
    reply = api.request("GET", f"/books?{query}")

    (error,) = assert_problem(reply, 400, "A query parameter is not valid.")["errors"]
    assert error["field"] == parameter


def test_empty_author_returns_400(api):
    reply = api.request("GET", "/books?author=")

    assert "author" in assert_problem(reply, 400)["detail"]


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

    assert_problem(reply, 404, f"There is no book {book_id}.")


# --- what no route handles ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("method", "path", "allowed"),
    [("PUT", "/books/1", {"GET", "DELETE"}), ("DELETE", "/books", {"GET", "POST"})],
)
def test_method_a_route_does_not_have_returns_405_with_allow(api, method, path, allowed):
    reply = api.request(method, path)

    assert_problem(reply, 405)
    # Flask lists every method of the path, with the HEAD and OPTIONS it adds itself.
    assert set(reply.headers["Allow"].split(", ")) == allowed | {"HEAD", "OPTIONS"}


@pytest.mark.parametrize("path", ["/", "/authors", "/books/1/chapters", "/api/books", "/static/x"])
def test_unknown_path_returns_404_as_json(api, path):
    reply = api.request("GET", path)

    assert_problem(reply, 404)
