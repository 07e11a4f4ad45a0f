"""Serve function_app on 127.0.0.1 for the whole session, as the worker does in streams mode."""

import httpx
import pytest
from local_host import LocalHost

import function_app


@pytest.fixture(scope="session")
def host():
    try:
        server = LocalHost(function_app.app).start()
    except (OSError, RuntimeError) as exc:
        pytest.fail(f"Couldn't serve function_app on 127.0.0.1: {exc}")
    yield server
    server.stop()


@pytest.fixture
def http(host):
    """A plain httpx client for the local host, with a timeout so no test can hang."""
    with httpx.Client(base_url=host.base_url, timeout=httpx.Timeout(10.0)) as client:
        yield client


@pytest.fixture(autouse=True)
def nothing_left_running(request):
    """After each test: no request still being handled, and no exception escaped (no 500)."""
    host = request.getfixturevalue("host") if "host" in request.fixturenames else None
    yield
    if host is None:
        return
    assert host.log.wait_until_idle(5), "a request was still being handled 5 s after the test"
    escaped, host.log.errors[:] = list(host.log.errors), []
    assert not escaped, f"exceptions escaped from the functions: {escaped!r}"
