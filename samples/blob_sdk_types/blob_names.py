"""What a valid file name is: the 400 messages."""

from __future__ import annotations

import re

# One path segment: letters, digits, '.', '_', '-', starting with a letter or digit.
NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,127}")
# What a valid name can start with.
PREFIX = re.compile(r"[A-Za-z0-9._-]{0,128}")
DEFAULT_LIMIT = 100
MAX_LIMIT = 1000


class BadInput(ValueError):
    """Input the caller must fix; the message says how."""


def check_name(name: str | None) -> str:
    if not name or not NAME.fullmatch(name):
        raise BadInput(
            f"{name!r} is not a valid file name: use 1-128 letters, digits, '.', '_' or '-', "
            "starting with a letter or digit."
        )
    return name


def check_prefix(prefix: str | None) -> str | None:
    if prefix is not None and not PREFIX.fullmatch(prefix):
        raise BadInput(
            f"'prefix' {prefix!r} can't start a file name: use up to 128 letters, digits, "
            "'.', '_' or '-'."
        )
    return prefix or None


def check_limit(raw: str | None) -> int:
    if raw is None:
        return DEFAULT_LIMIT
    try:
        limit = int(raw)
    except ValueError:
        raise BadInput(f"'limit' must be an integer, not {raw!r}.") from None
    if not 1 <= limit <= MAX_LIMIT:
        raise BadInput(f"'limit' must be between 1 and {MAX_LIMIT}, not {limit}.")
    return limit
