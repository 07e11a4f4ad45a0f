"""What the API accepts and returns. FastAPI validates requests and documents them from these."""

from pydantic import BaseModel, ConfigDict, Field


class NewBook(BaseModel):
    """The JSON body of POST /books."""

    # Trim surrounding spaces, so "  " is an empty title; refuse fields the API doesn't know.
    model_config = ConfigDict(str_strip_whitespace=True, extra="forbid")

    title: str = Field(min_length=1, max_length=200, examples=["Middlemarch"])
    author: str = Field(min_length=1, max_length=100, examples=["George Eliot"])
    # strict: a JSON integer only. Otherwise pydantic turns "1871" into 1871 and true into 1.
    year: int = Field(
        strict=True, ge=1, le=2100, description="Year of first publication", examples=[1871]
    )


class Book(NewBook):
    id: int


class BookPage(BaseModel):
    """One page of GET /books: the books, and how many match in all."""

    items: list[Book]
    total: int
    limit: int
    offset: int
