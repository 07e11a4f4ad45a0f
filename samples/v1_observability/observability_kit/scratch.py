"""Temporary files with the standard tempfile module: binary and text, removed when done."""

from __future__ import annotations

import tempfile


class NotText(ValueError):
    """The upload is not UTF-8 text."""


# --8<-- [start:temporary-files]
def upload_stats(data: bytes) -> dict:
    """Spool an upload to temporary files and count its bytes and lines."""
    # TemporaryFile opens in binary mode ("w+b"): write and read bytes.
    with tempfile.TemporaryFile(prefix="upload-") as raw:
        raw.write(data)
        raw.seek(0)
        size = len(raw.read())
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise NotText(f"The body is not UTF-8 text (byte {error.start}).") from None
    # Text mode needs "w+" and an encoding; the file is deleted when the block ends.
    with tempfile.NamedTemporaryFile("w+", encoding="utf-8", suffix=".txt") as lines_file:
        lines_file.write(text)
        lines_file.seek(0)
        lines = sum(1 for _ in lines_file)
    return {"bytes": size, "lines": lines, "temp_dir": tempfile.gettempdir()}


# --8<-- [end:temporary-files]
