"""A route path without its leading "/" registers, and then never matches a request."""

from fastapi import FastAPI
from fastapi.testclient import TestClient


# --8<-- [start:route-without-slash]
def test_route_without_leading_slash_never_matches():
    api = FastAPI()

    @api.get("hello/{name}")  # no leading "/": FastAPI accepts it without a word
    async def hello(name: str) -> dict:
        return {"message": f"Hello, {name}!"}

    with TestClient(api) as client:
        assert client.get("/hello/Ada").status_code == 404


def test_route_with_leading_slash_matches():
    api = FastAPI()

    @api.get("/hello/{name}")
    async def hello(name: str) -> dict:
        return {"message": f"Hello, {name}!"}

    with TestClient(api) as client:
        assert client.get("/hello/Ada").json() == {"message": "Hello, Ada!"}


# --8<-- [end:route-without-slash]
