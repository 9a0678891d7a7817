"""The glossary: terms on condition pages are marked and defined without JavaScript."""

import re
from html.parser import HTMLParser

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from conditions.models import GlossaryTerm
from conditions.templatetags.conditions_tags import GlossaryState
from tests import factories

pytestmark = pytest.mark.django_db

# Elements that are not phrasing content, so must never appear inside a <p>.
BLOCK_ELEMENTS = {
    "address", "article", "aside", "blockquote", "details", "div", "dl", "fieldset",
    "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr",
    "main", "nav", "ol", "p", "pre", "section", "summary", "table", "ul",
}  # fmt: skip


class NestingChecker(HTMLParser):
    """Records block elements opened inside a <p>, and links opened inside links."""

    def __init__(self):
        super().__init__()
        self.open_p = self.open_a = 0
        self.errors = []

    def handle_starttag(self, tag, attrs):
        if self.open_p and tag in BLOCK_ELEMENTS:
            self.errors.append(f"<{tag}> inside <p>")
        if self.open_a and tag == "a":
            self.errors.append("<a> inside <a>")
        if tag == "p":
            self.open_p += 1
        elif tag == "a":
            self.open_a += 1

    def handle_endtag(self, tag):
        if tag == "p":
            self.open_p = max(0, self.open_p - 1)
        elif tag == "a":
            self.open_a = max(0, self.open_a - 1)


def nesting_errors(html: str) -> list[str]:
    checker = NestingChecker()
    checker.feed(html)
    checker.close()
    return checker.errors


def article(response) -> str:
    html = response.content.decode()
    return html[html.index('<article class="wrap condition">') :]


@pytest.fixture
def biopsy(db):
    return GlossaryTerm.objects.create(
        term="Biopsy", definition="Taking a tiny piece of tissue to look at."
    )


def condition(condition_index, **fields):
    return factories.ConditionPageFactory(parent=condition_index, **fields)


def test_first_use_in_the_overview_is_marked_once(client, condition_index, biopsy):
    page = condition(
        condition_index,
        overview="<p>A biopsy tells us the type. After the BIOPSY, we talk.</p>",
        care_text="<p>We explain every biopsy.</p>",
    )

    html = article(client.get(page.url))

    assert html.count('class="glossary-term"') == 1
    assert (
        f'<span class="glossary-term" id="glossary-use-{biopsy.pk}">biopsy</span>'
        f'<a class="glossary-ref" href="#glossary-{biopsy.pk}" '
        f'aria-describedby="glossary-definition-{biopsy.pk}">' in html
    )
    # Screen readers read the definition with the "?" link, where the term is used.
    assert (
        f'<span id="glossary-definition-{biopsy.pk}">'
        "Taking a tiny piece of tissue to look at.</span>" in html
    )
    assert "After the BIOPSY, we talk." in html
    assert "We explain every biopsy." in html
    # Listed once, with its definition, under "Words used on this page".
    assert "Words used on this page" in html
    assert f'id="glossary-{biopsy.pk}"' in html
    assert "<dt><dfn>Biopsy</dfn></dt>" in html
    assert "Taking a tiny piece of tissue to look at." in html
    assert f'href="#glossary-use-{biopsy.pk}"' in html


def test_whole_words_only(client, condition_index):
    GlossaryTerm.objects.create(term="stage", definition="How far it has spread.")
    page = condition(
        condition_index, overview="<p>Backstage staged stages. Then a stage.</p>"
    )

    html = article(client.get(page.url))

    assert "Backstage staged stages. Then a " in html
    assert html.count('class="glossary-term"') == 1
    assert '">stage</span><a class="glossary-ref"' in html


def test_never_inside_a_link_or_an_attribute(client, condition_index, biopsy):
    page = condition(
        condition_index,
        overview=(
            '<p><a href="https://example.org/biopsy">What a biopsy is</a> '
            "and <b>biopsy</b> results.</p>"
        ),
    )

    html = article(client.get(page.url))

    assert '<a href="https://example.org/biopsy">What a biopsy is</a>' in html
    # The first use outside the link is the one marked, inside the <b>.
    assert (
        f'<b><span class="glossary-term" id="glossary-use-{biopsy.pk}">biopsy</span>'
        in html
    )
    assert nesting_errors(html) == []


def test_longer_terms_win(client, condition_index):
    GlossaryTerm.objects.create(term="tumor", definition="A lump.")
    GlossaryTerm.objects.create(
        term="neuroendocrine tumor", definition="A tumor of hormone-making cells."
    )
    page = condition(condition_index, overview="<p>A neuroendocrine tumor.</p>")

    html = article(client.get(page.url))

    assert '">neuroendocrine tumor</span>' in html
    assert html.count('class="glossary-term"') == 1


def test_definitions_are_escaped(client, condition_index):
    GlossaryTerm.objects.create(
        term="scan", definition='<script>alert("x")</script> A picture & more.'
    )
    page = condition(condition_index, overview="<p>The scan is quick.</p>")

    html = article(client.get(page.url))

    assert "<script>alert" not in html
    assert (
        "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; A picture &amp; more."
        in html
    )


def test_page_with_no_glossary_terms(client, condition_index):
    page = condition(condition_index, overview="<p>A biopsy tells us the type.</p>")

    response = client.get(page.url)

    assert response.status_code == 200
    html = article(response)
    assert "<p>A biopsy tells us the type.</p>" in html
    assert "glossary-term" not in html
    assert "Words used on this page" not in html


def test_page_that_uses_none_of_the_terms(client, condition_index, biopsy):
    page = condition(condition_index, overview="<p>Nothing to define here.</p>")

    html = article(client.get(page.url))

    assert "glossary-term" not in html
    assert "Words used on this page" not in html


def count_queries(client, url) -> int:
    assert client.get(url).status_code == 200  # warm: site root paths and the like
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries.captured_queries)


def test_fixed_query_count_for_1_or_30_terms(client, condition_index):
    words = [f"word{chr(97 + i // 26)}{chr(97 + i % 26)}" for i in range(30)]
    page = condition(
        condition_index,
        overview=f"<p>{' '.join(words[:15])}.</p>",
        functioning_text=f"<p>{' '.join(words[15:])}.</p>",
        care_text="<p>More words.</p>",
        research_text="<p>Even more words.</p>",
    )
    GlossaryTerm.objects.create(term=words[0], definition="The first word.")
    one = count_queries(client, page.url)
    for word in words[1:]:
        GlossaryTerm.objects.create(term=word, definition=f"Meaning of {word}.")

    thirty = count_queries(client, page.url)

    assert one == thirty
    assert article(client.get(page.url)).count('class="glossary-term"') == 30


def test_condition_page_stays_valid(client, condition_index, biopsy):
    GlossaryTerm.objects.create(term="tumor", definition="A lump of cells.")
    page = condition(
        condition_index,
        overview="<p>A <i>tumor</i> is found.</p><ul><li>Then a biopsy.</li></ul>",
        functioning_text="<p>Some tumor types make hormones.</p>",
        research_text='<p>See <a href="/x/">tumor research</a>.</p>',
    )

    html = article(client.get(page.url))

    assert nesting_errors(html) == []
    ids = re.findall(r'\sid="([^"]+)"', html)
    assert len(ids) == len(set(ids)), "duplicate ids"
    # Every glossary link points at an entry that exists.
    for target in re.findall(r'class="glossary-ref" href="#([^"]+)"', html):
        assert f'id="{target}"' in html


def test_state_marks_text_nodes_only():
    state = GlossaryState(
        terms={"title": GlossaryTerm(pk=1, term="title", definition="A name.")}
    )
    state.pattern = state._pattern()

    html = state.mark_up('<p title="title"><!-- title -->A title.</p>')

    assert html.startswith('<p title="title"><!-- title -->A <span')
    assert [term.term for term in state.used] == ["title"]


def test_terms_are_unique_ignoring_case(biopsy):
    duplicate = GlossaryTerm(term="BIOPSY", definition="Again.")

    with pytest.raises(ValidationError, match="already in the glossary"):
        duplicate.full_clean()


def test_glossary_snippet_admin(client, django_user_model, biopsy):
    client.force_login(
        django_user_model.objects.create_superuser("ed", "ed@example.org", "pw-123456")
    )

    response = client.get("/admin/snippets/conditions/glossaryterm/?q=tissue")

    assert response.status_code == 200
    assert "Taking a tiny piece of tissue" in response.content.decode()


def test_a_new_term_shows_at_once(client, condition_index, biopsy):
    page = condition(condition_index, overview="<p>A biopsy and a scan.</p>")
    assert "scan</span>" not in article(client.get(page.url))

    GlossaryTerm.objects.create(term="scan", definition="A picture of the inside.")

    assert '">scan</span>' in article(client.get(page.url))
