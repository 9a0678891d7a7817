"""The trial listing families filter, and their shortlist."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import models
from django.utils import translation
from django.utils.http import urlencode
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Page, Site

from netsite.blocks import SHORT_TEXT_FEATURES
from netsite.models import BasePage, SiteSettings
from netsite.page_cache import cached_fragment

from .. import distance, sites
from ..facets import add_counts
from ..filters import TrialFilter
from ..shortlist import PARAM as SHORTLIST_PARAM
from ..shortlist import Shortlist, shortlist_context
from ..shortlist import query_with as shortlist_query_with
from .trial import ClinicalTrialPage

DEFAULT_SHORTLIST_QUESTIONS = """Is my child likely to be able to join this trial?
What would my child's treatment and visits be like on the trial?
How is it different from the treatment we would have otherwise?
What are the possible benefits and risks?
Where would we need to go, and how often? Who pays for travel and care?
Can we leave the trial later if we want to?"""


# The registry's long texts, which a listing card never shows: left out of the
# listing's query, which sorts every matching trial by title to take one page (half
# its time at 5,000 trials was carrying these).
CARD_UNUSED = (
    "brief_summary",
    "official_title",
    "eligibility_criteria",
    "family_summary",
    "registry_conditions",
    "registry_keywords",
    "collaborators",
)


class TrialListingPage(RoutablePageMixin, BasePage):
    """“Clinical trials”: every trial, filterable by condition, status, phase, age, group
    and place, with a family's shortlist (at ``shortlist/``) to print for the doctor."""

    intro = RichTextField(
        blank=True,
        features=SHORT_TEXT_FEATURES,
        help_text="A sentence or two above the filters explaining what trials are.",
    )
    per_page = models.PositiveSmallIntegerField(
        default=20, help_text="How many trials to show on each page of results (5–100)."
    )

    shortlist_questions = models.TextField(
        blank=True,
        default=DEFAULT_SHORTLIST_QUESTIONS,
        help_text="“Questions to ask your child's care team”, printed with every "
        "family's shortlist: one question per line. Empty: the section is left out.",
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("intro"),
        FieldPanel("per_page"),
        FieldPanel("shortlist_questions"),
    ]
    parent_page_types = ["netsite.HomePage"]
    subpage_types = ["trials.ClinicalTrialPage"]
    max_count = 1

    structured_data_type = "CollectionPage"

    class Meta:
        verbose_name = "trial listing page"

    @classmethod
    def url_for_request(cls, request) -> str:
        """The live trial listing's URL in the active language, else the English one
        ("" if none), cached until content changes."""
        site = Site.find_for_request(request)
        language = translation.get_language() or settings.LANGUAGE_CODE

        def find():
            listings = cls.objects.live().public().select_related("locale")
            listing = next(
                (each for each in listings if each.locale.language_code == language),
                listings.filter(locale__language_code=settings.LANGUAGE_CODE).first(),
            )
            return listing.get_url(request) if listing else ""

        return cached_fragment(
            f"trial-listing-url:{site.pk if site else 0}:{language}", find
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        filters = TrialFilter(
            request.GET,
            # A translated listing lists the trials of the English one (registry
            # data in English, marked so), linking to their translations where made.
            queryset=ClinicalTrialPage.objects.child_of(self.source_page)
            .live()
            .public(),
            our_names=sites.our_names(SiteSettings.for_request(request).our_facilities),
        )
        paginator = Paginator(self._ordered(filters), self.per_page)
        # get_page() turns a bad or out-of-range number into the first or last page.
        page_of_trials = paginator.get_page(request.GET.get("page"))
        page_of_trials.object_list = self._loaded(page_of_trials.object_list)
        add_counts(filters, paginator.count)
        shortlist = Shortlist.from_query(request.GET)
        translated = self._translations(page_of_trials.object_list)
        for trial in page_of_trials:
            trial.translated = translated.get(trial.translation_key)
            trial.nearest_site = filters.nearest.get(trial.pk)
            trial.on_shortlist = trial.nct_id in shortlist
            trial.shortlist_query = shortlist_query_with(
                request.GET,
                shortlist.without_id(trial.nct_id)
                if trial.on_shortlist
                else shortlist.with_id(trial.nct_id),
            )
        query = request.GET.copy()
        query.pop("page", None)
        # The same filters with closed trials included, for the "no results" hint.
        include_closed = query.copy()
        include_closed["status"] = "all"
        context.update(
            shortlist=shortlist,
            shortlist_url=self.shortlist_url(shortlist.value, request.GET.get("zip")),
            trial_link_query=self._trial_link_query(shortlist, filters),
            filters=filters,
            form=filters.form,
            trials=page_of_trials,
            paginator=paginator,
            filter_query=query.urlencode(),
            include_closed_query=include_closed.urlencode(),
        )
        return context

    def _translations(self, trials) -> dict:
        """On a translated listing, the live translations of ``trials`` in its
        language, by translation key (one query); none on the English listing."""
        if not self.is_translation:
            return {}
        return {
            trial.translation_key: trial
            for trial in ClinicalTrialPage.objects.filter(
                translation_key__in=[trial.translation_key for trial in trials],
                locale_id=self.locale_id,
            )
            .live()
            .public()
            .only("id", "path", "depth", "url_path", "translation_key", "title")
        }

    @staticmethod
    def _trial_link_query(shortlist: Shortlist, filters: TrialFilter) -> str:
        """What a trial card's link carries to the trial page: the family's shortlist
        (so the page can add to it) and ZIP code (so its sites come nearest first)."""
        query = {SHORTLIST_PARAM: shortlist.value, "zip": filters.value("zip", "")}
        return urlencode({name: value for name, value in query.items() if value})

    def shortlist_url(self, value: str, zip_code: str | None = None) -> str:
        """The shortlist page for the IDs in ``value`` (the family's ZIP code kept, for
        the nearest sites)."""
        query = {SHORTLIST_PARAM: value}
        if zip_code and distance.zip_centroid(zip_code):
            query["zip"] = zip_code
        return f"{self.url}{self.reverse_subpage('shortlist')}?{urlencode(query)}"

    @path("shortlist/", name="shortlist")
    def shortlist_view(self, request):
        """The family's shortlist, laid out to print for their child's care team."""
        trials = ClinicalTrialPage.objects.child_of(self.source_page).live().public()
        return self.render(
            request,
            template="trials/shortlist_page.html",
            context_overrides=shortlist_context(self, request, trials),
        )

    @staticmethod
    def _ordered(filters: TrialFilter):
        """By title; nearest first when the family gave a ZIP code (the distances are
        worked out in Python, so the IDs are sorted here and the page loaded after)."""
        if not filters.value("zip"):
            return filters.qs.for_cards().defer(*CARD_UNUSED).order_by("title", "id")
        rows = filters.qs.order_by().values_list("pk", "title")
        nearest = filters.nearest
        return [
            pk
            for pk, _title in sorted(
                rows, key=lambda row: (nearest[row[0]].miles, row[1], row[0])
            )
        ]

    @staticmethod
    def _loaded(trials) -> list:
        """The page's trials, loaded from their IDs (in order) when sorted by distance."""
        trials = list(trials)
        if trials and isinstance(trials[0], int):
            found = (
                ClinicalTrialPage.objects.for_cards()
                .defer(*CARD_UNUSED)
                .in_bulk(trials)
            )
            trials = [found[pk] for pk in trials if pk in found]
        return trials

    def clean(self):
        super().clean()
        if not 5 <= self.per_page <= 100:
            raise ValidationError(
                {"per_page": "Choose between 5 and 100 trials per page."}
            )
