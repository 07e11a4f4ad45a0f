"""TypedData notation: what the harness sends for each notation, and how it writes answers."""

import base64
import importlib.util
import json
import sys
from pathlib import Path

import pytest

HARNESS_DIR = Path(__file__).resolve().parent.parent
spec = importlib.util.spec_from_file_location("conformance_host", HARNESS_DIR / "host.py")
host = sys.modules["conformance_host"] = importlib.util.module_from_spec(spec)
spec.loader.exec_module(host)
protos = host.load_protos()


def test_each_notation_fills_its_typed_data_field():
    assert host.typed_data(protos, {"string": "a"}).string == "a"
    assert json.loads(host.typed_data(protos, {"json": {"IsPastDue": True}}).json) == {
        "IsPastDue": True
    }
    assert host.typed_data(protos, {"bytes": "é"}).bytes == "é".encode()
    assert host.typed_data(protos, {"bytes_base64": "AAE="}).bytes == b"\x00\x01"
    assert list(
        host.typed_data(protos, {"collection_string": ["a", "b"]}).collection_string.string
    ) == [
        "a",
        "b",
    ]
    assert host.typed_data(protos, None).WhichOneof("data") is None


def test_model_binding_data_carries_its_content_as_json_bytes():
    content = {"Connection": "AzureWebJobsStorage", "ContainerName": "inbox", "BlobName": "a.txt"}
    data = host.typed_data(
        protos,
        {
            "model_binding_data": {
                "version": "1.0",
                "source": "AzureStorageBlobs",
                "content_type": "application/json",
                "content": content,
            }
        },
    ).model_binding_data

    assert (data.version, data.source, data.content_type) == (
        "1.0",
        "AzureStorageBlobs",
        "application/json",
    )
    assert json.loads(data.content) == content


def test_model_binding_data_carries_binary_content_from_base64():
    amqp = b"\x00\x53\x75\xa0\x02\xff\x00"  # not UTF-8: a Service Bus or Event Hubs message
    mbd = {
        "version": "1.0",
        "source": "AzureServiceBusReceivedMessage",
        "content_type": "application/octet-stream",
        "content_base64": base64.b64encode(amqp).decode(),
    }

    data = host.typed_data(protos, {"model_binding_data": mbd}).model_binding_data

    assert (data.source, data.content_type, data.content) == (
        "AzureServiceBusReceivedMessage",
        "application/octet-stream",
        amqp,
    )


def test_collection_model_binding_data_carries_each_item_in_order():
    items = [
        {"version": "1.0", "source": "AzureEventHubsEventData", "content_base64": "AAE="},
        {"version": "1.0", "source": "AzureEventHubsEventData", "content": "two"},
    ]

    data = host.typed_data(protos, {"collection_model_binding_data": items})

    assert [m.content for m in data.collection_model_binding_data.model_binding_data] == [
        b"\x00\x01",
        b"two",
    ]


@pytest.mark.parametrize(
    "value",
    [
        {"text": "a"},
        {"string": 1},
        {"string": "a", "json": 1},
        "a",
        {"model_binding_data": {"x": 1}},
        {"model_binding_data": {"content": "a", "content_base64": "YQ=="}},
        {"model_binding_data": {"content_base64": "not base64!"}},
        {"model_binding_data": {"content_base64": 1}},
        {"collection_model_binding_data": [{"x": 1}]},
        {"collection_model_binding_data": ["a"]},
    ],
)
def test_malformed_notation_is_refused(value):
    with pytest.raises(host.NotationError):
        host.typed_data(protos, value)


def test_answers_are_written_back_in_notation():
    assert host.notation(protos.TypedData(string="a")) == {"string": "a"}
    assert host.notation(protos.TypedData(json='["a", "b"]')) == {"json": ["a", "b"]}
    assert host.notation(protos.TypedData(json="{bad")) == {"json_text": "{bad"}
    assert host.notation(protos.TypedData(bytes=b"ok")) == {"bytes": "ok"}
    assert host.notation(protos.TypedData(bytes=b"\xff")) == {"bytes_base64": "/w=="}
    assert host.notation(protos.TypedData(int=3)) == {"int": 3}
    assert host.notation(protos.TypedData()) is None
    assert host.notation(None) is None


def test_bytes_compare_equal_in_either_notation():
    assert host.comparable({"bytes": "ok"}) == host.comparable({"bytes_base64": "b2s="})
    assert host.comparable({"json": [1]}) != host.comparable({"string": "[1]"})


def test_invocation_id_is_filled_in_every_expected_string():
    expected = {"logs": ["id {invocation_id}"], "outputs": {"o": {"string": "{invocation_id}"}}}

    assert host.with_invocation_id(expected, "abc") == {
        "logs": ["id abc"],
        "outputs": {"o": {"string": "abc"}},
    }
