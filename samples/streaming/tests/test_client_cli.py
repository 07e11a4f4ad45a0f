"""client.py as a command, and its errors when the answer isn't the function's own JSON."""

import json

import httpx
import pytest

import client


def test_records_command_prints_one_json_line_per_record(host, capsys):
    status = client.main(["--base-url", host.base_url, "records", "--count", "3"])

    lines = capsys.readouterr().out.splitlines()
    assert status == 0
    assert [json.loads(line)["seq"] for line in lines] == [0, 1, 2]


def test_error_without_a_json_body_keeps_the_text():
    # What a proxy or the host itself answers: plain text, not the function's {"error": ...}.
    response = httpx.Response(502, text="Bad Gateway")

    with pytest.raises(client.FunctionError, match="^502: Bad Gateway$"):
        client.raise_for_error(response)
