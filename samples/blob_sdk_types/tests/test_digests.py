"""DigestUpload (blob trigger, BlobClient), ReadDigest (BlobClient) and FileDigest
(StorageStreamDownloader): a blob hashed in chunks, against Azurite."""

import hashlib
import json
import logging
import os

import azure.functions as func
import pytest
from azure.storage.blob import BlobServiceClient

import function_app
from digests import digest_in_chunks


def route_request(path: str, name: str) -> func.HttpRequest:
    return func.HttpRequest("GET", path, body=b"", route_params={"name": name})


@pytest.fixture
def containers(new_container):
    uploads, digests = new_container("uploads"), new_container("digests")
    uploads.create_container()
    return uploads, digests


def test_trigger_writes_the_digest_of_the_new_blob(containers, caplog):
    uploads, digests = containers
    content = b"The quick brown fox\n" * 1000
    uploads.upload_blob("fox.txt", content)

    with caplog.at_level(logging.INFO):
        function_app.digest_upload(uploads.get_blob_client("fox.txt"), digests)

    record = json.loads(digests.download_blob("fox.txt.json").readall())
    assert record == {
        "name": "fox.txt",
        "size": len(content),
        "sha256": hashlib.sha256(content).hexdigest(),
    }
    assert f"Digest of fox.txt: {len(content)} bytes" in caplog.text


def test_trigger_for_a_blob_deleted_meanwhile_writes_nothing(containers, caplog):
    uploads, digests = containers

    function_app.digest_upload(uploads.get_blob_client("gone.txt"), digests)

    assert "gone.txt was deleted before its digest was made" in caplog.text
    assert not digests.exists()


def test_read_digest_answers_the_record_the_trigger_wrote(containers):
    uploads, digests = containers
    uploads.upload_blob("fox.txt", b"fox")
    function_app.digest_upload(uploads.get_blob_client("fox.txt"), digests)

    response = function_app.read_digest(
        route_request("/api/digests/fox.txt", "fox.txt"), digests.get_blob_client("fox.txt.json")
    )

    assert response.status_code == 200
    assert json.loads(response.get_body()) == {
        "name": "fox.txt",
        "size": 3,
        "sha256": hashlib.sha256(b"fox").hexdigest(),
    }


def test_read_digest_of_a_file_without_one_is_404(containers):
    _, digests = containers

    response = function_app.read_digest(
        route_request("/api/digests/new.txt", "new.txt"), digests.get_blob_client("new.txt.json")
    )

    assert response.status_code == 404
    assert "No digest for 'new.txt' yet" in json.loads(response.get_body())["error"]


def test_read_digest_with_a_bad_name_is_400(containers):
    _, digests = containers

    response = function_app.read_digest(
        route_request("/api/digests/..", ".."), digests.get_blob_client("...json")
    )

    assert response.status_code == 400


def test_file_digest_hashes_the_blob_from_its_stream(containers):
    uploads, _ = containers
    content = os.urandom(3 * 1024 * 1024 + 7)
    uploads.upload_blob("random.bin", content)

    response = function_app.file_digest(
        route_request("/api/files/random.bin/sha256", "random.bin"),
        uploads.download_blob("random.bin"),
    )

    assert response.status_code == 200
    assert json.loads(response.get_body()) == {
        "name": "random.bin",
        "size": len(content),
        "sha256": hashlib.sha256(content).hexdigest(),
    }


def test_file_digest_with_a_bad_name_is_400(containers):
    uploads, _ = containers
    uploads.upload_blob("x", b"x")

    response = function_app.file_digest(
        route_request("/api/files/-x/sha256", "-x"), uploads.download_blob("x")
    )

    assert response.status_code == 400


def test_digest_reads_one_chunk_at_a_time(app_settings, containers):
    uploads, _ = containers
    content = os.urandom(5 * 1024 * 1024)
    uploads.upload_blob("five-mib.bin", content)
    # A client with 1 MiB ranges, so that a 5 MiB blob comes in five requests.
    small_chunks = BlobServiceClient.from_connection_string(
        app_settings["AzureWebJobsStorage"],
        max_single_get_size=1024 * 1024,
        max_chunk_get_size=1024 * 1024,
    )
    stream = small_chunks.get_blob_client(uploads.container_name, "five-mib.bin").download_blob()
    sizes = []
    chunks = stream.chunks

    def counted():
        for chunk in chunks():
            sizes.append(len(chunk))
            yield chunk

    stream.chunks = counted

    digest = digest_in_chunks("five-mib.bin", stream)

    assert sizes == [1024 * 1024] * 5
    assert digest.sha256 == hashlib.sha256(content).hexdigest()
    assert digest.size == len(content)
