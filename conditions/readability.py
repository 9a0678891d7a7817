"""How hard a condition page is to read: the figure editors see while editing.

The grade is the Flesch–Kincaid grade level from ``textstat``. Families read these
pages under stress, so the site's target is grade 8 or lower; the figure is advice
for editors and never stops a page being published.
"""

import re
from dataclasses import dataclass, field
from html import unescape

from django.utils.html import strip_tags
from textstat.textstat import textstatistics

TARGET_GRADE = 8
LONGEST_SENTENCES = 3

# The rich-text fields of a condition page, in the order a family reads them.
RICH_TEXT_FIELDS = [
    "overview",
    "functioning_text",
    "care_text",
    "research_text",
    "trials_text",
]

# textstat counts English syllables with NLTK's CMU dictionary, which it downloads on
# first use; our servers cannot fetch it. A language code whose root is not "en"
# makes textstat count syllables with pyphen's English hyphenation dictionary, which
# ships inside the pyphen package, so measuring never touches the network.
_TEXTSTAT_LANG = "en-US"

_BLOCK_END = re.compile(r"(</(?:p|h\d|li|blockquote|dt|dd)>|<(?:br|hr)\s*/?>)", re.I)
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")
_WORD = re.compile(r"[^\W_]+(?:['’-][^\W_]+)*")


@dataclass
class ReadingLevel:
    """The measured text of a page: its grade, length and longest sentences."""

    grade: float | None
    word_count: int
    longest_sentences: list[str] = field(default_factory=list)
    target: int = TARGET_GRADE

    @property
    def meets_target(self) -> bool:
        """True when there is text to measure and its grade is at or below the target."""
        return self.grade is not None and self.grade <= self.target


def html_to_lines(html: str) -> list[str]:
    """Plain-text lines from rich-text HTML: one per paragraph, heading or list item."""
    text = unescape(strip_tags(_BLOCK_END.sub(r"\1\n", html or "")))
    return [" ".join(line.split()) for line in text.splitlines() if line.strip()]


def split_sentences(lines: list[str]) -> list[str]:
    """Sentences from plain-text lines; a line with no full stop (a heading, a list
    item) counts as one sentence of its own."""
    sentences = []
    for line in lines:
        sentences.extend(s.strip() for s in _SENTENCE_END.split(line) if s.strip())
    return sentences


def word_count(text: str) -> int:
    """Words in plain text ("hormone-making" and "don't" are one word each)."""
    return len(_WORD.findall(text))


def page_text_lines(page) -> list[str]:
    """The text families read on a condition page: summary, rich text and body."""
    lines = [" ".join(page.summary.split())] if getattr(page, "summary", "") else []
    for name in RICH_TEXT_FIELDS:
        lines.extend(html_to_lines(str(getattr(page, name, "") or "")))
    body = getattr(page, "body", None)
    if body:
        for fragment in body.stream_block.get_searchable_content(body):
            lines.extend(html_to_lines(str(fragment)))
    return lines


def measure_text(sentences: list[str]) -> ReadingLevel:
    """The reading level of a list of sentences."""
    if not sentences:
        return ReadingLevel(grade=None, word_count=0)
    # Every sentence ends in punctuation, so textstat sees a heading as a sentence too.
    text = " ".join(s if s[-1] in ".!?" else f"{s}." for s in sentences)
    stats = textstatistics()
    stats.set_lang(_TEXTSTAT_LANG)
    grade = round(stats.flesch_kincaid_grade(text), 1)
    longest = sorted(sentences, key=word_count, reverse=True)[:LONGEST_SENTENCES]
    return ReadingLevel(
        grade=grade, word_count=word_count(text), longest_sentences=longest
    )


def reading_level(page) -> ReadingLevel:
    """The reading level of a condition page's summary, rich text and body.

    Uses the page object as given: in the editor that is the latest saved revision.
    """
    return measure_text(split_sentences(page_text_lines(page)))
