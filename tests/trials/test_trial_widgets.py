"""The listing's long <select> renders exactly what Django's own Select does."""

import pytest
from django import forms

from trials.widgets import LongSelect

CHOICES = [
    ("", "Any condition"),
    (3, "Neuroendocrine tumors (12)"),
    (7, 'Wilms <tumor> & "friends" (0)'),
    (11, "Ewing sarcoma (4)"),
]


@pytest.mark.parametrize("value", [None, "", 7, "11", "999"])
def test_long_select_renders_as_djangos_select(value):
    attrs = {"id": "id_condition", "class": "field__input"}
    expected = forms.Select(choices=CHOICES).render("condition", value, attrs)

    rendered = LongSelect(choices=CHOICES).render("condition", value, attrs)

    assert rendered == expected
    assert "&lt;tumor&gt; &amp; &quot;friends&quot;" in rendered
