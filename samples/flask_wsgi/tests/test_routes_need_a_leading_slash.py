"""A Flask rule without its leading "/" is refused as soon as the module defining it runs."""

import pytest
from flask import Blueprint, Flask


# --8<-- [start:rule-without-slash]
def test_rule_without_leading_slash_fails_at_import():
    app = Flask(__name__)

    # This runs when function_app.py is imported: the worker finds no function at all.
    with pytest.raises(ValueError, match="must start with a slash"):

        @app.route("hello/<name>")
        def hello(name: str) -> str:
            return f"Hello, {name}!"


def test_blueprint_prefix_supplies_the_slash():
    books = Blueprint("books", __name__, url_prefix="/books")

    @books.get("<int:book_id>")
    def read(book_id: int) -> str:
        return str(book_id)

    app = Flask(__name__)
    app.register_blueprint(books)

    assert app.test_client().get("/books/7").get_data() == b"7"


# --8<-- [end:rule-without-slash]
