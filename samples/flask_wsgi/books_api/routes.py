"""The /books endpoints, as a Flask blueprint."""

from dataclasses import asdict

from flask import Blueprint, abort, current_app, request, url_for

from books_api.store import BookStore
from books_api.validation import int_arg, parse_new_book


def store() -> BookStore:
    return current_app.extensions["book_store"]


# --8<-- [start:books-blueprint]
# Rules start with "/". On the app itself, Flask refuses "books/<int:book_id>" at import.
books = Blueprint("books", __name__, url_prefix="/books")


@books.post("")
def create_book():
    # get_json() answers 415 unless Content-Type is JSON, and 400 if the body isn't JSON.
    new_book = parse_new_book(request.get_json())
    book = store().add(**new_book)
    return asdict(book), 201, {"Location": url_for("books.read_book", book_id=book.id)}


@books.get("")
def list_books():
    author = request.args.get("author")
    if author is not None and not 1 <= len(author) <= 100:
        abort(400, description="The author parameter must have 1 to 100 characters.")
    limit = int_arg(request.args, "limit", default=20, allowed=range(1, 101))
    offset = int_arg(request.args, "offset", default=0, allowed=range(0, 1_000_000))
    found, total = store().find(author, limit, offset)
    return {"items": [asdict(b) for b in found], "total": total, "limit": limit, "offset": offset}


@books.get("/<int:book_id>")
def read_book(book_id: int):
    book = store().get(book_id)
    if book is None:
        abort(404, description=f"There is no book {book_id}.")
    return asdict(book)


@books.delete("/<int:book_id>")
def delete_book(book_id: int):
    if not store().delete(book_id):
        abort(404, description=f"There is no book {book_id}.")
    return "", 204


# --8<-- [end:books-blueprint]
