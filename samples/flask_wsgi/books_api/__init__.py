"""The books API: a Flask app that knows nothing about Azure Functions."""

from books_api.app import create_app

__all__ = ["create_app"]
