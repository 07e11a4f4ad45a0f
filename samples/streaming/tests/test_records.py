"""StreamRecords: readings streamed as NDJSON lines or server-sent events, in order."""

import json
import time

import pytest
from local_host import wait_for

FIRST_READINGS = [
    {"seq": 0, "sensor": "sensor-0", "celsius": 20.0},
    {"seq": 1, "sensor": "sensor-1", "celsius": 20.5},
    {"seq": 2, "sensor": "sensor-2", "celsius": 21.0},
]


def test_ndjson_lines_arrive_in_order_and_each_is_json(http):
    with http.stream("GET", "/records", params={"count": 250}) as response:
        assert response.status_code == 200
        assert response.headers["content-type"] == "application/x-ndjson"
        # No length known up front: the body goes out in chunks as it's produced.
        assert response.headers["transfer-encoding"] == "chunked"
        records = [json.loads(line) for line in response.iter_lines() if line]

    assert records[:3] == FIRST_READINGS
    assert [record["seq"] for record in records] == list(range(250))


def test_count_defaults_to_ten(http):
    with http.stream("GET", "/records") as response:
        lines = [line for line in response.iter_lines() if line]
    assert len(lines) == 10


def test_each_record_arrives_while_the_function_is_still_producing(http):
    arrivals = []
    start = time.monotonic()
    with http.stream("GET", "/records", params={"count": 6, "interval_ms": 200}) as response:
        for line in response.iter_lines():
            if line:
                arrivals.append(time.monotonic() - start)

    assert len(arrivals) == 6
    assert arrivals[-1] >= 1.0  # five pauses of 200 ms
    assert arrivals[0] < arrivals[-1] - 0.5  # the first came long before the stream ended


def test_server_sent_events_are_well_formed(http):
    with http.stream("GET", "/records", params={"count": 3, "format": "sse"}) as response:
        assert response.status_code == 200
        assert response.headers["content-type"].startswith("text/event-stream")
        assert response.headers["cache-control"] == "no-store"
        body = "".join(response.iter_text())

    *events, after_last = body.split("\n\n")
    assert after_last == ""  # every event ends with a blank line
    assert events[0] == (
        'id: 0\nevent: reading\ndata: {"seq": 0, "sensor": "sensor-0", "celsius": 20.0}'
    )
    assert [json.loads(event.split("data: ")[1]) for event in events[:3]] == FIRST_READINGS
    assert events[3] == 'event: end\ndata: {"count": 3}'


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"count": "0"}, "'count' must be between 1 and 100000, not 0."),
        ({"count": "-3"}, "'count' must be between 1 and 100000, not -3."),
        ({"count": "100001"}, "'count' must be between 1 and 100000, not 100001."),
        ({"count": "ten"}, "'count' must be a whole number, not 'ten'."),
        ({"count": "2.5"}, "'count' must be a whole number, not '2.5'."),
        ({"interval_ms": "-1"}, "'interval_ms' must be between 0 and 5000, not -1."),
        ({"interval_ms": "9000"}, "'interval_ms' must be between 0 and 5000, not 9000."),
        ({"format": "xml"}, "'format' must be 'ndjson' or 'sse', not 'xml'."),
    ],
)
def test_bad_parameters_get_400_with_a_message(http, params, message):
    response = http.get("/records", params=params)

    assert response.status_code == 400
    assert response.json() == {"error": message}


def test_a_client_that_leaves_mid_stream_stops_the_generator(http, host, caplog):
    params = {"count": 100_000, "interval_ms": 10}  # would run for over 15 minutes
    with http.stream("GET", "/records", params=params) as response:
        lines = response.iter_lines()
        assert json.loads(next(lines))["seq"] == 0
    # Leaving the block closed the connection with the stream far from done.

    assert host.log.wait_until_idle(5)
    assert wait_for(lambda: "readings: the client went away" in caplog.text, 5)


@pytest.mark.parametrize(("digits", "message"), [(4300, "between"), (5000, "whole number")])
def test_count_with_thousands_of_digits_gets_400(http, digits, message):
    # Python converts at most 4300 digits between int and text: past that int() raises
    # ValueError, which whole_number() reports like any other bad number.
    response = http.get("/records", params={"count": "9" * digits})

    assert response.status_code == 400
    assert message in response.json()["error"]
