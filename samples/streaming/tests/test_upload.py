"""UploadFile: a body read chunk by chunk, hashed as it arrives, with a size limit."""

import hashlib
import json
import os
from http.client import HTTPConnection
from urllib.parse import urlsplit

import pytest
from local_host import wait_for

OCTET_STREAM = {"Content-Type": "application/octet-stream"}
MiB = 1024 * 1024


def uneven_chunks(total: int) -> list[bytes]:
    """Random bytes in chunks of varying sizes, as a real client's reads would give."""
    chunks, sizes = [], [1, 70_000, 4096, 65_536, 333_333]
    while total > 0:
        size = min(sizes[len(chunks) % len(sizes)], total)
        chunks.append(os.urandom(size))
        total -= size
    return chunks


# --8<-- [start:test-chunked-upload]
def test_chunked_upload_is_hashed_as_it_arrives(http):
    chunks = uneven_chunks(8 * MiB)

    # A generator body: httpx sends it with Transfer-Encoding: chunked, no Content-Length.
    response = http.post("/upload", content=iter(chunks), headers=OCTET_STREAM)

    assert response.status_code == 200
    summary = response.json()
    assert summary["bytes"] == 8 * MiB
    assert summary["sha256"] == hashlib.sha256(b"".join(chunks)).hexdigest()
    assert summary["chunks"] > 1  # the function saw the body in pieces, not all at once


# --8<-- [end:test-chunked-upload]


def test_upload_with_a_content_length_is_hashed_too(http):
    body = os.urandom(3 * MiB + 5)

    response = http.post("/upload", content=body, headers=OCTET_STREAM)

    assert response.status_code == 200
    assert response.json()["bytes"] == len(body)
    assert response.json()["sha256"] == hashlib.sha256(body).hexdigest()


def test_content_type_parameters_are_accepted(http):
    headers = {"Content-Type": "Application/Octet-Stream; name=data.bin"}

    response = http.post("/upload", content=b"abc", headers=headers)

    assert response.status_code == 200
    assert response.json()["sha256"] == hashlib.sha256(b"abc").hexdigest()


def test_empty_body_gets_400(http):
    response = http.post("/upload", content=b"", headers=OCTET_STREAM)

    assert response.status_code == 400
    assert response.json() == {"error": "The request body is empty: send the file's bytes."}


def test_empty_chunked_body_gets_400(http):
    response = http.post("/upload", content=iter([]), headers=OCTET_STREAM)

    assert response.status_code == 400
    assert "empty" in response.json()["error"]


@pytest.mark.parametrize(
    ("content_type", "shown_as"),
    [
        ("application/json", "'application/json'"),
        ("text/plain", "'text/plain'"),
        (None, "'no type'"),
    ],
)
def test_wrong_content_type_gets_415(http, content_type, shown_as):
    headers = {"Content-Type": content_type} if content_type else {}

    response = http.post("/upload", content=b'{"a": 1}', headers=headers)

    assert response.status_code == 415
    assert response.json() == {
        "error": f"Send the file as application/octet-stream, not {shown_as}."
    }


def test_declared_length_over_the_limit_gets_413_before_the_body_is_read(http, monkeypatch):
    monkeypatch.setenv("STREAM_MAX_UPLOAD_BYTES", str(MiB))

    response = http.post("/upload", content=bytes(2 * MiB), headers=OCTET_STREAM)

    assert response.status_code == 413
    assert response.json() == {
        "error": f"The upload is {2 * MiB} bytes; the most this app takes is {MiB}."
    }


def test_chunked_upload_over_the_limit_gets_413_while_the_client_is_still_sending(
    http, host, monkeypatch
):
    monkeypatch.setenv("STREAM_MAX_UPLOAD_BYTES", str(MiB))
    answered_mid_upload = []

    def body():
        for _ in range(4):
            yield bytes(MiB // 2)  # 2 MiB: past the limit
        # The function must answer now, with 62 MiB still to come: it doesn't wait for them.
        answered_mid_upload.append(host.log.wait_for_answer("/api/upload", 413, timeout=5))
        for _ in range(62):
            yield bytes(MiB)

    response = http.post("/upload", content=body(), headers=OCTET_STREAM)

    assert response.status_code == 413
    assert response.json() == {"error": f"The upload passed {MiB} bytes, the most this app takes."}
    assert answered_mid_upload == [True]


def test_limit_defaults_to_100_mib_and_a_declared_length_is_refused_unread(host, monkeypatch):
    monkeypatch.delenv("STREAM_MAX_UPLOAD_BYTES", raising=False)
    address = urlsplit(host.base_url)
    conn = HTTPConnection(address.hostname, address.port, timeout=5)
    try:
        conn.putrequest("POST", "/api/upload")
        conn.putheader("Content-Type", "application/octet-stream")
        conn.putheader("Content-Length", str(100 * MiB + 1))
        conn.endheaders()  # the headers only: the function answers without any of the body
        response = conn.getresponse()
        answer = json.loads(response.read())
    finally:
        conn.close()

    assert response.status == 413
    assert answer == {
        "error": f"The upload is {100 * MiB + 1} bytes; the most this app takes is {100 * MiB}."
    }


def test_invalid_limit_setting_fails_loudly(http, host, monkeypatch):
    monkeypatch.setenv("STREAM_MAX_UPLOAD_BYTES", "100MB")

    response = http.post("/upload", content=b"abc", headers=OCTET_STREAM)

    # A broken app setting is the app's fault, not the caller's: a 500, and the log says why.
    assert response.status_code == 500
    assert host.log.wait_until_idle(5)
    (escaped,) = host.log.errors
    host.log.errors.clear()
    assert str(escaped) == "STREAM_MAX_UPLOAD_BYTES must be a number of bytes, not '100MB'."


def test_a_client_that_leaves_mid_upload_leaves_nothing_running(http, host, caplog):
    def body_then_give_up():
        for _ in range(5):
            yield bytes(64 * 1024)
        raise ConnectionAbortedError("the client gave up")

    with pytest.raises(ConnectionAbortedError):
        http.post("/upload", content=body_then_give_up(), headers=OCTET_STREAM)

    assert host.log.wait_until_idle(5)
    assert wait_for(lambda: "The client went away after sending" in caplog.text, 5)
