"""The books API: a FastAPI app that knows nothing about Azure Functions."""

from books_api.app import create_app

__all__ = ["create_app"]
