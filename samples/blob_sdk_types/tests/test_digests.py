"""DigestUpload (blob trigger, StorageStreamDownloader), CheckUpload (blob trigger, BlobClient)
and ReadDigest (HTTP, BlobClient): against Azurite."""

import hashlib
import json
import logging
import os

import azure.functions as func
import pytest
from azure.storage.blob import BlobServiceClient, ContentSettings

import function_app
from digests import digest_in_chunks


def read_request(name: str) -> func.HttpRequest:
    return func.HttpRequest("GET", f"/api/digests/{name}", body=b"", route_params={"name": name})


@pytest.fixture
def containers(new_container):
    uploads, digests = new_container("uploads"), new_container("digests")
    uploads.create_container()
    return uploads, digests


def test_digest_upload_writes_the_size_and_sha256_of_the_new_blob(containers, caplog):
    uploads, digests = containers
    content = os.urandom(3 * 1024 * 1024 + 7)
    uploads.upload_blob("random.bin", content)

    with caplog.at_level(logging.INFO):
        function_app.digest_upload(uploads.download_blob("random.bin"), digests)

    record = json.loads(digests.download_blob("random.bin.json").readall())
    assert record == {
        "name": "random.bin",
        "size": len(content),
        "sha256": hashlib.sha256(content).hexdigest(),
    }
    assert f"Digest of random.bin: {len(content)} bytes" in caplog.text


def test_digest_upload_replaces_the_record_of_an_overwritten_blob(containers):
    uploads, digests = containers
    uploads.upload_blob("notes.txt", b"first")
    function_app.digest_upload(uploads.download_blob("notes.txt"), digests)
    uploads.upload_blob("notes.txt", b"second", overwrite=True)

    function_app.digest_upload(uploads.download_blob("notes.txt"), digests)

    record = json.loads(digests.download_blob("notes.txt.json").readall())
    assert record["sha256"] == hashlib.sha256(b"second").hexdigest()


def test_digest_reads_one_chunk_at_a_time(app_settings, containers):
    uploads, _ = containers
    content = os.urandom(5 * 1024 * 1024)
    uploads.upload_blob("five-mib.bin", content)
    # A client with 1 MiB ranges, so that a 5 MiB blob comes in five requests.
    small_ranges = BlobServiceClient.from_connection_string(
        app_settings["AzureWebJobsStorage"],
        max_single_get_size=1024 * 1024,
        max_chunk_get_size=1024 * 1024,
    )
    stream = small_ranges.get_blob_client(uploads.container_name, "five-mib.bin").download_blob()
    sizes = []
    chunks = stream.chunks

    def counted_chunks():
        for chunk in chunks():
            sizes.append(len(chunk))
            yield chunk

    stream.chunks = counted_chunks

    digest = digest_in_chunks("five-mib.bin", stream)

    assert sizes == [1024 * 1024] * 5
    assert digest.sha256 == hashlib.sha256(content).hexdigest()
    assert digest.size == len(content)


def test_check_upload_logs_size_and_content_type_without_downloading(containers, caplog):
    uploads, _ = containers
    settings = ContentSettings(content_type="text/csv")
    uploads.upload_blob("table.csv", b"a,b\n1,2\n", content_settings=settings)

    with caplog.at_level(logging.INFO):
        function_app.check_upload(uploads.get_blob_client("table.csv"))

    assert [r.getMessage() for r in caplog.records] == ["New upload table.csv: 8 bytes, text/csv"]


def test_check_upload_warns_about_a_missing_content_type(containers, caplog):
    uploads, _ = containers
    uploads.upload_blob("data.bin", b"\x00")

    function_app.check_upload(uploads.get_blob_client("data.bin"))

    assert "data.bin was uploaded without a content type" in caplog.text


def test_check_upload_of_a_blob_deleted_meanwhile_only_warns(containers, caplog):
    uploads, _ = containers

    function_app.check_upload(uploads.get_blob_client("gone.txt"))

    assert "gone.txt was deleted before it was checked" in caplog.text


def test_read_digest_answers_the_record_the_trigger_wrote(containers):
    uploads, digests = containers
    uploads.upload_blob("fox.txt", b"fox")
    function_app.digest_upload(uploads.download_blob("fox.txt"), digests)

    response = function_app.read_digest(
        read_request("fox.txt"), digests.get_blob_client("fox.txt.json")
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
        read_request("new.txt"), digests.get_blob_client("new.txt.json")
    )

    assert response.status_code == 404
    assert "No digest for 'new.txt' yet" in json.loads(response.get_body())["error"]


def test_read_digest_with_a_bad_name_is_400(containers):
    _, digests = containers

    response = function_app.read_digest(read_request(".."), digests.get_blob_client("...json"))

    assert response.status_code == 400
    assert "not a valid file name" in json.loads(response.get_body())["error"]


def test_the_sdk_request_log_stays_out_of_the_invocation_logs(containers, caplog):
    uploads, digests = containers
    uploads.upload_blob("fox.txt", b"fox")

    with caplog.at_level(logging.INFO):
        function_app.digest_upload(uploads.download_blob("fox.txt"), digests)

    assert [r.getMessage() for r in caplog.records] == [
        f"Digest of fox.txt: 3 bytes, SHA-256 {hashlib.sha256(b'fox').hexdigest()}"
    ]
