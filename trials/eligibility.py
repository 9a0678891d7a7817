"""The registry's eligibility criteria as "Who can join" and "Who cannot join" lists.

ClinicalTrials.gov writes criteria as Markdown-like text: an "Inclusion Criteria:" and an
"Exclusion Criteria:" heading (in any case, sometimes bold or as a Markdown heading),
each followed by bullets, numbers or nested lists. The text is untrusted: it is parsed
by markdown-it-py with raw HTML switched off (markup in it is shown as text), and the
result is cleaned by nh3 to a few list and paragraph tags. Text with no headings is one
block; text with no structure at all is shown as it is, with its line breaks.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import nh3
from django.utils.html import linebreaks
from django.utils.safestring import SafeString, mark_safe
from markdown_it import MarkdownIt

_MARKDOWN = MarkdownIt("commonmark", {"html": False, "linkify": False}).disable(
    ["image", "link", "autolink"]  # registry text links nowhere from our pages
)
_ALLOWED_TAGS = {"p", "ul", "ol", "li", "em", "strong", "br", "code"}

# A line that is only a heading: "Inclusion Criteria:", "**EXCLUSION CRITERIA**",
# "## Inclusion criteria", "Key Inclusion Criteria:".
_HEADING = re.compile(
    r"^[ \t]*(?:#{1,6}[ \t]*)?(?:\*\*|__)?[ \t]*(?:key[ \t]+)?"
    r"(?P<kind>inclusion|exclusion)[ \t]+criteria[ \t]*:?[ \t]*(?:\*\*|__)?[ \t]*:?[ \t]*$",
    re.IGNORECASE | re.MULTILINE,
)
_LIST_ITEM = re.compile(r"^[ \t]*(?:[-*+•]|\d{1,3}[.)])[ \t]+\S", re.MULTILINE)


@dataclass(frozen=True)
class Eligibility:
    """Sanitised HTML for each part ("" when the text has no such part)."""

    who_can_join: SafeString
    who_cannot_join: SafeString
    other: SafeString  # criteria with no heading, or text with no structure


def _render(text: str) -> SafeString:
    text = text.strip()
    if not text:
        return mark_safe("")  # noqa: S308 - empty
    # "•" bullets are common in registry text and are not Markdown's.
    text = re.sub(r"^([ \t]*)•[ \t]+", r"\1* ", text, flags=re.MULTILINE)
    html = _MARKDOWN.render(text)
    return mark_safe(nh3.clean(html, tags=_ALLOWED_TAGS, attributes={}))  # noqa: S308 - nh3 cleaned it


def parse_eligibility(text: str) -> Eligibility:
    """Split and render the registry's criteria."""
    text = (text or "").replace("\r\n", "\n").strip()
    empty = mark_safe("")  # noqa: S308 - empty
    if not text:
        return Eligibility(empty, empty, empty)
    headings = list(_HEADING.finditer(text))
    if not headings and not _LIST_ITEM.search(text):
        # No structure we recognise: as it is (escaped), with its line breaks.
        return Eligibility(empty, empty, mark_safe(linebreaks(text, autoescape=True)))  # noqa: S308
    parts = {"inclusion": [], "exclusion": []}
    before = text[: headings[0].start()] if headings else text
    for index, heading in enumerate(headings):
        end = headings[index + 1].start() if index + 1 < len(headings) else len(text)
        parts[heading.group("kind").lower()].append(text[heading.end() : end])
    return Eligibility(
        who_can_join=_render("\n\n".join(parts["inclusion"])),
        who_cannot_join=_render("\n\n".join(parts["exclusion"])),
        other=_render(before),
    )
