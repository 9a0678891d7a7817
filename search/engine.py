"""Search: synonym-aware, typo-tolerant, labelled, paginated; a fixed number of queries.

How a query is answered (``search_site``):

1. ``clean_query`` makes any input safe to use: control characters and NUL bytes go,
   whitespace collapses, and the length is capped (``MAX_QUERY_LENGTH``).
2. The *vocabulary* (``conditions.names``: three queries): every live, public
   condition's title and short name, its also-known-as names, its types (“VIPoma”) and
   the editors' ``ConditionSynonym`` terms. Kept in each process until the next content
   change (``search.matching.load_vocabulary``), so a synonym an editor adds works on
   the next search, without a restart or re-index. The registry importer reads the
   same names to link trials.
3. ``search.matching.match_conditions`` compares the query's words with the vocabulary: exact words, a
   light plural folding (“NETs” = “NET”), prefixes of four letters or more, and typos
   within a Damerau–Levenshtein distance of 1 (words of 4–5 letters) or 2 (6 letters or
   more), found with ``difflib`` and then checked exactly. A condition whose names cover
   every word of the query is ranked first (exact names before corrected ones), at most
   ``MAX_CONDITION_HITS``.
4. The rest comes from Wagtail's database search backend (FTS5 on SQLite, tsvector on
   PostgreSQL) over every page type with a ``search_result_label``, with typos
   corrected from step 3 and the matched condition's title added as a phrase when it was
   found by another name, so “carcinoid” also finds trials about neuroendocrine tumors.
5. On PostgreSQL only, when nothing at all was found, the backend's trigram ``Fuzzy``
   search gets one more try (pg_trgm, enabled by this app's migration), which catches
   typos in words that are not condition names. SQLite has no such search, so there
   typos are only corrected for words in the vocabulary.

On PostgreSQL, steps 4 and 5 are answered from indexes (search/migrations/0002): a GIN
index on the backend's ``title || body`` expression, and trigram indexes that pick the
fuzzy candidates (``_trigram_candidates``) before the backend's own test and ranking.

Editors' search promotions (``wagtail.contrib.search_promotions``) come before
everything. The result is a ``SearchOutcome`` that the view renders and records.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.contrib.postgres.lookups import TrigramWordSimilar
from django.core.paginator import Page as PaginatorPage
from django.core.paginator import Paginator
from django.db import DatabaseError, connection, transaction
from django.db.models import F, Q, Value
from wagtail.contrib.search_promotions.models import SearchPromotion
from wagtail.models import Page, get_page_models
from wagtail.search.backends import get_search_backend
from wagtail.search.models import IndexEntry
from wagtail.search.query import Fuzzy, Or, Phrase, PlainText
from wagtail.search.utils import normalise_query_string

from netsite.i18n import current_language, locale_codes
from netsite.querysets import is_public

from .matching import (
    ConditionHit,
    Vocabulary,
    backend_terms,
    content_words,
    load_vocabulary,
    match_conditions,
)

logger = logging.getLogger(__name__)

MAX_QUERY_LENGTH = 200
RESULTS_PER_PAGE = 10

_CONTROL_CHARS = re.compile(
    r"[\x00-\x1f\x7f-\x9f\u200b-\u200f\u2028-\u202e\u2066-\u2069\ufeff]"
)


# --- Cleaning and normalising ---------------------------------------------------------


def clean_query(raw: str | None) -> tuple[str, bool]:
    """The query as typed, made safe to search and to show: (text, was it shortened?).

    NUL bytes, control and bidi-override characters become spaces (a NUL makes
    PostgreSQL raise; an RLO could make the echoed query read backwards), lone
    surrogates are dropped, runs of whitespace collapse, and anything past
    ``MAX_QUERY_LENGTH`` is cut off.
    """
    text = raw or ""
    text = text.encode("utf-8", "ignore").decode("utf-8")  # drops unpaired surrogates
    text = _CONTROL_CHARS.sub(" ", text)
    text = " ".join(text.split())
    truncated = len(text) > MAX_QUERY_LENGTH
    if truncated:
        text = text[:MAX_QUERY_LENGTH].rstrip()
    return text, truncated


# --- Results --------------------------------------------------------------------------


def result_type(page) -> str:
    """The label of a result, as its page type declares it ("Condition", "Page" …)."""
    return getattr(page, "search_result_label", None) or "Page"


def searchable_models():
    """Every page type with a search result label (``BasePage.search_result_label``)."""
    return [
        model
        for model in get_page_models()
        if getattr(model, "search_result_label", None)
    ]


class RankedResults:
    """Matched conditions first, then the backend's results, as one sliceable sequence.

    Django's Paginator only needs ``count()`` and slicing, so a page of results costs
    one query for the conditions (only when the page shows any) plus the backend's own.
    """

    def __init__(self, head_ids: list[int], tail, tail_count: int):
        self.head_ids = head_ids
        self.tail = tail
        self._count = len(head_ids) + tail_count

    def count(self) -> int:
        return self._count

    def __len__(self) -> int:
        return self.count()

    def __getitem__(self, item):
        if not isinstance(item, slice):
            raise TypeError("RankedResults can only be sliced")
        start, stop = item.start or 0, item.stop
        head_count = len(self.head_ids)
        items = []
        if start < head_count:
            ids = self.head_ids[start:stop]
            pages = Page.objects.filter(id__in=ids).specific().in_bulk()
            items = [pages[page_id] for page_id in ids if page_id in pages]
        tail_start = max(start - head_count, 0)
        tail_stop = None if stop is None else max(stop - head_count, 0)
        if tail_stop is None or tail_stop > tail_start:
            items.extend(self.tail[tail_start:tail_stop])
        return items


@dataclass
class SearchOutcome:
    """Everything the search page shows for one query."""

    query: str = ""
    truncated: bool = False
    corrected_query: str = ""
    promotions: list = field(default_factory=list)
    results: PaginatorPage | None = None
    paginator: Paginator | None = None
    fuzzy: bool = False

    @property
    def total(self) -> int:
        return (self.paginator.count if self.paginator else 0) + len(self.promotions)

    @property
    def corrected(self) -> bool:
        return bool(self.corrected_query) and self.corrected_query != self.query


def current_locale_ids() -> list[int]:
    """The locale of the language being searched in (cached: no query)."""
    language = current_language()
    return [pk for pk, code in locale_codes().items() if code == language]


def _base_queryset(exclude_ids):
    # The pages in the language of the search (/search/ English, /es/search/ Spanish).
    return (
        Page.objects.live()
        .public()
        .filter(locale_id__in=current_locale_ids())
        .type(*searchable_models())
        .exclude(id__in=exclude_ids)
        .specific()
    )


def _backend_query(
    text: str, hits: list[ConditionHit], vocabulary: Vocabulary, operator: str
):
    """The backend query: the (corrected) words, plus the best condition's title as a
    phrase when it was found by another of its names."""
    words = backend_terms(text)
    query = PlainText(words, operator=operator) if words else None
    if hits and hits[0].via.kind != "title":
        title = backend_terms(vocabulary.titles[hits[0].condition_id])
        if title:
            phrase = Phrase(title)
            query = Or([query, phrase]) if query else phrase
    return query


# Wagtail's SQLite (FTS5) backend scores every match in a subquery of its own, so
# ranking thousands of matches takes seconds (4.7 s for 5,000 in bench/search_bench.py).
# Past this many matches SQLite lists them newest first instead; PostgreSQL ranks any
# number (0.3 s for the same query).
SQLITE_RANKED_LIMIT = 500


def _search_backend(text, hits, vocabulary, exclude_ids):
    """The backend's results and their number: all words first; if none, any of them."""
    base = _base_queryset(exclude_ids)  # one view-restriction lookup for all tries
    results, count = base.none(), 0
    for operator in ("and", "or"):
        query = _backend_query(text, hits, vocabulary, operator)
        if query is None:
            return results, 0
        results = base.search(query)
        count = results.count()
        if count or len(backend_terms(text).split()) < 2:
            break
    if connection.vendor == "sqlite" and count > SQLITE_RANKED_LIMIT:
        results = base.order_by("-first_published_at", "-id").search(
            query, order_by_relevance=False
        )
    return results, count


def trigram_match(words: str) -> Q:
    """``words <% title_text OR words <% body_text``: what the trigram indexes answer."""
    return Q(TrigramWordSimilar(F("title_text"), Value(words))) | Q(
        TrigramWordSimilar(F("body_text"), Value(words))
    )


def _trigram_candidates(words: str) -> list[int]:
    """Ids of the pages whose index entry is within the fuzzy threshold of ``words``.

    The backend's own test, ``GREATEST(word_similarity(q, title), word_similarity(q,
    body)) >= threshold``, cannot use an index, so it compared every entry (0.3 s on the
    bench data). ``q <% text`` is the same test against the session's threshold, and the
    trigram indexes (migration 0002) answer it; the backend then applies its own test
    and ranking to these few candidates, so the results are the same. Read at once, in
    a savepoint rolled back afterwards, so the threshold and the planner setting last
    for this one read only.
    """
    threshold = float(get_search_backend().fuzzy_similarity_threshold)
    # Pages' entries are picked here, not in SQL, so that the trigram indexes are the
    # only ones the read can use.
    page_types = {
        content_type.pk
        for content_type in ContentType.objects.get_for_models(
            Page, *get_page_models()
        ).values()
    }
    entries = IndexEntry.objects.filter(trigram_match(words)).values_list(
        "content_type_id", "object_id"
    )
    with transaction.atomic():
        with connection.cursor() as cursor:
            # Comparing trigrams with every long body costs far more than the planner
            # thinks on a small table: the indexes are always cheaper here.
            cursor.execute(
                "SELECT set_config('pg_trgm.word_similarity_threshold', %s, true), "
                "set_config('enable_seqscan', 'off', true)",
                [str(threshold)],
            )
        candidates = [int(pk) for kind, pk in entries if kind in page_types]
        transaction.set_rollback(True)  # undoes the settings; nothing was written
    return candidates


def _fuzzy_backend(text, exclude_ids):
    """PostgreSQL's trigram search, when pg_trgm is there; None when it cannot run."""
    words = backend_terms(text)
    if connection.vendor != "postgresql" or not words:
        return None
    try:
        # A missing extension is an SQL error; the savepoint keeps the
        # transaction usable.
        with transaction.atomic():
            candidates = _trigram_candidates(words)
            results = (
                _base_queryset(exclude_ids)
                .filter(id__in=candidates)
                .search(Fuzzy(words))
            )
            results.count()
    except DatabaseError:
        logger.warning(
            "Fuzzy search is unavailable (is pg_trgm installed?)", exc_info=True
        )
        return None
    return results


def get_promotions(query_string: str):
    """Editors' promotions for this query, in order: external links, and pages every
    visitor may see (never a draft's or a private page's title)."""
    promotions = (
        SearchPromotion.objects.filter(
            query__query_string=normalise_query_string(query_string)
        )
        .select_related("page")
        .order_by("sort_order", "id")
    )
    # A promoted page shows in its own language's search only.
    locales = current_locale_ids()
    return [
        p
        for p in promotions
        if p.page_id is None or (is_public(p.page) and p.page.locale_id in locales)
    ]


def search_site(
    raw_query: str | None, page_number=1, per_page=RESULTS_PER_PAGE
) -> SearchOutcome:
    """Answer a visitor's query: typed, labelled, paginated results (see module doc)."""
    query, truncated = clean_query(raw_query)
    outcome = SearchOutcome(query=query, truncated=truncated)
    if not backend_terms(query) and not content_words(query):
        return outcome

    vocabulary = load_vocabulary(current_language())
    hits, corrected = match_conditions(query, vocabulary)
    outcome.corrected_query = corrected
    outcome.promotions = get_promotions(query)
    promoted_ids = [p.page_id for p in outcome.promotions if p.page_id]
    head_ids = [
        hit.condition_id for hit in hits if hit.condition_id not in promoted_ids
    ]

    tail, tail_count = _search_backend(
        corrected, hits, vocabulary, [*promoted_ids, *head_ids]
    )
    if not head_ids and not promoted_ids and not tail_count:
        fuzzy = _fuzzy_backend(corrected, promoted_ids)
        if fuzzy is not None:
            tail, outcome.fuzzy = fuzzy, True
            tail_count = fuzzy.count()  # counted already: no second query

    outcome.paginator = Paginator(RankedResults(head_ids, tail, tail_count), per_page)
    # get_page() turns a missing, bad or out-of-range number into the first or
    # last page.
    outcome.results = outcome.paginator.get_page(page_number)
    for result in outcome.results:
        result.result_type = result_type(result)
    return outcome
