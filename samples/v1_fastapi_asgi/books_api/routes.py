"""The /books endpoints, as a FastAPI router."""

from typing import Annotated

from fastapi import APIRouter, Depends, HTTPException, Query, Request, Response, status

from books_api.models import Book, BookPage, NewBook
from books_api.store import BookStore


def get_store(request: Request) -> BookStore:
    """The store the lifespan hook created (see app.py)."""
    return request.state.store


Store = Annotated[BookStore, Depends(get_store)]

# Every path starts with "/": FastAPI accepts "books" too, but no request would ever match it.
router = APIRouter(prefix="/books", tags=["books"])


@router.post("", status_code=status.HTTP_201_CREATED)
async def create_book(new_book: NewBook, store: Store, response: Response) -> Book:
    book = store.add(new_book)
    response.headers["Location"] = f"/books/{book.id}"
    return book


@router.get("")
async def list_books(
    store: Store,
    author: Annotated[str | None, Query(min_length=1, max_length=100)] = None,
    limit: Annotated[int, Query(ge=1, le=100)] = 20,
    offset: Annotated[int, Query(ge=0)] = 0,
) -> BookPage:
    books, total = store.find(author, limit, offset)
    return BookPage(items=books, total=total, limit=limit, offset=offset)


@router.get("/{book_id}")
async def read_book(book_id: int, store: Store) -> Book:
    book = store.get(book_id)
    if book is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, detail=f"There is no book {book_id}.")
    return book


@router.delete("/{book_id}", status_code=status.HTTP_204_NO_CONTENT)
async def delete_book(book_id: int, store: Store) -> None:
    if not store.delete(book_id):
        raise HTTPException(status.HTTP_404_NOT_FOUND, detail=f"There is no book {book_id}.")
