"""Books kept in memory, with no web framework in sight.

The memory belongs to one worker process: books vanish when it restarts, and each instance
of a scaled-out app has its own. A real app keeps them in a database.
"""

import itertools
import threading
from dataclasses import dataclass


@dataclass(frozen=True)
class Book:
    id: int
    title: str
    author: str
    year: int


class BookStore:
    def __init__(self) -> None:
        self._books: dict[int, Book] = {}
        self._next_id = itertools.count(1)
        self._lock = threading.Lock()

    def add(self, title: str, author: str, year: int) -> Book:
        with self._lock:
            book = Book(next(self._next_id), title, author, year)
            self._books[book.id] = book
        return book

    def get(self, book_id: int) -> Book | None:
        return self._books.get(book_id)

    def find(self, author: str | None, limit: int, offset: int) -> tuple[list[Book], int]:
        """Books in the order they were added, optionally by one author (any case)."""
        with self._lock:
            books = list(self._books.values())
        if author is not None:
            books = [b for b in books if b.author.casefold() == author.casefold()]
        return books[offset : offset + limit], len(books)

    def delete(self, book_id: int) -> bool:
        with self._lock:
            return self._books.pop(book_id, None) is not None
