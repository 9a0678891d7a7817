"""Snippets editors manage for conditions: search synonyms and the glossary."""

from django.db import models
from django.db.models.functions import Lower
from wagtail.admin.panels import FieldPanel


class ConditionSynonym(models.Model):
    """A word families use for a condition that is not one of its names.

    Lay words and old names. Site search reads these on every request (see
    ``search.engine``), so a term an editor adds works at once, without a restart.
    """

    term = models.CharField(
        max_length=120,
        help_text="The word or phrase families type, e.g. “belly tumor” or an old "
        "name. Capitals do not matter.",
    )
    condition = models.ForeignKey(
        "conditions.ConditionPage",
        on_delete=models.CASCADE,
        related_name="synonyms",
        help_text="The condition page that searching for this term should show first.",
    )
    note = models.CharField(
        max_length=255,
        blank=True,
        help_text="Optional, for editors only: why this term was added (e.g. “seen in "
        "the search terms report”). Not shown on the site.",
    )

    panels = [FieldPanel("term"), FieldPanel("condition"), FieldPanel("note")]

    class Meta:
        ordering = ["term"]
        verbose_name = "search synonym"
        constraints = [
            models.UniqueConstraint(
                Lower("term"), "condition", name="unique_condition_synonym_term"
            )
        ]

    def __str__(self):
        return f"{self.term} → {self.condition}"


class GlossaryTerm(models.Model):
    """A word families may not know, with a plain definition.

    Condition pages mark the first use of each term and list the definitions under
    "Words used on this page" (see ``conditions.templatetags.conditions_tags``).
    """

    term = models.CharField(
        max_length=80,
        help_text="The word or phrase as it appears in the text, e.g. “biopsy”. "
        "Capitals do not matter; each term can be added only once.",
    )
    definition = models.CharField(
        max_length=300,
        help_text="What it means, in one or two short, plain sentences a family can "
        "follow (grade 8 or lower).",
    )

    panels = [FieldPanel("term"), FieldPanel("definition")]

    class Meta:
        ordering = ["term"]
        verbose_name = "glossary term"
        constraints = [
            models.UniqueConstraint(
                Lower("term"),
                name="unique_glossary_term",
                violation_error_message="This term is already in the glossary.",
            )
        ]

    def __str__(self):
        return self.term
