"""Glossary mark-up for condition pages.

In the page template::

    {% glossary_terms as glossary %}            (at most one query per page)
    {{ page.overview|richtext|glossary:glossary }}
    ...
    {% for term in glossary.used %} ... {% endfor %}  (the "Words used on this page" list)

The first use of each glossary term on the page is marked with a small "?" link to
its definition in the "Words used on this page" list at the end of the article. That
is plain phrasing content, so it is valid inside a paragraph, works without
JavaScript, prints, and screen readers announce the link as "what “term” means"
followed by the definition itself (``aria-describedby``), without leaving the text.
"""

import html
import re
from dataclasses import dataclass, field

from django import template
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext

from conditions.models import GlossaryTerm
from netsite.page_cache import cached_fragment

register = template.Library()

# Text inside these elements is never marked: links (a link inside a link is invalid),
# terms already marked, and anything that is not running text.
_SKIP_ELEMENTS = {"a", "dfn", "abbr", "code", "script", "style", "textarea", "button"}
_TAG = re.compile(r"(<!--.*?-->|<[^>]*>)", re.S)
_TAG_NAME = re.compile(r"<\s*(/?)\s*([a-zA-Z][a-zA-Z0-9-]*)")


@dataclass
class GlossaryState:
    """The glossary for one page render: every term, and the ones marked so far."""

    terms: dict[str, GlossaryTerm]
    used: list[GlossaryTerm] = field(default_factory=list)
    pattern: re.Pattern | None = None

    @classmethod
    def load(cls):
        """All glossary terms: one query, or none while they are in the cache.

        Saving or deleting a term starts a new cache generation (``GlossaryTerm`` is a
        model of a watched app, see ``netsite.page_cache.watched_models``).
        """
        rows = cached_fragment(
            "glossary-terms", lambda: list(GlossaryTerm.objects.all())
        )
        terms = {term.term.casefold(): term for term in rows}
        state = cls(terms=terms)
        state.pattern = state._pattern()
        return state

    def _pattern(self):
        if not self.terms:
            return None
        # Longest first, so "neuroendocrine tumor" wins over "tumor". Terms are
        # matched in escaped HTML text, so they are escaped too ("T&C" → "T&amp;C").
        alternatives = sorted(
            (re.escape(escape(term.term)) for term in self.terms.values()),
            key=len,
            reverse=True,
        )
        return re.compile(
            r"(?<![\w&])(" + "|".join(alternatives) + r")(?![\w])", re.IGNORECASE
        )

    def _mark(self, match):
        text = match.group(0)
        term = self.terms.get(html.unescape(text).casefold())
        if term is None or term in self.used:
            return text
        self.used.append(term)
        return (
            f'<span class="glossary-term" id="glossary-use-{term.pk}">{text}</span>'
            f'<a class="glossary-ref" href="#glossary-{term.pk}" '
            f'aria-describedby="glossary-definition-{term.pk}">'
            '<span aria-hidden="true">?</span>'
            f'<span class="visually-hidden"> (what “{text}” means)</span></a>'
        )

    def mark_up(self, html: str) -> str:
        """The HTML with the first use on the page of each term marked, text nodes only."""
        if self.pattern is None or not html:
            return html
        parts, skip_depth = [], 0
        for piece in _TAG.split(str(html)):
            if piece.startswith("<"):
                tag = _TAG_NAME.match(piece)
                if tag and tag.group(2).lower() in _SKIP_ELEMENTS:
                    closing = tag.group(1) == "/"
                    skip_depth = max(0, skip_depth - 1) if closing else skip_depth + 1
                parts.append(piece)
            elif piece and not skip_depth:
                parts.append(self.pattern.sub(self._mark, piece))
            else:
                parts.append(piece)
        return "".join(parts)


@register.simple_tag
def glossary_terms():
    """The page's glossary state: call once per page, before the ``glossary`` filter."""
    return GlossaryState.load()


@register.filter(is_safe=True)
def glossary(html, state):
    """Mark the first use on the page of each glossary term in rendered rich text.

    ``html`` must already be safe HTML (the output of ``|richtext``); ``state`` is
    the value of ``{% glossary_terms %}``. Without a state the HTML is returned as is.
    """
    if not isinstance(state, GlossaryState):
        return html
    return mark_safe(state.mark_up(html))  # noqa: S308 - only adds escaped text to safe HTML


@register.simple_tag
def az_entries(entries):
    """The ``<li>`` items of one letter of the conditions A–Z, in one string.

    Joined here rather than looped in the template: 1,500 entries at 500 conditions
    took ~40 ms in the template (and ~25 ms with ``format_html``), a few here. Every
    value is escaped.
    """
    esc = html.escape
    see = esc(gettext("see"))
    items = [
        f'<li>{esc(e.name)} — {see} <a href="{esc(e.url)}">{esc(e.alias_of)}</a></li>'
        if e.alias_of
        else f'<li><a href="{esc(e.url)}">{esc(e.name)}</a></li>'
        for e in entries
    ]
    return mark_safe("".join(items))  # noqa: S308 - every value is escaped above
