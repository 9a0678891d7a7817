"""Typed, bounded access to untrusted registry JSON, for the record parser.

Every read goes through :class:`Node`, so a wrong type, a text too long, a list too
long or a date that does not exist is reported the same way: a :class:`RecordError`
naming the study and the full dotted path. Text is cleaned of control and bidi-override
characters on the way in.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any, TypeVar

from netsite.text import UNSAFE_CHARACTERS

from .values import (
    Age,
    RecordError,
    is_real_date,
    json_type,
    parse_age,
    preview,
)

# ---------------------------------------------------------------------------
# Typed access to untrusted JSON
# ---------------------------------------------------------------------------

T = TypeVar("T")

_TYPE_NAMES: dict[type, str] = {
    str: "a string",
    bool: "true or false",
    dict: "an object",
    list: "a list",
}


_WHITESPACE = re.compile(r"\s+")

# Longest text taken from one field. Short fields hold names and titles (a page title
# holds 255 characters); long ones are summaries and eligibility criteria, far below
# this in real records (the registry itself caps them at 5,000 and 20,000).
SHORT_TEXT_LIMIT = 255
LONG_TEXT_LIMIT = 20_000
# Longest list taken from one field (conditions, keywords, sites …) and the largest
# record, as JSON: real records with results are well under a megabyte.
LIST_LIMIT = 1_000
CHILDREN_LIMIT = 5_000  # sites of the largest multi-center trials
RECORD_BYTES_LIMIT = 4 * 1024 * 1024


def clean_text(text: str) -> str:
    return UNSAFE_CHARACTERS.sub("", text).strip()


def single_line(text: str) -> str:
    """Titles and names: one line, single spaces."""
    return _WHITESPACE.sub(" ", text)


@dataclass(frozen=True)
class Node:
    """A JSON object at a known dotted path, with typed getters.

    Every read goes through :meth:`get`, so every wrong type is reported the
    same way, naming the full path. ``null`` is treated as absent.
    """

    data: Mapping[str, Any]
    path: str
    nct_id: str | None

    def error(self, field: str, message: str) -> RecordError:
        return RecordError(message, nct_id=self.nct_id, field=field)

    def _join(self, key: str) -> str:
        return f"{self.path}.{key}" if self.path else key

    def get(self, key_path: str, kind: type[T]) -> T | None:
        """The value at ``key_path`` (dotted, relative), or None if absent."""
        value: Any = self.data
        path = self.path
        keys = key_path.split(".")
        for index, key in enumerate(keys):
            path = f"{path}.{key}" if path else key
            value = value.get(key)
            if value is None:
                return None
            expected = kind if index == len(keys) - 1 else dict
            if not isinstance(value, expected):
                raise self.error(
                    path,
                    f"must be {_TYPE_NAMES[expected]} (got {json_type(value)})",
                )
        return value

    def text(
        self,
        key_path: str,
        *,
        required: bool = False,
        max_length: int = SHORT_TEXT_LIMIT,
        one_line: bool | None = None,
    ) -> str:
        """The text at ``key_path``, cleaned; on one line if ``one_line`` (the
        default for short fields: names, titles)."""
        value = clean_text(self.get(key_path, str) or "")
        if one_line or (one_line is None and max_length <= SHORT_TEXT_LIMIT):
            value = single_line(value)
        if required and not value:
            raise self.error(self._join(key_path), "is missing or empty")
        if len(value) > max_length:
            raise self.error(
                self._join(key_path),
                f"is {len(value):,} characters long; at most {max_length:,} are taken",
            )
        return value

    def choice(
        self, key_path: str, choices: Iterable[str], *, required: bool = False
    ) -> str:
        value = self.text(key_path, required=required)
        if value and value not in choices:
            raise self.error(self._join(key_path), not_one_of(choices, value))
        return value

    def flag(self, key_path: str) -> bool | None:
        return self.get(key_path, bool)

    def date(self, key_path: str) -> str:
        value = self.text(key_path)
        if value and not is_real_date(value):
            raise self.error(
                self._join(key_path),
                f"must be a real date like '2025-03-01' or '2025-03' "
                f"(got {preview(value)})",
            )
        return value

    def texts(self, key_path: str) -> tuple[str, ...]:
        """A list of strings: stripped, empty ones dropped, de-duplicated."""
        items = self.get(key_path, list) or []
        path = self._join(key_path)
        if len(items) > LIST_LIMIT:
            raise self.error(
                path, f"has {len(items):,} entries; at most {LIST_LIMIT:,} are taken"
            )
        values = []
        for index, item in enumerate(items):
            if not isinstance(item, str):
                raise self.error(
                    f"{path}[{index}]", f"must be a string (got {json_type(item)})"
                )
            value = single_line(clean_text(item))
            if len(value) > SHORT_TEXT_LIMIT:
                raise self.error(
                    f"{path}[{index}]",
                    f"is {len(value):,} characters long; at most "
                    f"{SHORT_TEXT_LIMIT:,} are taken",
                )
            values.append(value)
        return unique(values)

    def children(self, key_path: str) -> list[Node]:
        """A list of objects, each as a :class:`Node` with an indexed path."""
        items = self.get(key_path, list) or []
        path = self._join(key_path)
        if len(items) > CHILDREN_LIMIT:
            raise self.error(
                path,
                f"has {len(items):,} entries; at most {CHILDREN_LIMIT:,} are taken",
            )
        nodes = []
        for index, item in enumerate(items):
            item_path = f"{path}[{index}]"
            if not isinstance(item, dict):
                raise self.error(
                    item_path, f"must be an object (got {json_type(item)})"
                )
            nodes.append(Node(item, item_path, self.nct_id))
        return nodes

    def age(self, key_path: str) -> Age | None:
        text = self.text(key_path)
        if not text:
            return None
        return parse_age(text, nct_id=self.nct_id, field=self._join(key_path))


def not_one_of(choices: Iterable[str], got: str) -> str:
    return f"must be one of {', '.join(choices)} (got {preview(got)})"


def unique(values: Iterable[str]) -> tuple[str, ...]:
    """Drop empty strings and case-insensitive repeats, keeping first spelling."""
    seen: set[str] = set()
    result = []
    for value in values:
        key = value.casefold()
        if value and key not in seen:
            seen.add(key)
            result.append(value)
    return tuple(result)
