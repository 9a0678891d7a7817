"""A ``<select>`` for long option lists, rendered without a template per option."""

from django import forms
from django.utils.html import format_html, format_html_join


def _attrs(attrs: dict) -> str:
    """As Django's attrs.html: in order, ``True`` bare, ``False`` left out."""
    return format_html_join(
        "",
        "{}",
        (
            (
                format_html(" {}", name)
                if value is True
                else format_html(' {}="{}"', name, value),
            )
            for name, value in attrs.items()
            if value is not False
        ),
    )


class LongSelect(forms.Select):
    """``forms.Select``, same HTML, rendered in Python.

    Django renders each ``<option>`` through two templates: about 0.1 ms an option,
    50 ms for the trial listing's 500 conditions, more than the rest of the page. This
    builds the same markup (tests/trials/test_trial_listing.py compares the two)
    from the same context, every value escaped. No optgroups: the listing has none.
    """

    def render(self, name, value, attrs=None, renderer=None):
        widget = self.get_context(name, value, attrs)["widget"]
        # Django's option template ends in a newline: kept, so the HTML is the same.
        options = format_html_join(
            "",
            '\n  <option value="{}"{}>{}</option>\n',
            (
                (str(option["value"]), _attrs(option["attrs"]), option["label"])
                for _group, choices, _index in widget["optgroups"]
                for option in choices
            ),
        )
        return format_html(
            '<select name="{}"{}>{}\n</select>', name, _attrs(widget["attrs"]), options
        )
