"""A few hundred nasty queries against site search and the trial filters: never a 500.

The strings are generated (fixed seed), not hand-picked: lengths, quotes, SQL and FTS
syntax, LIKE wildcards, backslashes, NUL and control characters, HTML, right-to-left and
CJK scripts, emoji, combining marks. Unpaired surrogates cannot be sent as UTF-8 by any
client, so they are tested on the cleaning function directly instead.
"""

import itertools
import random

import pytest

from search.engine import MAX_QUERY_LENGTH, clean_query, search_site
from tests import factories

pytestmark = pytest.mark.django_db

MARKER = "<script>alert(1)</script>"

SEEDS = [
    "",
    " ",
    "\t\n",
    '"',
    "'",
    "''",
    '"neuroendocrine tumors"',
    '"unterminated',
    "%",
    "%%",
    "_",
    "%_%",
    "100%",
    "\\",
    "\\\\",
    "\\x00",
    "\x00",
    "a\x00b",
    "\x1b[31m",
    "\x7f",
    "' OR 1=1 --",
    "'; DROP TABLE wagtailcore_page; --",
    "1; SELECT pg_sleep(5)",
    "UNION SELECT NULL, NULL",
    "NEAR(a b)",
    "a AND NOT b",
    "a OR",
    "AND",
    "-",
    "*",
    "a*",
    "^a",
    "title:x",
    "{a b}",
    "a:b:c",
    "(((",
    ")",
    "&|!",
    "!!",
    "<->",
    "a & b | !c",
    MARKER,
    '"><img src=x onerror=alert(1)>',
    "<b>bold</b>",
    "&amp;&lt;",
    "javascript:alert(1)",
    "{{ 7*7 }}",
    "{% debug %}",
    "${jndi:ldap://x}",
    "ورم الغدد الصم العصبية",  # Arabic (right to left)
    "גידול נוירואנדוקריני",  # Hebrew
    "\u202eevil\u202c",
    "神经内分泌肿瘤",  # Chinese
    "神経内分泌腫瘍",  # Japanese
    "신경내분비종양",  # Korean
    "нейроэндокринная опухоль",  # Russian
    "🧒🏽🎗️",
    "👨‍👩‍👧",
    "e\u0301\u0301\u0301",
    "Z̤͔ͧ̑̓ä͖̭̈̇lͮ̒ͫǫ̗̻",
    "\ufeffNETs",
    "\u200bNETs\u200b",
    "ﬁ",
    "İstanbul",
    "ß",
    "NCT",
    "NCT0",
    "NCT99999999",
    "nct09990001",
    "0",
    "-1",
    "9" * 400,
    "1e309",
    "NaN",
    "None",
    "null",
    "[]",
    "{}",
]
PAGE_VALUES = ["", "0", "-1", "1", "2", "999999", "1e9", "x", "%00", "1.5", " 1", "٣"]
AGE_VALUES = ["", "0", "-5", "3", "1200", "1201", "99999999999999999999", "a", "1.5"]
PHASE_VALUES = ["", "PHASE2", "phase2", "x", "%", "PHASE2' OR '1'='1", "\\"]


def nasty_strings(count=300, seed=20261125):
    """The seeds, then random mixes of them, long repeats, and random code points."""
    rng = random.Random(seed)  # noqa: S311 (test data, not secrets)
    strings = list(SEEDS)
    strings += ["tumor " * 2000, "x" * 10_000, "é" * 5000, MARKER * 500]
    while len(strings) < count:
        kind = rng.randrange(3)
        if kind == 0:
            strings.append(" ".join(rng.sample(SEEDS, rng.randint(2, 4))))
        elif kind == 1:
            strings.append(rng.choice(SEEDS) * rng.randint(2, 60))
        else:
            strings.append(
                "".join(
                    chr(
                        rng.choice([rng.randint(0x20, 0x7E), rng.randint(0xA0, 0xD7FF)])
                    )
                    for _ in range(rng.randint(1, 40))
                )
            )
    return strings[:count]


@pytest.fixture
def searchable(condition_index, program_index, trial_listing):
    condition = factories.ConditionPageFactory(
        parent=condition_index, title="Neuroendocrine tumors"
    )
    factories.ConditionAliasFactory(page=condition, name="NETs")
    factories.ProgramPageFactory(
        parent=program_index, title="Endocrine-Oncology Program"
    )
    factories.ClinicalTrialPageFactory(
        parent=trial_listing, title="A study for NETs", conditions=[condition]
    )
    return condition


def assert_normal_page(response, query, failures):
    if response.status_code != 200:
        failures.append((response.status_code, query[:80]))
    elif MARKER in query and MARKER.encode() in response.content:
        failures.append(("unescaped", query[:80]))


def test_nasty_search_queries_never_fail(searchable, client):
    strings = nasty_strings()
    assert len(strings) >= 300
    failures = []
    for query, page in zip(strings, itertools.cycle(PAGE_VALUES), strict=False):
        response = client.get("/search/", {"q": query, "page": page})
        assert_normal_page(response, query, failures)
    assert failures == []


def test_nasty_trial_filters_never_fail(searchable, client):
    values = itertools.product(AGE_VALUES, PHASE_VALUES, PAGE_VALUES)
    failures = []
    for query, (age, phase, page) in zip(nasty_strings(), values, strict=False):
        response = client.get(
            "/trials/",
            {"q": query, "age": age, "phase": phase, "page": page, "status": "all"},
        )
        assert_normal_page(response, query, failures)
    assert failures == []


def test_search_and_filters_still_work_after_the_fuzz(searchable, client):
    """The database connection is not left broken by any of the queries above."""
    for query in nasty_strings(60):
        client.get("/search/", {"q": query})
        client.get("/trials/", {"q": query})

    response = client.get("/search/", {"q": "NETs"})
    assert "Neuroendocrine tumors" in response.content.decode()
    assert b"A study for NETs" in client.get("/trials/", {"q": "NETs"}).content


def test_unpaired_surrogates_are_dropped_before_searching(searchable):
    text, _ = clean_query("NE\ud800Ts \udfff")

    assert text == "NETs"
    outcome = search_site("\ud83dNETs")
    assert outcome.query == "NETs"
    assert outcome.total >= 1


def test_every_query_is_capped():
    for query in nasty_strings():
        assert len(clean_query(query)[0]) <= MAX_QUERY_LENGTH
