"""Assemble the Flask app: its store, its error handlers and its blueprint."""

from flask import Flask
from flask.logging import default_handler

from books_api.errors import register_error_handlers
from books_api.routes import books
from books_api.store import BookStore


# --8<-- [start:create-app]
def create_app() -> Flask:
    app = Flask(__name__, static_folder=None)  # an API: no /static route
    app.extensions["book_store"] = BookStore()
    register_error_handlers(app)
    app.register_blueprint(books)
    # Send the app's log records to the root logger only: that's where the Functions worker
    # collects them. Without a root handler (in a script, say), Flask adds its own, which
    # writes to wsgi.errors, and the WSGI middleware turns anything written there into a
    # failure of that request and of every request after it.
    app.logger.removeHandler(default_handler)
    return app


# --8<-- [end:create-app]
