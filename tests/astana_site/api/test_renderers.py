"""The API's JSON renderer gives DRF's text (``astana_site.api.renderers.JSONRenderer``)."""

import datetime
import decimal
import uuid

import pytest
from django.utils.translation import gettext_lazy
from rest_framework import renderers
from rest_framework.utils.serializer_helpers import ReturnDict, ReturnList

from astana_site.api.renderers import JSONRenderer, spelt_otherwise

VALUES = [
    {"results": [{"name": "Астана", "ar": "أستانا", "tr": "Çavuşoğlu", "n": 8, "ok": True}]},
    {"text": 'a\u2028b\u2029c "quoted" \\ back\nslash \t tab \x01 control', "empty": ""},
    {"when": datetime.datetime(2018, 1, 30, 9, 15, 1, 123456, tzinfo=datetime.UTC)},
    {"day": datetime.date(2017, 5, 4), "at": datetime.time(12, 30), "span": datetime.timedelta(1)},
    {"amount": decimal.Decimal("1.50"), "id": uuid.UUID(int=8), "lazy": gettext_lazy("Rounds")},
    {7: "int key", 2.5: "float key", True: "bool key", None: "none key"},
    {"floats": [0.1, 36.2, -90.0, 1.5e-3, 123456.789], "nested": [[], {}, [None, False]]},
    {"big": 2**70, "tuple": (1, 2), "set": {3}},  # past 64 bits: DRF's encoder writes it
    # Floats below 0.0001 orjson spells otherwise (0.00005, 1.2e-7): DRF's renderer writes them.
    # Each on its own, so that one caught does not hide another missed.
    *({"small": f} for f in [5e-05, -1.2e-07, 1e-05, 9.9e-05, 2.5e-05, 1e-07, 1e-10, 3.3e-100]),
    {"small": [0.0001, 0.00025, 1e16, 1.5e17, 1e22, -1e-300]},
    {"slug": "de-escalation-1", "text": "the-2 type-3 e-4", "n": 1e-10},
    {"text": "0.00005 and 1.2e-7 in a string", "n": 1.5},
    ReturnDict({"count": 2}, serializer=None),
    ReturnList([{"a": 1}], serializer=None),
    [],
    "plain text",
]


@pytest.mark.parametrize("value", VALUES)
def test_the_text_is_drfs(value):
    assert JSONRenderer().render(value) == renderers.JSONRenderer().render(value)


def test_an_indented_answer_is_drfs_own():
    context = {"indent": 2}
    value = {"a": [1, {"b": "Сочи"}]}
    assert JSONRenderer().render(value, "application/json", context) == (
        renderers.JSONRenderer().render(value, "application/json", context)
    )
    assert b"\n  " in JSONRenderer().render(value, "application/json", context)


def test_nothing_is_no_text_and_what_cannot_be_encoded_is_drfs_error():
    assert JSONRenderer().render(None) == b""
    with pytest.raises(TypeError):
        JSONRenderer().render({"thing": object()})


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (b'{"n":0.00005}', True),
        (b'{"n":-1.2e-7}', True),
        (b'{"n":[1,1e-7]}', True),
        (b'{"n":1e-10,"m":3.3e-100}', False),
        (b'{"slug":"de-escalation-1","t":"type-3 e-4"}', False),
        (b"e-5", False),
        (b"", False),
    ],
)
def test_what_the_renderer_hands_to_drf(text, expected):
    assert spelt_otherwise(text) is expected
