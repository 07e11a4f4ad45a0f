"""What an Out annotation may be for a queue output, and what set() may be given.

The worker checks each Out[...] annotation with the binding's converter from the
azure-functions library when it loads a function, and converts the value passed to set()
with the same converter after the call. These tests ask that converter directly.
"""

import json
import typing

import pytest
from azure.functions.queue import QueueMessageOutConverter


def accepted(annotation: object) -> bool:
    try:
        return QueueMessageOutConverter.check_output_type_annotation(annotation)
    except TypeError:  # Python 3.10-3.12: issubclass() refuses list[str]
        return False


# --8<-- [start:test-out-list]
def test_a_list_of_strings_in_typing_list_is_accepted():
    assert accepted(typing.List[str])  # noqa: UP006


@pytest.mark.parametrize("annotation", [list[str], tuple, typing.Tuple[str, ...]])  # noqa: UP006
def test_builtin_list_and_tuple_annotations_are_refused(annotation):
    assert not accepted(annotation)


def test_a_list_given_to_set_becomes_one_message_per_string():
    datum = QueueMessageOutConverter.encode(['{"n": 1}', '{"n": 2}'], expected_type=None)

    assert datum.type == "json"
    assert json.loads(datum.value) == ['{"n": 1}', '{"n": 2}']


# --8<-- [end:test-out-list]


def test_a_list_of_anything_but_strings_or_messages_is_refused():
    with pytest.raises(NotImplementedError):
        QueueMessageOutConverter.encode([{"n": 1}], expected_type=None)
