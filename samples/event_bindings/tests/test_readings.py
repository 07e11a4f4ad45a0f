"""Readings posted over HTTP: one event per reading, or a clear reason why not."""

import json

import pytest

from order_flow import readings


def test_one_reading_gives_one_event():
    events = readings.reading_events(b'{"device": "boiler-1", "value": 71.5}')

    assert [json.loads(e) for e in events] == [{"device": "boiler-1", "value": 71.5}]


def test_an_array_gives_one_event_per_reading_with_only_the_known_fields():
    body = json.dumps([{"device": "a", "value": 1, "extra": True}, {"device": "b", "value": 2.5}])

    events = readings.reading_events(body.encode())

    assert [json.loads(e) for e in events] == [
        {"device": "a", "value": 1},
        {"device": "b", "value": 2.5},
    ]


@pytest.mark.parametrize(
    "body, reason",
    [
        (b"", "must be JSON"),
        (b"\xff", "must be JSON"),
        (b"[" * 100_000, "must be JSON"),
        (b"42", "one reading or an array of 1 to 100"),
        (b"[]", "one reading or an array of 1 to 100"),
        (json.dumps([{"device": "a", "value": 1}] * 101).encode(), "array of 1 to 100"),
        (b'["a"]', "reading 0 must be a JSON object"),
        (b'{"value": 1}', "'device' must be"),
        (b'{"device": "a/b", "value": 1}', "'device' must be"),
        (b'{"device": "a", "value": "1"}', "'value' must be a number"),
        (b'{"device": "a", "value": false}', "'value' must be a number"),
        (b'{"device": "a", "value": NaN}', "finite"),
        (b'[{"device": "a", "value": 1}, {"device": "b", "value": 1e400}]', "reading 1: 'value'"),
    ],
)
def test_bad_bodies_are_refused_with_the_reason(body, reason):
    with pytest.raises(readings.InvalidReadings, match=reason):
        readings.reading_events(body)
