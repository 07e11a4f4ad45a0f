"""UploadFile and ListFiles: a ContainerClient from the binding, against Azurite."""

import json

import azure.functions as func
import pytest

import function_app


def put(name: str, body: bytes, uploads, content_type: str | None = None) -> func.HttpResponse:
    headers = {"Content-Type": content_type} if content_type else {}
    request = func.HttpRequest(
        "PUT", f"/api/files/{name}", body=body, headers=headers, route_params={"name": name}
    )
    return function_app.upload_file(request, uploads)


def get_list(uploads, **params: str) -> func.HttpResponse:
    request = func.HttpRequest("GET", "/api/files", body=b"", params=params)
    return function_app.list_files(request, uploads)


def test_upload_creates_the_container_and_stores_the_file(new_container):
    uploads = new_container("uploads")

    response = put("notes.txt", b"first line\n", uploads, "text/plain")

    assert response.status_code == 201
    assert json.loads(response.get_body()) == {
        "name": "notes.txt",
        "size": 11,
        "content_type": "text/plain",
    }
    stored = uploads.get_blob_client("notes.txt")
    assert stored.download_blob().readall() == b"first line\n"
    assert stored.get_blob_properties().content_settings.content_type == "text/plain"


def test_upload_replaces_a_file_of_the_same_name(new_container):
    uploads = new_container("uploads")
    put("notes.txt", b"old", uploads)

    response = put("notes.txt", b"new content", uploads)

    assert response.status_code == 201
    assert uploads.download_blob("notes.txt").readall() == b"new content"


def test_upload_without_a_content_type_stores_octet_stream(new_container):
    uploads = new_container("uploads")

    response = put("data.bin", b"\x00\x01", uploads)

    assert json.loads(response.get_body())["content_type"] == "application/octet-stream"


def test_upload_of_an_empty_body_is_400_and_stores_nothing(new_container):
    uploads = new_container("uploads")

    response = put("empty.txt", b"", uploads)

    assert response.status_code == 400
    assert "request body" in json.loads(response.get_body())["error"]
    assert not uploads.exists()


@pytest.mark.parametrize("name", ["", ".hidden", "a" * 129, "sp ace", "semi;colon"])
def test_upload_with_a_bad_name_is_400(new_container, name):
    uploads = new_container("uploads")

    response = put(name, b"content", uploads)

    assert response.status_code == 400
    assert "not a valid file name" in json.loads(response.get_body())["error"]
    assert not uploads.exists()


def test_list_before_any_upload_is_empty(new_container):
    response = get_list(new_container("uploads"))

    assert response.status_code == 200
    assert json.loads(response.get_body()) == {"files": []}


def test_list_shows_names_sizes_and_content_types(new_container):
    uploads = new_container("uploads")
    put("b.csv", b"x,y\n1,2\n", uploads, "text/csv")
    put("a.txt", b"hello", uploads, "text/plain")

    response = get_list(uploads)

    assert json.loads(response.get_body()) == {
        "files": [
            {"name": "a.txt", "size": 5, "content_type": "text/plain"},
            {"name": "b.csv", "size": 8, "content_type": "text/csv"},
        ]
    }


def test_list_filters_by_prefix_and_stops_at_the_limit(new_container):
    uploads = new_container("uploads")
    for name in ["report-1.txt", "report-2.txt", "report-3.txt", "summary.txt"]:
        put(name, b"x", uploads)

    response = get_list(uploads, prefix="report-", limit="2")

    names = [f["name"] for f in json.loads(response.get_body())["files"]]
    assert names == ["report-1.txt", "report-2.txt"]


@pytest.mark.parametrize(
    ("limit", "message"),
    [("ten", "must be an integer"), ("0", "between 1 and 1000"), ("1001", "between 1 and 1000")],
)
def test_list_with_a_bad_limit_is_400(new_container, limit, message):
    response = get_list(new_container("uploads"), limit=limit)

    assert response.status_code == 400
    assert message in json.loads(response.get_body())["error"]


@pytest.mark.parametrize("prefix", ["\x00\x01", "a/b", "../", "é", "x" * 129])
def test_list_with_a_prefix_no_name_can_start_with_is_400(new_container, prefix):
    response = get_list(new_container("uploads"), prefix=prefix)

    assert response.status_code == 400
    assert "can't start a file name" in json.loads(response.get_body())["error"]


def test_list_with_an_empty_prefix_lists_everything(new_container):
    uploads = new_container("uploads")
    put("a.txt", b"a", uploads)

    response = get_list(uploads, prefix="")

    assert [f["name"] for f in json.loads(response.get_body())["files"]] == ["a.txt"]
