import azure.functions as func
import pytest

from function_app import double_value


# --8<-- [start:test-double]
def test_double_returns_twice_the_value():
    req = func.HttpRequest(
        method="GET",
        url="/api/double",
        params={"value": "21"},
        body=b"",
    )

    resp = double_value(req)

    assert resp.status_code == 200
    assert resp.get_body() == b"21 * 2 = 42"


# --8<-- [end:test-double]


def test_negative_value_is_doubled():
    req = func.HttpRequest(method="GET", url="/api/double", params={"value": "-7"}, body=b"")

    resp = double_value(req)

    assert resp.status_code == 200
    assert resp.get_body() == b"-7 * 2 = -14"


# --8<-- [start:test-double-missing]
def test_missing_value_returns_400():
    req = func.HttpRequest(method="GET", url="/api/double", params={}, body=b"")

    resp = double_value(req)

    assert resp.status_code == 400
    assert b"'value' query parameter" in resp.get_body()


# --8<-- [end:test-double-missing]


@pytest.mark.parametrize("raw_value", ["abc", "2.5", "", "1e3"])
def test_non_integer_value_returns_400(raw_value):
    req = func.HttpRequest(method="GET", url="/api/double", params={"value": raw_value}, body=b"")

    resp = double_value(req)

    assert resp.status_code == 400
    assert b"must be an integer" in resp.get_body()


@pytest.mark.parametrize("digits", [101, 4300, 5000])
def test_integer_with_too_many_digits_returns_400(digits):
    # 4300 digits convert, but their double has 4301: Python refuses to print it.
    req = func.HttpRequest(
        method="GET", url="/api/double", params={"value": "9" * digits}, body=b""
    )

    resp = double_value(req)

    assert resp.status_code == 400
    assert b"at most 100 characters" in resp.get_body()


def test_longest_accepted_integer_is_doubled():
    req = func.HttpRequest(method="GET", url="/api/double", params={"value": "9" * 100}, body=b"")

    resp = double_value(req)

    assert resp.status_code == 200
    assert resp.get_body() == f"{'9' * 100} * 2 = {int('9' * 100) * 2}".encode()
