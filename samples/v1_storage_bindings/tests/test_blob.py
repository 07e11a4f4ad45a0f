import json

import azure.functions as func

from get_report import main as get_report
from summarize_upload import main as summarize_upload


def test_an_upload_gets_a_report_with_its_size_lines_and_words(out):
    content = b"first line\nsecond line here\n"
    upload = func.blob.InputStream(data=content, name="uploads/notes.txt", length=len(content))
    report = out()

    summarize_upload(upload, report)

    assert json.loads(report.get()) == {
        "blob": "uploads/notes.txt",
        "bytes": 28,
        "text": True,
        "lines": 2,
        "words": 5,
    }


def test_a_binary_upload_gets_a_report_without_lines_or_words(out):
    upload = func.blob.InputStream(data=b"\x89PNG\r\n\x1a\n\xff", name="uploads/logo.png")
    report = out()

    summarize_upload(upload, report)

    assert json.loads(report.get()) == {"blob": "uploads/logo.png", "bytes": 9, "text": False}


def report_request(name: str) -> func.HttpRequest:
    return func.HttpRequest("GET", f"/api/reports/{name}", body=b"", route_params={"name": name})


def test_the_report_the_blob_input_binding_read_is_returned():
    stored = '{"blob": "uploads/notes.txt", "bytes": 28}'

    resp = get_report(report_request("notes.txt"), stored)

    assert resp.status_code == 200
    assert resp.mimetype == "application/json"
    assert resp.get_body().decode() == stored


def test_a_missing_report_blob_is_a_404():
    # When the blob doesn't exist the host passes no data: the parameter is None.
    resp = get_report(report_request("nothing.txt"), None)

    assert resp.status_code == 404
    assert resp.get_body() == b"No report for 'nothing.txt'."
