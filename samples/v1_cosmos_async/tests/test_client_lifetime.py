"""One client per worker process, and a quick 503 when the database is out of reach."""

import asyncio
import socket
import time

import azure.cosmos
import pytest
from azure.cosmos import exceptions
from azure.cosmos.aio import CosmosClient

import database
from ListProducts import main as list_products

TIME_LIMIT_SECONDS = 2


@pytest.fixture
def no_client_yet(api):
    """Start and end the test with no cached client, as a newly started worker does."""
    api.run(database.close())
    yield
    api.run(database.close())


@pytest.fixture
def clients_made(monkeypatch, no_client_yet):
    """Every CosmosClient the app makes: the real client, counted."""
    made = []

    class CountedCosmosClient(CosmosClient):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            made.append(self)

    monkeypatch.setattr(database, "CosmosClient", CountedCosmosClient)
    return made


def test_invocations_reuse_one_client(api, new_product, clients_made):
    product = new_product()
    api.create(product)
    api.read(product["category"], product["id"])
    api.list()

    assert len(clients_made) == 1


def test_concurrent_first_invocations_make_one_client(api, clients_made):
    async def ten_at_once():
        requests = [list_products(api_request()) for _ in range(10)]
        return await asyncio.gather(*requests)

    answers = api.run(ten_at_once())

    assert [answer.status_code for answer in answers] == [200] * 10
    assert len(clients_made) == 1


def api_request():
    import azure.functions as func

    return func.HttpRequest("GET", "/api/products", body=b"")


@pytest.fixture
def refused_endpoint():
    """An HTTPS endpoint on loopback where nothing listens: connections are refused."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    return f"https://127.0.0.1:{port}/"


@pytest.fixture
def silent_endpoint():
    """An endpoint that accepts connections and never answers, like a hung server."""
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen()
        yield f"https://127.0.0.1:{listener.getsockname()[1]}/"


@pytest.mark.parametrize("endpoint", ["refused_endpoint", "silent_endpoint"])
def test_unreachable_database_returns_503_within_the_time_limit(
    api, no_client_yet, monkeypatch, request, endpoint
):
    monkeypatch.setenv("COSMOS_ENDPOINT", request.getfixturevalue(endpoint))
    monkeypatch.setenv("COSMOS_TIMEOUT_SECONDS", str(TIME_LIMIT_SECONDS))

    started = time.monotonic()
    answer = api.list()
    elapsed = time.monotonic() - started

    assert answer.status == 503
    assert "Cosmos DB" in answer.body["error"]
    assert answer.headers["Retry-After"] == "5"
    assert elapsed < TIME_LIMIT_SECONDS + 1.5


def test_after_an_outage_the_next_invocation_connects(
    api, no_client_yet, monkeypatch, refused_endpoint, app_settings
):
    monkeypatch.setenv("COSMOS_ENDPOINT", refused_endpoint)
    assert api.list().status == 503

    monkeypatch.setenv("COSMOS_ENDPOINT", app_settings["COSMOS_ENDPOINT"])

    # The failed first connection left nothing cached, so this one starts afresh.
    assert api.list().status == 200


@pytest.mark.parametrize("call", ["create", "read", "query"])
def test_every_function_answers_503_when_the_database_is_unreachable(
    api, no_client_yet, monkeypatch, refused_endpoint, new_product, call
):
    monkeypatch.setenv("COSMOS_ENDPOINT", refused_endpoint)
    monkeypatch.setenv("COSMOS_TIMEOUT_SECONDS", str(TIME_LIMIT_SECONDS))
    product = new_product()
    calls = {
        "create": lambda: api.create(product),
        "read": lambda: api.read(product["category"], product["id"]),
        "query": lambda: api.query(category=product["category"]),
    }

    answer = calls[call]()

    assert answer.status == 503
    assert "Cosmos DB" in answer.body["error"]


def test_a_missing_setting_names_the_setting(monkeypatch):
    monkeypatch.delenv("COSMOS_ENDPOINT", raising=False)

    with pytest.raises(RuntimeError, match="COSMOS_ENDPOINT is missing"):
        database.setting("COSMOS_ENDPOINT")


def answered_by_server(status: int):
    """An operation the server answers with this status code."""

    async def operation(container):
        raise exceptions.CosmosHttpResponseError(status_code=status, message=f"Status {status}")

    return operation


def test_a_503_from_the_server_means_unavailable(api):
    with pytest.raises(database.DatabaseUnavailable, match="unavailable"):
        api.run(database.run(answered_by_server(503)))


def test_409_reaches_the_function(api):
    with pytest.raises(exceptions.CosmosHttpResponseError) as raised:
        api.run(database.run(answered_by_server(409)))

    assert raised.value.status_code == 409


def test_a_deleted_container_is_created_again(api, new_product, app_settings):
    product = new_product()
    assert api.create(product).status == 201
    endpoint, key = app_settings["COSMOS_ENDPOINT"], app_settings["COSMOS_KEY"]
    with azure.cosmos.CosmosClient(endpoint, credential=key) as client:
        database_client = client.get_database_client(app_settings["COSMOS_DATABASE"])
        database_client.delete_container(app_settings["COSMOS_CONTAINER"])

    # Outside a point read, a 404 means the container is gone: 503, and the client is
    # forgotten, so the next call creates the container again.
    gone = api.list()
    assert gone.status == 503
    assert "container is missing" in gone.body["error"]
    assert api.list().status == 200
    assert api.create(product).status == 201


@pytest.mark.parametrize("status", [401, 403, 429, 500])
def test_errors_the_caller_cannot_fix_mean_unavailable(api, status):
    with pytest.raises(database.DatabaseUnavailable, match=f"unavailable \\({status}\\)"):
        api.run(database.run(answered_by_server(status)))


@pytest.mark.parametrize("status", [400, 413, 414, 431])
def test_other_4xx_mean_the_request_was_refused(api, status):
    with pytest.raises(database.RequestRefused, match=f"refused the request: {status}"):
        api.run(database.run(answered_by_server(status)))
