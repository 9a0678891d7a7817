"""The one vocabulary of a condition's names, and the one rule that folds them.

A condition is known by its title ("Neuroendocrine tumors (NETs)"), its short name, its
also-known-as names ("carcinoid tumors"), its types ("Insulinoma", "VIPoma") and the
search synonyms editors add ("islet cell tumor"). Site search (``search.engine``) and
the registry importer (``trials.importer``) both read the names from here and compare
them after the same folding, so a word that finds a condition page in site search also
links a registry trial that names it, and the other way round.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass

from django.conf import settings
from django.db.models import CharField, Value

# Letters and digits; punctuation, underscores and spaces separate words.
WORD = re.compile(r"[^\W_]+")
_BRACKETS = re.compile(r"\(([^()]*)\)")

TITLE = "title"
NAME = "name"  # short name, also-known-as name or type
SYNONYM = "synonym"


@functools.lru_cache(maxsize=65536)
def fold(word: str) -> str:
    """A word as it is compared: case-folded, accents removed, plural "s" off.

    "Tumors" and "tumor", "Tumeur" and "tumeur" fold alike; "mass" keeps its "ss". The
    plural rule is crude, but both sides of every comparison go through it, so it only
    has to agree with itself. Cached: the vocabulary repeats the same few thousand words.
    """
    word = word.casefold()
    if not word.isascii():
        word = unicodedata.normalize("NFKD", word)
        word = "".join(ch for ch in word if not unicodedata.combining(ch))
    if len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
        word = word[:-1]
    return word


def words(text: str) -> list[str]:
    """The words of ``text``, as written."""
    return WORD.findall(text or "")


def fold_name(text: str) -> str:
    """A whole name folded word by word: "Thyroid Cancer, Medullary" →
    "thyroid cancer medullary"."""
    return " ".join(fold(word) for word in words(text))


def title_variants(title: str) -> list[str]:
    """The names a title stands for: "Neuroendocrine tumors (NETs)" is itself,
    "Neuroendocrine tumors" and "NETs"."""
    variants = [title, _BRACKETS.sub(" ", title), *_BRACKETS.findall(title)]
    return [variant for variant in variants if variant.strip()]


@dataclass(frozen=True)
class Name:
    """One name of one condition page."""

    text: str
    condition_id: int
    kind: str  # TITLE, NAME or SYNONYM


def condition_names(
    *, live_only: bool, language: str | None = None
) -> tuple[dict[int, str], list[Name]]:
    """Every condition's title by id, and every name of every condition.

    ``live_only``: only live, public pages (what site search may show); otherwise
    drafts too (the importer links trials to a page before it is published). Three
    queries, however many names there are; read fresh each time, so a synonym an
    editor adds works at once.
    """
    from .models import (  # noqa: PLC0415 - models import this module's helpers
        ConditionAlias,
        ConditionPage,
        ConditionSynonym,
        ConditionType,
    )

    # The pages in one language: English unless asked (trials name the English
    # pages; site search on /es/ looks in the Spanish ones, by their Spanish names).
    pages = ConditionPage.objects.filter(
        locale__language_code=language or settings.LANGUAGE_CODE
    )
    if live_only:
        pages = pages.live().public()
    titles: dict[int, str] = {}
    names: list[Name] = []
    for page_id, title, short_name in pages.values_list("id", "title", "short_name"):
        titles[page_id] = title
        names.append(Name(title, page_id, TITLE))
        if short_name:
            names.append(Name(short_name, page_id, NAME))

    def rows(model, text_field, page_field, kind):
        rows = model.objects.all()
        if live_only:
            rows = rows.filter(**{f"{page_field}__live": True})
        return (
            rows.annotate(kind=Value(kind, output_field=CharField()))
            .values_list(text_field, page_field, "kind")
            .order_by()
        )

    # One UNION query for the three kinds of other names. Names of pages that are
    # not public are dropped here (their ids are not in ``titles``).
    union = rows(ConditionAlias, "name", "page", NAME).union(
        rows(ConditionType, "name", "page", NAME),
        rows(ConditionSynonym, "term", "condition", SYNONYM),
        all=True,
    )
    names.extend(
        Name(text, page_id, kind)
        for text, page_id, kind in union
        if page_id in titles and text
    )
    return titles, names
