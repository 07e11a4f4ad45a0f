"""What the extension builds from the binding data the host sends, against Azurite."""

import json
from types import SimpleNamespace

import pytest
from azure.storage.blob import BlobClient, ContainerClient, StorageStreamDownloader
from azurefunctions.extensions.base import Datum
from azurefunctions.extensions.bindings import blob
from azurefunctions.extensions.bindings.blob import BlobClientConverter


def decode(pytype, container: str, blob_name: str = "", connection="AzureWebJobsStorage"):
    content = {"Connection": connection, "ContainerName": container, "BlobName": blob_name}
    message = SimpleNamespace(
        version="1.0",
        source="AzureStorageBlobs",
        content_type="application/json",
        content=json.dumps(content).encode(),
    )
    data = Datum(value=message, type="model_binding_data")
    return BlobClientConverter.decode(data, trigger_metadata={}, pytype=pytype)


def test_blob_client_points_at_the_blob_and_downloads_nothing(storage, new_container):
    container = new_container("files")

    client = decode(blob.BlobClient, container.container_name, "a.txt")

    assert isinstance(client, BlobClient)
    assert (client.container_name, client.blob_name) == (container.container_name, "a.txt")
    assert client.url.startswith(storage.url)
    assert not client.exists()  # made without a request: the blob needn't exist


def test_container_client_needs_only_the_container_name(storage, new_container):
    container = new_container("files")

    client = decode(blob.ContainerClient, container.container_name)

    assert isinstance(client, ContainerClient)
    assert client.container_name == container.container_name


def test_stream_downloader_has_started_the_download(storage, new_container):
    container = new_container("files")
    container.create_container()
    container.upload_blob("a.txt", b"content")

    stream = decode(blob.StorageStreamDownloader, container.container_name, "a.txt")

    assert isinstance(stream, StorageStreamDownloader)
    assert stream.size == 7
    assert stream.readall() == b"content"


def test_stream_downloader_of_a_missing_blob_fails_before_the_function_runs(storage, new_container):
    container = new_container("files")
    container.create_container()

    with pytest.raises(ValueError, match="Unable to create StorageStreamDownloader SDK type"):
        decode(blob.StorageStreamDownloader, container.container_name, "missing.txt")


def test_an_unknown_connection_setting_fails_with_its_name(storage):
    with pytest.raises(ValueError, match="NoSuchSetting does not exist"):
        decode(blob.BlobClient, "files", "a.txt", connection="NoSuchSetting")
