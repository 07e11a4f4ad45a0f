"""Temporary files: the real tempfile API, binary and text modes, nothing left behind."""

from __future__ import annotations

import json
import tempfile

import azure.functions as func
import pytest
from entry_points import functions


@pytest.fixture
def temp_dir(tmp_path, monkeypatch):
    """tempfile's folder for this test; on Linux in Azure it's /tmp."""
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    return tmp_path


def upload(body: bytes) -> func.HttpResponse:
    return functions.upload_stats(func.HttpRequest("POST", "/api/uploads/stats", body=body))


def test_counts_bytes_and_lines_and_leaves_nothing(temp_dir):
    response = upload("first line\nsecond line, café\n".encode())
    assert response.status_code == 200
    assert json.loads(response.get_body()) == {
        "bytes": 30,
        "lines": 2,
        "temp_dir": str(temp_dir),
    }
    assert list(temp_dir.iterdir()) == []


def test_bytes_that_are_not_text_are_a_400_and_leave_nothing(temp_dir):
    response = upload(b"\xff\xfe binary")
    assert response.status_code == 400
    assert response.get_body() == b"The body is not UTF-8 text (byte 0)."
    assert list(temp_dir.iterdir()) == []


def test_an_empty_body_has_no_lines(temp_dir):
    assert json.loads(upload(b"").get_body())["lines"] == 0
