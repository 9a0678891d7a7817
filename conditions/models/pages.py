"""Condition pages families read, the A–Z index that lists them, and their parts."""

from collections import defaultdict
from typing import NamedTuple

from django.db import models
from django.forms import CheckboxSelectMultiple
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page, TranslatableMixin
from wagtail.search import index

from medical_review.models import MedicalReviewFields
from netsite import schema
from netsite.blocks import SHORT_TEXT_FEATURES
from netsite.models import BasePage, live_related_pages
from netsite.querysets import is_public

from ..blocks import MedicalBodyBlock
from ..panels import ReadingLevelPanel
from ..schema import condition_graph


class ConditionIndexPage(BasePage):
    """“Conditions we treat”: every condition A–Z, grouped by first letter."""

    intro = RichTextField(
        blank=True,
        features=SHORT_TEXT_FEATURES,
        help_text="A sentence or two above the A–Z list.",
    )

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["netsite.HomePage"]
    subpage_types = ["conditions.ConditionPage"]
    max_count = 1

    structured_data_type = "CollectionPage"

    class Meta:
        verbose_name = "condition index page"

    def a_to_z(self, request=None):
        """[(letter, [AZEntry])]: every live, public condition and its A–Z names.

        Names and links only, read as plain values (no page objects, no URL lookup per
        entry): at 500 conditions with 1,000 other names this page was 650 KB and
        0.45 s to render with summaries and a page object per entry; the summaries
        are on the condition pages and in search results.
        """
        conditions = (
            ConditionPage.objects.child_of(self)
            .live()
            .public()
            .values_list("id", "title", "url_path")
        )
        # A child's URL is this page's URL plus the rest of its url_path, as Wagtail
        # builds every page URL from the tree path.
        base_url, base_path = self.get_url(request), self.url_path
        titles, urls, entries = {}, {}, []
        for page_id, title, url_path in conditions:
            titles[page_id] = title
            urls[page_id] = base_url + url_path[len(base_path) :]
            entries.append(AZEntry(title, urls[page_id]))
        aliases = (
            ConditionAlias.objects.filter(page__in=conditions.values("id"))
            .filter(show_in_a_to_z=True)
            .order_by("sort_order")
            .values_list("page_id", "name")
        )
        for page_id, name in aliases:
            entries.append(AZEntry(name, urls[page_id], titles[page_id]))
        groups = defaultdict(list)
        for entry in sorted(entries, key=lambda e: e.name.casefold()):
            first = entry.name[:1].upper()
            groups[first if first.isalpha() else "#"].append(entry)
        return sorted(groups.items())

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["letters"] = self.a_to_z(request)
        return context


class AZEntry(NamedTuple):
    """A line of the A–Z: a condition's title, or another name of it ("see …")."""

    name: str
    url: str
    alias_of: str = ""  # the condition's title, for another name


class ConditionPage(MedicalReviewFields, BasePage):
    """A condition explained for families: what it is, who treats it here, and trials."""

    short_name = models.CharField(
        max_length=60,
        blank=True,
        help_text="Short name used in headings, e.g. “NETs” gives “How we care for NETs”. "
        "Leave empty to use the title.",
    )
    overview_heading = models.CharField(
        max_length=120,
        blank=True,
        help_text="Heading above the overview, as a family would ask it (e.g. “What are "
        "neuroendocrine tumors?”). Leave empty for “What is it?”.",
    )
    overview = RichTextField(
        features=SHORT_TEXT_FEATURES,
        help_text="“What is it?” in plain words: a short paragraph or two. The "
        "also-known-as names are shown next to it automatically.",
    )
    where_it_forms_intro = models.CharField(
        "Where they form: introduction",
        max_length=255,
        blank=True,
        help_text="Optional sentence introducing the body sites, e.g. “These tumors can "
        "form in:”.",
    )
    functioning_text = RichTextField(
        "Functioning and non-functioning",
        blank=True,
        features=SHORT_TEXT_FEATURES,
        help_text="Where it applies: how “functioning” (hormone-making) and "
        "“non-functioning” forms differ, and what that means for symptoms.",
    )
    body = StreamField(
        MedicalBodyBlock(),
        blank=True,
        help_text="Further sections (symptoms, diagnosis, treatment …), each with a "
        "heading, and “Questions to ask your child's care team” if it helps.",
    )
    care_text = RichTextField(
        "How we care",
        blank=True,
        features=SHORT_TEXT_FEATURES,
        help_text="“How we care”: how the team treats this condition. The programs chosen "
        "below are listed after this text with their contact details.",
    )
    research_text = RichTextField(
        "Latest research",
        blank=True,
        features=SHORT_TEXT_FEATURES,
        help_text="“Latest research”: what our researchers are working on, in plain words.",
    )
    trials_text = RichTextField(
        "Clinical trials introduction",
        blank=True,
        features=SHORT_TEXT_FEATURES,
        help_text="Introduction to clinical trials for this condition. Open trials linked to "
        "this condition are listed after it automatically.",
    )
    collaborative_groups = ParentalManyToManyField(
        "programs.CollaborativeGroup",
        blank=True,
        related_name="conditions",
        help_text="Collaborative research groups (e.g. Children's Oncology Group) through "
        "which we offer trials for this condition.",
    )
    related_conditions = ParentalManyToManyField(
        "self",
        blank=True,
        symmetrical=False,
        related_name="+",
        help_text="Other conditions families reading this page may want to know about.",
    )

    content_panels = [
        ReadingLevelPanel(),
        *Page.content_panels,
        FieldPanel("short_name"),
        FieldPanel("summary"),
        InlinePanel(
            "also_known_as",
            heading="Also known as",
            label="Other name",
            help_text="Other names families may have heard. Shown on the page and used as "
            "search synonyms and to match registry trials.",
        ),
        MultiFieldPanel(
            [FieldPanel("overview_heading"), FieldPanel("overview")], heading="Overview"
        ),
        MultiFieldPanel(
            [
                FieldPanel("where_it_forms_intro"),
                InlinePanel("body_sites", label="Body site"),
            ],
            heading="Where it forms",
        ),
        InlinePanel("types", heading="Types and subtypes", label="Type"),
        # Only some conditions make hormones: collapsed, so the others can skip it.
        MultiFieldPanel(
            [FieldPanel("functioning_text")],
            heading="Functioning and non-functioning (only where it applies)",
            classname="collapsed",
        ),
        FieldPanel("body"),
        MultiFieldPanel(
            [FieldPanel("care_text"), InlinePanel("care_programs", label="Program")],
            heading="How we care",
        ),
        FieldPanel("research_text"),
        MultiFieldPanel(
            [
                FieldPanel("trials_text"),
                FieldPanel("collaborative_groups", widget=CheckboxSelectMultiple),
            ],
            heading="Clinical trials",
        ),
        FieldPanel("related_conditions", widget=CheckboxSelectMultiple),
        *MedicalReviewFields.review_panels,
    ]
    # The summary is edited on the content tab, next to the text it summarises.
    promote_panels = [*Page.promote_panels, FieldPanel("social_image")]

    search_fields = [
        *BasePage.search_fields,
        index.SearchField("overview"),
        index.SearchField("body"),
        index.RelatedFields("also_known_as", [index.SearchField("name", boost=5)]),
        index.RelatedFields("types", [index.SearchField("name", boost=3)]),
    ]

    parent_page_types = ["conditions.ConditionIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = "condition page"

    # A condition page shows this many open trials; the trial listing has the rest.
    # Common conditions can have dozens of open studies, and a family reading on a
    # phone is better served by the newest few and one link to all of them.
    TRIALS_SHOWN = 10

    @cached_property
    def _newest_open_trials(self) -> list:
        """Up to ``TRIALS_SHOWN + 1`` open trials, newest first (the extra one tells
        whether there are more)."""
        if self.pk is None:  # a preview of a page not saved yet has no trials
            return []
        # ``trials`` is the reverse of the trials' condition links (trials → conditions);
        # trials name the English page, whose trials a translation shows.
        return list(
            self.source_page.trials.live()
            .public()
            .open()
            .for_cards()
            .order_by("-first_published_at", "-id")[: self.TRIALS_SHOWN + 1]
        )

    @property
    def open_trials(self) -> list:
        """The newest live trials linked to this condition that are open to new
        patients (at most ``TRIALS_SHOWN``)."""
        return self._newest_open_trials[: self.TRIALS_SHOWN]

    @property
    def has_more_open_trials(self) -> bool:
        """More open trials than the page shows: the page links to the full list."""
        return len(self._newest_open_trials) > self.TRIALS_SHOWN

    @property
    def heading_name(self) -> str:
        return self.short_name or self.title

    search_result_label = "Condition"
    request_kinds = ("appointment", "second-opinion")

    def request_routing_pages(self) -> list:
        """A request about a condition goes to the team for the condition, else to
        that of the first program (in “How we care” order) that treats it."""
        programs = [
            link.program
            for link in self.care_programs.select_related("program").order_by(
                "sort_order"
            )
            if is_public(link.program)
        ]
        return [self, *programs]

    page_feedback = True  # “Was this page helpful?” (feedback app)

    def schema_ref(self, request) -> dict:
        """How other pages' JSON-LD name this condition (trials, programs)."""
        return {
            "@type": "MedicalCondition",
            "name": self.title,
            "url": self.get_full_url(request),
        }

    def structured_data(self, data: schema.PageData) -> list[dict]:
        """A MedicalWebPage about a MedicalCondition, with its names, sites, trials."""
        return condition_graph(self, data)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["aliases"] = list(self.also_known_as.all())
        context["body_sites"] = list(self.body_sites.all())
        context["types"] = list(self.types.all())
        context["groups"] = list(self.collaborative_groups.all())
        context["care_programs"] = [
            link
            for link in self.care_programs.select_related("program").order_by(
                "sort_order"
            )
            if is_public(link.program)
        ]
        if self.is_translation:
            # The programs in this page's language where they are translated.
            localize_links(context["care_programs"], "program", self.locale_id)
        context["related"] = live_related_pages(self.related_conditions)
        context["trial_listing_url"] = self.trials.model.listing_url(request)
        context["trial_feed_url"] = self.trials.model.feed_url(self.source_page)
        return context


def localize_links(links, attribute: str, locale_id: int) -> None:
    """Point each link's page (``link.<attribute>``) at its live, public translation
    in ``locale_id`` where there is one: one query for all of them."""
    pages = [getattr(link, attribute) for link in links]
    if not pages:
        return
    translations = {
        page.translation_key: page
        for page in type(pages[0])
        .objects.filter(
            translation_key__in=[page.translation_key for page in pages],
            locale_id=locale_id,
        )
        .live()
        .public()
    }
    for link, page in zip(links, pages, strict=True):
        setattr(link, attribute, translations.get(page.translation_key, page))


class ConditionAlias(TranslatableMixin, Orderable):
    """Another name for a condition ("NETs", "carcinoid tumors")."""

    page = ParentalKey(
        ConditionPage, on_delete=models.CASCADE, related_name="also_known_as"
    )
    name = models.CharField(
        max_length=120,
        help_text="The other name, as families would write it (e.g. “NETs”).",
    )
    note = models.CharField(
        max_length=255,
        blank=True,
        help_text="Optional: when this name is used (e.g. “especially in the lungs or gut”).",
    )
    show_in_a_to_z = models.BooleanField(
        "Show in the A–Z",
        default=True,
        help_text="List this name in the A–Z index, pointing to the condition.",
    )

    panels = [FieldPanel("name"), FieldPanel("note"), FieldPanel("show_in_a_to_z")]

    class Meta(TranslatableMixin.Meta, Orderable.Meta):
        verbose_name = "also-known-as name"

    def __str__(self):
        return self.name


class ConditionBodySite(TranslatableMixin, Orderable):
    """A part of the body where the condition forms."""

    page = ParentalKey(
        ConditionPage, on_delete=models.CASCADE, related_name="body_sites"
    )
    name = models.CharField(
        max_length=120, help_text="Body site in plain words (e.g. “Pancreas”)."
    )
    note = models.CharField(
        max_length=255,
        blank=True,
        help_text="Optional short note (e.g. “often called carcinoid tumors here”).",
    )

    panels = [FieldPanel("name"), FieldPanel("note")]

    class Meta(TranslatableMixin.Meta, Orderable.Meta):
        verbose_name = "body site"

    def __str__(self):
        return self.name


class ConditionType(TranslatableMixin, Orderable):
    """A type or subtype of the condition, with a one-line explanation."""

    FUNCTIONING = "functioning"
    NON_FUNCTIONING = "non-functioning"
    HORMONE_CHOICES = [
        ("", _("Does not apply")),
        (FUNCTIONING, _("Functioning (makes hormones)")),
        (NON_FUNCTIONING, _("Non-functioning (makes no hormones)")),
    ]

    page = ParentalKey(ConditionPage, on_delete=models.CASCADE, related_name="types")
    group = models.CharField(
        max_length=120,
        blank=True,
        help_text="Optional group the type belongs to; types with the same group are "
        "listed together (e.g. “Pancreatic NETs (islet cell tumors)”).",
    )
    name = models.CharField(
        max_length=120, help_text="Name of the type (e.g. “Insulinoma”)."
    )
    description = models.CharField(
        max_length=255,
        help_text="One plain-language line explaining it (e.g. “makes too much insulin”).",
    )
    hormone_activity = models.CharField(
        max_length=20,
        blank=True,
        choices=HORMONE_CHOICES,
        help_text="For tumors that can make hormones: whether this type does.",
    )

    panels = [
        FieldPanel("group"),
        FieldPanel("name"),
        FieldPanel("description"),
        FieldPanel("hormone_activity"),
    ]

    class Meta(TranslatableMixin.Meta, Orderable.Meta):
        verbose_name = "type"

    def __str__(self):
        return self.name


class ConditionProgram(TranslatableMixin, Orderable):
    """A program that treats the condition, in the order editors choose ("How we care")."""

    page = ParentalKey(
        ConditionPage, on_delete=models.CASCADE, related_name="care_programs"
    )
    program = models.ForeignKey(
        "programs.ProgramPage",
        on_delete=models.CASCADE,
        related_name="condition_links",
        help_text="A program or center that treats this condition.",
    )
    note = models.CharField(
        max_length=255,
        blank=True,
        help_text="Optional: what this program does for the condition (e.g. “for advanced "
        "tumors”).",
    )

    panels = [FieldPanel("program"), FieldPanel("note")]

    class Meta(TranslatableMixin.Meta, Orderable.Meta):
        verbose_name = "program that treats this condition"
        constraints = [
            models.UniqueConstraint(
                fields=["page", "program"], name="unique_condition_program"
            )
        ]

    def __str__(self):
        return f"{self.page} → {self.program}"
