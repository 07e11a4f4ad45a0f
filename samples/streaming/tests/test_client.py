"""client.py, the way the page tells readers to call the functions, against the local host."""

import hashlib
import json
import os
import random
import socket

import pytest

import client
from function_app import PAYLOAD_SEED


@pytest.fixture
def functions(host):
    with client.make_client(host.base_url) as http:
        yield http


def test_upload_file_sends_the_file_and_returns_the_summary(functions, tmp_path):
    path = tmp_path / "data.bin"
    path.write_bytes(os.urandom(3 * 1024 * 1024 + 17))

    summary = client.upload_file(functions, path)

    assert summary["bytes"] == path.stat().st_size
    assert summary["sha256"] == hashlib.sha256(path.read_bytes()).hexdigest()


def test_upload_file_too_big_raises_with_the_functions_message(functions, tmp_path, monkeypatch):
    monkeypatch.setenv("STREAM_MAX_UPLOAD_BYTES", "1000")
    path = tmp_path / "big.bin"
    path.write_bytes(bytes(1001))

    with pytest.raises(client.FunctionError) as error:
        client.upload_file(functions, path)

    assert str(error.value) == "413: The upload is 1001 bytes; the most this app takes is 1000."


def test_upload_empty_file_raises_400(functions, tmp_path):
    path = tmp_path / "empty.bin"
    path.write_bytes(b"")

    with pytest.raises(client.FunctionError, match="^400: The request body is empty"):
        client.upload_file(functions, path)


def test_stream_records_yields_each_record_in_order(functions):
    records = list(client.stream_records(functions, count=5))

    assert [record["seq"] for record in records] == [0, 1, 2, 3, 4]
    assert records[1] == {"seq": 1, "sensor": "sensor-1", "celsius": 20.5}


def test_stream_records_bad_count_raises_with_the_functions_message(functions):
    with pytest.raises(client.FunctionError) as error:
        list(client.stream_records(functions, count=0))

    assert str(error.value) == "400: 'count' must be between 1 and 100000, not 0."


def test_stream_events_parses_each_event_and_the_end(functions):
    events = list(client.stream_events(functions, count=3))

    assert events == [
        ("reading", {"seq": 0, "sensor": "sensor-0", "celsius": 20.0}),
        ("reading", {"seq": 1, "sensor": "sensor-1", "celsius": 20.5}),
        ("reading", {"seq": 2, "sensor": "sensor-2", "celsius": 21.0}),
        ("end", {"count": 3}),
    ]


def test_download_writes_the_payload_and_returns_its_hash(functions, tmp_path):
    size = 2 * 1024 * 1024 + 1
    destination = tmp_path / "payload.bin"

    sha256 = client.download(functions, size, destination)

    expected = random.Random(PAYLOAD_SEED).randbytes(size)
    assert destination.read_bytes() == expected
    assert sha256 == hashlib.sha256(expected).hexdigest()


def test_download_bad_size_raises_400(functions, tmp_path):
    with pytest.raises(client.FunctionError, match="^400: 'size' must be between"):
        client.download(functions, 0, tmp_path / "never.bin")


def test_command_line_upload_prints_the_summary(host, tmp_path, capsys):
    path = tmp_path / "data.bin"
    path.write_bytes(b"hello, streams")

    exit_code = client.main(["--base-url", host.base_url, "upload", str(path)])

    assert exit_code == 0
    summary = json.loads(capsys.readouterr().out)
    assert summary["sha256"] == hashlib.sha256(b"hello, streams").hexdigest()


def test_command_line_records_as_events(host, capsys):
    exit_code = client.main(["--base-url", host.base_url, "records", "--count", "2", "--sse"])

    assert exit_code == 0
    assert capsys.readouterr().out.splitlines() == [
        'reading {"seq": 0, "sensor": "sensor-0", "celsius": 20.0}',
        'reading {"seq": 1, "sensor": "sensor-1", "celsius": 20.5}',
        'end {"count": 2}',
    ]


def test_command_line_download(host, tmp_path, capsys):
    out = tmp_path / "payload.bin"

    exit_code = client.main(
        ["--base-url", host.base_url, "download", "--size", "1000", "--out", str(out)]
    )

    assert exit_code == 0
    assert capsys.readouterr().out.startswith(f"{out}: 1000 bytes, sha256 ")


def test_command_line_refusal_exits_1_with_the_message(host, capsys):
    exit_code = client.main(["--base-url", host.base_url, "records", "--count", "-1"])

    assert exit_code == 1
    assert "The function refused: 400: 'count' must be between" in capsys.readouterr().err


def test_command_line_without_a_server_exits_2(capsys):
    with socket.socket() as unused:  # a port nothing listens on once this closes
        unused.bind(("127.0.0.1", 0))
        port = unused.getsockname()[1]

    exit_code = client.main(["--base-url", f"http://127.0.0.1:{port}/api", "records"])

    assert exit_code == 2
    assert "Couldn't reach" in capsys.readouterr().err
