"""What the functions accept in a message body, and how they say what is wrong with one."""

# --8<-- [start:read-order]
import json
import math
from dataclasses import dataclass

MAX_BODY_BYTES = 64 * 1024  # this app's own limit for one order or reading


class BadMessage(ValueError):
    """A message body the app can't use; its text says why."""


@dataclass(frozen=True)
class Order:
    order_id: str
    quantity: int


def body_bytes(body) -> bytes:
    """The body of a received message as bytes.

    Both SDK types hand the AMQP data sections back as an iterable of bytes; a message sent
    with an AMQP value body (a map, a string) has no bytes to read.
    """
    if isinstance(body, bytes):
        return body
    parts = [] if isinstance(body, dict | str) else list(body)
    if not parts or not all(isinstance(part, bytes) for part in parts):
        raise BadMessage("the body is an AMQP value, not data (bytes)")
    return b"".join(parts)


def json_object(body: bytes) -> dict:
    if len(body) > MAX_BODY_BYTES:
        raise BadMessage(f"the body is {len(body)} bytes; at most {MAX_BODY_BYTES}")
    try:
        value = json.loads(body)
    except (ValueError, RecursionError) as error:  # not UTF-8, not JSON, nested too deeply
        raise BadMessage(f"the body is not JSON ({type(error).__name__})") from None
    if not isinstance(value, dict):
        raise BadMessage("the body is not a JSON object")
    return value


def text_field(value: dict, key: str) -> str:
    text = value.get(key)
    if not isinstance(text, str) or not 1 <= len(text) <= 64:
        raise BadMessage(f'"{key}" must be a string of 1 to 64 characters')
    return text


def read_order(body: bytes) -> Order:
    value = json_object(body)
    quantity = value.get("quantity")
    if isinstance(quantity, bool) or not isinstance(quantity, int) or not 1 <= quantity <= 1000:
        raise BadMessage('"quantity" must be a whole number from 1 to 1000')
    return Order(order_id=text_field(value, "order_id"), quantity=quantity)


# --8<-- [end:read-order]


@dataclass(frozen=True)
class Reading:
    sensor: str
    celsius: float


def read_reading(body: bytes) -> Reading:
    value = json_object(body)
    celsius = value.get("celsius")
    if (
        isinstance(celsius, bool)
        or not isinstance(celsius, int | float)
        or not math.isfinite(celsius)
        or not -100 <= celsius <= 100
    ):
        raise BadMessage('"celsius" must be a number from -100 to 100')
    return Reading(sensor=text_field(value, "sensor"), celsius=float(celsius))


def plain(value):
    """An AMQP property value as JSON can hold it: uamqp returns strings as bytes."""
    if isinstance(value, bytes):
        return value.decode("utf-8", errors="replace")
    if value is None or isinstance(value, str | int | float | bool):
        return value
    return str(value)  # a UUID, a timestamp


def plain_properties(properties: dict | None) -> dict:
    return {plain(key): plain(value) for key, value in (properties or {}).items()}
