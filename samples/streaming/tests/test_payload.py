"""DownloadPayload: a large body streamed in chunks, with its size known up front."""

import hashlib
import random

import pytest
from local_host import wait_for

from function_app import PAYLOAD_SEED


def expected_sha256(size: int) -> str:
    """What the function sends, made here in one go from the same seed."""
    return hashlib.sha256(random.Random(PAYLOAD_SEED).randbytes(size)).hexdigest()


def test_payload_arrives_in_chunks_with_the_right_bytes(http):
    size = 5 * 1024 * 1024 + 123  # not a whole number of chunks
    digest, received, chunks = hashlib.sha256(), 0, 0
    with http.stream("GET", "/payload", params={"size": size}) as response:
        assert response.status_code == 200
        assert response.headers["content-length"] == str(size)
        assert response.headers["content-type"] == "application/octet-stream"
        for chunk in response.iter_bytes():
            digest.update(chunk)
            received += len(chunk)
            chunks += 1

    assert received == size
    assert chunks > 1
    assert digest.hexdigest() == expected_sha256(size)


def test_size_defaults_to_one_chunk(http):
    response = http.get("/payload")

    assert response.status_code == 200
    assert len(response.content) == 64 * 1024


@pytest.mark.parametrize(
    ("size", "message"),
    [
        ("0", "'size' must be between 1 and 1073741824, not 0."),
        ("-1", "'size' must be between 1 and 1073741824, not -1."),
        ("1073741825", "'size' must be between 1 and 1073741824, not 1073741825."),
        ("1GB", "'size' must be a whole number, not '1GB'."),
    ],
)
def test_bad_size_gets_400_with_a_message(http, size, message):
    response = http.get("/payload", params={"size": size})

    assert response.status_code == 400
    assert response.json() == {"error": message}


def test_a_client_that_leaves_mid_download_stops_it(http, host, caplog):
    with http.stream("GET", "/payload", params={"size": 1024**3}) as response:
        first_chunk = next(response.iter_bytes())
        assert first_chunk
    # Gone after one chunk of a 1 GiB download.

    assert host.log.wait_until_idle(5)
    assert wait_for(lambda: "bytes unsent: the client went away" in caplog.text, 5)
