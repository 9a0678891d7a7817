"""Matching a query's words against the vocabulary of condition names.

The vocabulary is every name of every live, public condition (``conditions.names``):
titles, short names, also-known-as names, types and editors' synonyms. A query word
matches a vocabulary word exactly, by a prefix of four letters or more, or with typos
within a Damerau–Levenshtein distance of 1 (words of 4–5 letters) or 2 (6 letters or
more). A condition whose names cover every word of the query is a hit; hits are
ranked exact names first, then by cost.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field

from conditions import names
from conditions.names import fold
from netsite.page_cache import current_generation

MAX_CONDITION_HITS = 10
# The words of a query that carry no meaning for matching condition names.
STOPWORDS = frozenset(
    "a an and are about at be by can do does for from how i in is it my of on or our "
    "the their to what when where which who why with".split()
)
_WORD = names.WORD  # the same words the condition vocabulary is made of


def content_words(text: str) -> list[str]:
    """The folded words of a text, without stop words."""
    words = (fold(word) for word in _WORD.findall(text))
    return [word for word in words if word and word not in STOPWORDS]


def backend_terms(text: str) -> str:
    """Only the word characters of a query, for the search backend.

    Quotes, ``*``, ``-``, ``NEAR(`` and friends have meaning in SQLite FTS5 and
    PostgreSQL tsquery syntax; passing them through would let a visitor write a query
    that the database rejects. Families gain nothing from that syntax, so it is removed.
    """
    return " ".join(
        word for word in _WORD.findall(text) if word.casefold() not in STOPWORDS
    )


# --- Typo tolerance -------------------------------------------------------------------


def allowed_edits(word: str) -> int:
    """Typos a word may carry and still match: 0 below 4 letters, 1 up to 5, else 2."""
    if len(word) < 4:
        return 0
    return 1 if len(word) <= 5 else 2


def edit_distance(a: str, b: str, limit: int) -> int:
    """Damerau–Levenshtein (optimal string alignment) distance, up to ``limit + 1``."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i, char_a in enumerate(a, 1):
        current = [i] + [0] * len(b)
        for j, char_b in enumerate(b, 1):
            cost = 0 if char_a == char_b else 1
            current[j] = min(
                previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost
            )
            if i > 1 and j > 1 and char_a == b[j - 2] and a[i - 2] == char_b:
                current[j] = min(current[j], previous2[j - 2] + 1)
        if min(current) > limit:
            return limit + 1
        previous2, previous = previous, current
    return previous[-1]


# --- The vocabulary of condition names ------------------------------------------------


@dataclass
class Term:
    """A name of a condition: title, short name, also-known-as name, type or synonym."""

    text: str
    condition_id: int
    kind: str  # "title", "name" (short name / alias / type) or "synonym"
    words: list[str] = field(default_factory=list)


@dataclass
class Vocabulary:
    """Every name of every live, public condition, indexed by folded word."""

    titles: dict[int, str]
    terms: list[Term]
    by_word: dict[str, list[int]]  # folded word → indexes into terms
    surface: dict[str, str]  # folded word → a spelling of it to send to the backend

    @classmethod
    def build(
        cls, rows: list[tuple[str, int, str]], titles: dict[int, str]
    ) -> Vocabulary:
        terms, by_word, surface = [], {}, {}
        for text, condition_id, kind in rows:
            if condition_id not in titles or not text:
                continue
            words = []
            for raw in _WORD.findall(text):
                folded = fold(raw)
                if folded not in surface:
                    surface[folded] = raw.casefold()
                if folded not in STOPWORDS:
                    words.append(folded)
            if not words:
                continue
            terms.append(Term(text, condition_id, kind, words))
            for word in set(words):
                by_word.setdefault(word, []).append(len(terms) - 1)
        return cls(titles, terms, by_word, surface)


# (generation token, language) → vocabulary, of this process's last builds.
_built: dict[tuple[str, str | None], Vocabulary] = {}


def load_vocabulary(language: str | None = None) -> Vocabulary:
    """The names of every live, public condition in ``language`` (English unless
    given; conditions/names.py).

    Built from three queries and kept in this process until content changes: any
    publish, unpublish or change to an alias, type or synonym starts a new page-cache
    generation (netsite.page_cache), so a synonym an editor adds works on the next
    search, on every app server. Building it takes ~15 ms at 500 conditions, more
    than the rest of a search. Rebuilt every time while the cache is down.
    """
    global _built  # noqa: PLW0603 - one value per process, replaced whole
    token = current_generation()
    built = _built.get((token, language)) if token else None
    if built is not None:
        return built
    titles, condition_names = names.condition_names(live_only=True, language=language)
    rows = [(name.text, name.condition_id, name.kind) for name in condition_names]
    vocabulary = Vocabulary.build(rows, titles)
    if token:
        # Only the current generation's entries are worth keeping.
        _built = {key: value for key, value in _built.items() if key[0] == token} | {
            (token, language): vocabulary
        }
    return vocabulary


# --- Matching the query against the vocabulary ----------------------------------------


@dataclass
class WordMatch:
    """The vocabulary words a query word stands for, each with its cost (0 = exact)."""

    word: str
    candidates: dict[str, float]


def match_word(word: str, vocabulary: Vocabulary) -> WordMatch:
    """Exact, then prefix (4+ letters), then typo candidates for a folded query word."""
    if word in vocabulary.by_word:
        return WordMatch(word, {word: 0.0})
    candidates: dict[str, float] = {}
    if len(word) >= 4:
        for known in vocabulary.by_word:
            if known.startswith(word):
                candidates[known] = 0.5
    limit = allowed_edits(word)
    if limit:
        # difflib is the cheap pre-filter; the exact edit distance decides.
        for known in difflib.get_close_matches(
            word, vocabulary.by_word, n=8, cutoff=0.6
        ):
            distance = edit_distance(word, known, limit)
            if distance <= limit:
                candidates.setdefault(known, float(distance))
    return WordMatch(word, candidates)


@dataclass
class ConditionHit:
    """A condition whose names cover the whole query, and how well."""

    condition_id: int
    cost: float
    exact_name: bool
    via: Term

    def sort_key(self):
        kinds = {"title": 0, "name": 1, "synonym": 2}
        return (
            not self.exact_name,
            self.cost,
            kinds[self.via.kind],
            self.via.text.casefold(),
        )


def match_conditions(
    query: str, vocabulary: Vocabulary
) -> tuple[list[ConditionHit], str]:
    """Conditions whose names cover every word of the query, best first, and the query
    with typos corrected (the same text when nothing needed correcting)."""
    words = content_words(query)
    if not words or not vocabulary.terms:
        return [], query
    matches = [match_word(word, vocabulary) for word in words]
    if any(not match.candidates for match in matches):
        return [], query

    best: dict[int, ConditionHit] = {}
    for condition_id, term, cost in _covering_terms(matches, vocabulary):
        hit = ConditionHit(condition_id, cost, exact_name=term.words == words, via=term)
        if condition_id not in best or hit.sort_key() < best[condition_id].sort_key():
            best[condition_id] = hit
    hits = sorted(best.values(), key=lambda hit: (hit.sort_key(), hit.condition_id))
    return hits[:MAX_CONDITION_HITS], _corrected(query, matches, vocabulary)


def _covering_terms(matches: list[WordMatch], vocabulary: Vocabulary):
    """(condition id, term, cost) for every term holding a candidate of each word."""
    per_word = []
    for match in matches:
        terms: dict[int, float] = {}
        for known, cost in match.candidates.items():
            for index in vocabulary.by_word[known]:
                terms[index] = min(cost, terms.get(index, cost))
        per_word.append(terms)
    common = set.intersection(*(set(terms) for terms in per_word))
    for index in common:
        term = vocabulary.terms[index]
        yield term.condition_id, term, sum(terms[index] for terms in per_word)


def _corrected(query: str, matches: list[WordMatch], vocabulary: Vocabulary) -> str:
    """The query with each misspelt word replaced by its closest vocabulary word."""
    fixes = {}
    for match in matches:
        if match.word in match.candidates:
            continue
        typo = {known: cost for known, cost in match.candidates.items() if cost >= 1}
        if typo:
            best = min(typo, key=lambda known: (typo[known], known))
            fixes[match.word] = vocabulary.surface.get(best, best)
    if not fixes:
        return query
    return " ".join(fixes.get(fold(raw), raw) for raw in query.split())
