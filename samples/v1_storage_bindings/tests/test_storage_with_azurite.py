"""Against Azurite: what the functions write reaches storage, and list_reports reads it back.

The host moves data between storage and the bindings; in these tests the storage SDK plays
that part, so each step runs against a real storage service.
"""

import json
import uuid

import azure.functions as func
import pytest
from azure.storage.blob import BlobServiceClient

from get_report import main as get_report
from list_reports import main as list_reports
from summarize_upload import main as summarize_upload


@pytest.fixture
def blob_service(storage_settings):
    with BlobServiceClient.from_connection_string(storage_settings) as service:
        yield service


def call_list_reports(**params: str) -> func.HttpResponse:
    return list_reports(func.HttpRequest("GET", "/api/reports", body=b"", params=params))


def test_an_upload_report_lands_in_storage_and_is_listed_and_read(blob_service, out):
    name = f"notes-{uuid.uuid4().hex[:8]}.txt"
    uploads = blob_service.get_container_client("uploads")
    if not uploads.exists():
        uploads.create_container()
    uploads.upload_blob(name, b"one two three\n")

    # The host runs the blob trigger with the new blob...
    blob = uploads.download_blob(name)
    report = out()
    summarize_upload(
        func.blob.InputStream(data=blob.readall(), name=f"uploads/{name}", length=blob.size),
        report,
    )
    # ...and writes what the function set to the output binding's path, reports/{name}.json.
    reports = blob_service.get_container_client("reports")
    if not reports.exists():
        reports.create_container()
    reports.upload_blob(f"{name}.json", report.get())

    listed = call_list_reports(prefix="notes-")
    stored = reports.download_blob(f"{name}.json").readall().decode()
    answer = get_report(
        func.HttpRequest("GET", f"/api/reports/{name}", body=b"", route_params={"name": name}),
        stored,
    )

    assert listed.status_code == 200
    assert f"{name}.json" in json.loads(listed.get_body())["reports"]
    assert json.loads(answer.get_body()) == {
        "blob": f"uploads/{name}",
        "bytes": 14,
        "text": True,
        "lines": 1,
        "words": 3,
    }


def test_list_reports_filters_by_prefix_and_sorts(blob_service):
    reports = blob_service.get_container_client("reports")
    if not reports.exists():
        reports.create_container()
    tag = uuid.uuid4().hex[:8]
    for name in (f"{tag}-b.json", f"{tag}-a.json", f"other-{tag}.json"):
        reports.upload_blob(name, b"{}")

    resp = call_list_reports(prefix=tag)

    assert json.loads(resp.get_body()) == {"reports": [f"{tag}-a.json", f"{tag}-b.json"]}


def test_list_reports_is_empty_before_the_container_exists(blob_service):
    reports = blob_service.get_container_client("reports")
    if reports.exists():
        reports.delete_container()

    resp = call_list_reports()

    assert resp.status_code == 200
    assert json.loads(resp.get_body()) == {"reports": []}


def test_list_reports_without_the_storage_setting_is_a_503(monkeypatch):
    monkeypatch.delenv("AzureWebJobsStorage", raising=False)

    resp = call_list_reports()

    assert resp.status_code == 503
    assert resp.get_body() == b"The app setting AzureWebJobsStorage is not set."
