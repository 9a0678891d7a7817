"""A clinical trial: one page per registry study, and the phases it can be in."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page, PageManager
from wagtail.search import index

from conditions.blocks import MedicalBodyBlock
from medical_review.models import MedicalReviewFields, TranslatableFieldsWithoutReview
from netsite import schema
from netsite.blocks import SHORT_TEXT_FEATURES
from netsite.models import BasePage, SiteSettings, live_related_pages
from netsite.querysets import SitePageQuerySet
from programs.models import CollaborativeGroup

from .. import distance, freshness, sites
from ..eligibility import Eligibility, parse_eligibility
from ..forms import ClinicalTrialPageForm, nct_id_validator, validate_registry_age
from ..registry import values
from ..schema import trial_graph
from ..shortlist import Shortlist
from .translated import REGISTRY_FIELDS, take_registry_data


class Phase(models.Model):
    """A registry trial phase; the six rows are created by a migration."""

    code = models.CharField(
        max_length=20, unique=True, help_text="Registry code, e.g. PHASE2."
    )
    label = models.CharField(max_length=40, help_text="Plain label, e.g. “Phase 2”.")
    sort_order = models.PositiveSmallIntegerField(default=0, help_text="Listing order.")

    class Meta:
        ordering = ["sort_order"]

    def __str__(self):
        return self.label


# --- Clinical trials ------------------------------------------------------------------


class TrialQuerySet(SitePageQuerySet):
    def open(self):
        """Trials open to new patients (recruiting, or about to)."""
        return self.filter(overall_status__in=values.OPEN_STATUSES)

    def for_cards(self):
        """With what a trial card shows (trials/components/trial_card.html): its
        group, its phases and when our team last confirmed it, in fixed queries."""
        return freshness.with_last_confirmed(
            self.select_related("collaborative_group").prefetch_related("phases")
        )


class ClinicalTrialPage(MedicalReviewFields, BasePage):
    """A clinical trial, its registry facts and a family-friendly summary written by staff."""

    STATUS_CHOICES = list(values.OVERALL_STATUS_LABELS.items())
    OPEN_STATUSES = sorted(values.OPEN_STATUSES)
    STUDY_TYPE_CHOICES = list(values.STUDY_TYPE_LABELS.items())
    SEX_CHOICES = [("ALL", "All"), ("FEMALE", "Female"), ("MALE", "Male")]

    # Written by staff; never overwritten by a registry import.
    family_summary = RichTextField(
        blank=True,
        features=SHORT_TEXT_FEATURES,
        help_text="What this study is about, for families, in plain words. Shown first.",
    )
    eligibility_short = models.CharField(
        max_length=255,
        blank=True,
        help_text="Who can join, in one short line (e.g. “Progressive or recurrent tumor”).",
    )
    body = StreamField(
        MedicalBodyBlock(),
        blank=True,
        help_text="Optional sections for families, shown before “Ask about this trial”: "
        "what taking part is like, and “Questions to ask your child's care team” "
        "(what the study is for, how it differs from standard treatment, visits and "
        "tests, whom to call).",
    )
    conditions = ParentalManyToManyField(
        "conditions.ConditionPage",
        blank=True,
        related_name="trials",
        help_text="Condition pages that list this trial. Imports add matches for new "
        "registry conditions; they never remove a link you chose.",
    )
    collaborative_group = models.ForeignKey(
        CollaborativeGroup,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="trials",
        help_text="The collaborative group that runs the trial, if any. Leave empty for "
        "the center's own trials.",
    )

    objects = PageManager.from_queryset(TrialQuerySet)()

    # From ClinicalTrials.gov; a registry sync overwrites these.
    nct_id = models.CharField(
        "NCT ID",
        max_length=11,
        unique=True,
        # Empty on a translation alone, which reads it from its English page.
        null=True,
        blank=True,
        validators=[nct_id_validator],
        help_text="The ClinicalTrials.gov identifier: “NCT” and 8 digits.",
    )
    official_title = models.TextField(
        blank=True, help_text="The registry's official title."
    )
    acronym = models.CharField(
        max_length=60, blank=True, help_text="Study acronym, if any."
    )
    brief_summary = models.TextField(
        blank=True, help_text="The registry's brief summary."
    )
    overall_status = models.CharField(
        max_length=32,
        choices=STATUS_CHOICES,
        default="RECRUITING",
        help_text="Recruitment status in the registry.",
    )
    phases = ParentalManyToManyField(
        Phase,
        blank=True,
        related_name="trials",
        help_text="Study phase(s); none for observational studies.",
    )
    study_type = models.CharField(
        max_length=20,
        choices=STUDY_TYPE_CHOICES,
        blank=True,
        help_text="Whether the study tests a treatment (interventional) or observes.",
    )
    minimum_age = models.CharField(
        max_length=20,
        blank=True,
        validators=[validate_registry_age],
        help_text="Youngest age that can join, as “6 Months” or “2 Years”. Empty: no limit.",
    )
    maximum_age = models.CharField(
        max_length=20,
        blank=True,
        validators=[validate_registry_age],
        help_text="Oldest age that can join, as “21 Years”. Empty: no limit.",
    )
    # Derived from the two ages on save so the listing can filter by a child's age.
    minimum_age_months = models.DecimalField(
        max_digits=8, decimal_places=3, null=True, blank=True, editable=False
    )
    maximum_age_months = models.DecimalField(
        max_digits=8, decimal_places=3, null=True, blank=True, editable=False
    )
    sex = models.CharField(
        max_length=10,
        choices=SEX_CHOICES,
        default="ALL",
        help_text="Who can join by sex.",
    )
    eligibility_criteria = models.TextField(
        blank=True, help_text="The registry's full eligibility criteria."
    )
    registry_conditions = models.JSONField(
        default=list,
        blank=True,
        help_text="Condition names as the registry lists them.",
    )
    registry_keywords = models.JSONField(
        default=list, blank=True, help_text="Keywords as the registry lists them."
    )
    lead_sponsor = models.CharField(
        max_length=255,
        blank=True,
        help_text="The organization responsible for the study.",
    )
    collaborators = models.JSONField(
        default=list, blank=True, help_text="Other organizations the registry names."
    )
    principal_investigator = models.CharField(
        max_length=255, blank=True, help_text="Study chair or principal investigator."
    )
    contact_name = models.CharField(
        max_length=255,
        blank=True,
        help_text="Who families should contact about the study.",
    )
    contact_phone = models.CharField(
        max_length=40, blank=True, help_text="Contact phone."
    )
    contact_email = models.EmailField(blank=True, help_text="Contact e-mail.")
    start_date = models.CharField(
        max_length=10, blank=True, help_text="Study start, as the registry gives it."
    )
    registry_last_updated = models.CharField(
        max_length=10, blank=True, help_text="When the registry record last changed."
    )
    status_changed_at = models.DateTimeField(
        null=True,
        blank=True,
        editable=False,
        help_text="When an import last changed the trial's status (for the trial feeds).",
    )
    last_synced_at = models.DateTimeField(
        null=True,
        blank=True,
        editable=False,
        help_text="When this page was last updated from ClinicalTrials.gov.",
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("nct_id"),
        FieldPanel("summary"),
        FieldPanel("family_summary"),
        FieldPanel("eligibility_short"),
        FieldPanel("body"),
        FieldPanel("conditions"),
        FieldPanel("collaborative_group"),
        MultiFieldPanel(
            [
                FieldPanel("official_title"),
                FieldPanel("acronym"),
                FieldPanel("brief_summary"),
                FieldRowPanel([FieldPanel("overall_status"), FieldPanel("study_type")]),
                FieldPanel("phases"),
                FieldRowPanel(
                    [
                        FieldPanel("minimum_age"),
                        FieldPanel("maximum_age"),
                        FieldPanel("sex"),
                    ]
                ),
                FieldPanel("eligibility_criteria"),
                FieldPanel("lead_sponsor"),
                FieldPanel("principal_investigator"),
                FieldRowPanel(
                    [
                        FieldPanel("contact_name"),
                        FieldPanel("contact_phone"),
                        FieldPanel("contact_email"),
                    ]
                ),
                FieldRowPanel(
                    [FieldPanel("start_date"), FieldPanel("registry_last_updated")]
                ),
                FieldPanel("registry_conditions", read_only=True),
                FieldPanel("registry_keywords", read_only=True),
                FieldPanel("collaborators", read_only=True),
            ],
            heading="From ClinicalTrials.gov (updated by each registry sync)",
            classname="collapsed",
        ),
        *MedicalReviewFields.review_panels,
    ]
    promote_panels = [*Page.promote_panels, FieldPanel("social_image")]
    base_form_class = ClinicalTrialPageForm
    search_fields = [
        *BasePage.search_fields,
        index.SearchField("nct_id", boost=5),
        index.FilterField("nct_id"),
        index.SearchField("official_title"),
        index.SearchField("brief_summary"),
        index.SearchField("body"),
        index.SearchField("registry_conditions"),
        index.SearchField("registry_keywords"),
        index.FilterField("overall_status"),
    ]

    parent_page_types = ["trials.TrialListingPage"]
    subpage_types = []

    class Meta:
        verbose_name = "clinical trial page"
        permissions = [
            ("import_trials", "Can import and sync trials from ClinicalTrials.gov"),
            (
                "publish_uploaded_trials",
                "Can publish trial records uploaded as files without Medical review",
            ),
        ]

    def clean(self):
        super().clean()
        if not self.nct_id and not self.is_translation:
            raise ValidationError({"nct_id": "Give the trial's NCT ID."})
        low, high = (
            self._age_months(self.minimum_age),
            self._age_months(self.maximum_age),
        )
        if low is not None and high is not None and low > high:
            raise ValidationError(
                {
                    "maximum_age": "The oldest age must not be younger than the youngest age."
                }
            )

    def save(self, *args, **kwargs):
        self.minimum_age_months = self._age_months(self.minimum_age)
        self.maximum_age_months = self._age_months(self.maximum_age)
        super().save(*args, **kwargs)

    # A translation translates the staff's words; the registry's data is read from
    # the English page at every render (trials/models/translated.py).
    translatable_fields = TranslatableFieldsWithoutReview(REGISTRY_FIELDS)
    exclude_fields_in_copy = [*MedicalReviewFields.exclude_fields_in_copy, "nct_id"]

    def get_context(self, request, *args, **kwargs):
        registry = self.source_page
        if registry.pk != self.pk:
            take_registry_data(self, registry)
        context = super().get_context(request, *args, **kwargs)
        context["conditions"] = live_related_pages(registry.conditions)
        names = sites.our_names(SiteSettings.for_request(request).our_facilities)
        site_list = list(registry.sites.all())
        for site in site_list:
            site.ours = sites.is_ours(site.facility, names)
        # From a listing near a ZIP code, the sites nearest the family come first.
        zip_code = request.GET.get("zip", "")[:10]
        home = distance.zip_centroid(zip_code)
        context["sites"] = sites.in_display_order(site_list, names, home)
        context["near_zip"] = zip_code if home else ""
        context["here"] = sites.HERE_LABELS[sites.here_status(site_list, names)]
        context["ours"] = any(site.ours for site in site_list)
        self.last_confirmed_at = registry.confirmations.values_list(
            "confirmed_at", flat=True
        ).first()
        # Always the trial listing (parent_page_types); its URL and routes need only
        # the fields every page has, so its own fields are not loaded.
        parent = self.get_parent().specific_deferred
        context["trial_listing_url"] = parent.get_url(request) if parent else ""
        shortlist = Shortlist.from_query(request.GET)
        context["on_shortlist"] = self.nct_id in shortlist
        context["shortlist_full"] = shortlist.full and self.nct_id not in shortlist
        if parent is not None:  # always a trial listing (parent_page_types)
            context["shortlist_url"] = parent.shortlist_url(
                shortlist.with_id(self.nct_id), context["near_zip"]
            )
        return context

    search_result_label = "Clinical trial"
    page_feedback = True  # “Was this page helpful?” (feedback app)

    @property
    def request_kinds(self) -> tuple[str, ...]:
        """Families can ask about a trial while it takes patients."""
        return ("trial",) if self.is_open else ()

    def structured_data(self, data: schema.PageData) -> list[dict]:
        """A MedicalWebPage about a MedicalTrial: status, phase, conditions, sponsor."""
        return trial_graph(self, data)

    @staticmethod
    def feed_url(condition=None) -> str:
        """The Atom feed of trials (trials/feeds.py): every trial, or one condition's."""
        if condition is None:
            return reverse("trials_feed")
        return reverse("trials_feed_condition", args=[condition.slug])

    @staticmethod
    def listing_url(request) -> str:
        """The trial listing's URL, for pages that link to "all trials" ("" if none)."""
        from .listing import TrialListingPage  # noqa: PLC0415 - listing imports this

        return TrialListingPage.url_for_request(request)

    @staticmethod
    def _age_months(text: str) -> Decimal | None:
        if not text:
            return None
        try:
            return values.parse_age(text).months
        except values.RecordError:
            return None

    @staticmethod
    def _age(text: str):
        try:
            return values.parse_age(text) if text else None
        except values.RecordError:
            return None

    def review_notes(self) -> list[str]:
        """Sites come from the registry and change at each sync, outside review."""
        count = self.sites.count() if self.pk else 0
        return [
            f"Where the trial runs ({count} site{'s' if count != 1 else ''}) comes "
            "from ClinicalTrials.gov and is updated at every sync, so it is not part "
            "of this review; it is on the live page as the registry lists it."
        ]

    @property
    def registry_updated_after_review(self):
        """When registry text last changed this page, if that was after its medical
        review (registry syncs publish without one); else None."""
        if not (self.last_reviewed and self.last_synced_at):
            return None
        if timezone.localdate(self.last_synced_at) > self.last_reviewed:
            return self.last_synced_at
        return None

    @property
    def stale_reasons(self) -> list[str]:
        """Why families are told the listing may be out of date (trials/freshness.py);
        needs ``last_confirmed_at`` from the page's context or the listing's query."""
        return freshness.stale_reasons(self)

    @property
    def is_open(self) -> bool:
        return self.overall_status in values.OPEN_STATUSES

    @property
    def status_label(self) -> str:
        return values.OVERALL_STATUS_LABELS.get(
            self.overall_status, self.overall_status
        )

    @property
    def age_range_label(self) -> str:
        return values.describe_age_range(
            self._age(self.minimum_age), self._age(self.maximum_age)
        )

    @cached_property
    def eligibility(self) -> Eligibility:
        """The registry's criteria as who can and cannot join (trials/eligibility.py)."""
        return parse_eligibility(self.eligibility_criteria)

    @cached_property
    def phase_list(self) -> list[Phase]:
        return list(self.phases.all())

    @property
    def phase_label(self) -> str:
        codes = tuple(phase.code for phase in self.phase_list)
        return values.describe_phases(codes)

    @property
    def registry_url(self) -> str:
        return f"https://clinicaltrials.gov/study/{self.nct_id}"
