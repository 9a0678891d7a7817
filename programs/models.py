"""Care programs, the people on their teams, and clinical trials."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.core.validators import RegexValidator
from django.db import models
from django.utils.functional import cached_property
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page, Site
from wagtail.search import index

from netsite.blocks import BodyStreamBlock
from netsite.models import BasePage, MedicalReviewFields, live_related_pages
from netsite.page_cache import cached_fragment

from . import ctgov
from .filters import TrialFilterForm

SHORT_TEXT_FEATURES = ["bold", "italic", "link", "ul", "ol"]


# --- Snippets -------------------------------------------------------------------------


class Discipline(index.Indexed, models.Model):
    """A kind of specialist on a care team (oncologists, surgeons …)."""

    name = models.CharField(
        max_length=80,
        unique=True,
        help_text="Plural heading shown on program pages (e.g. “Oncologists”).",
    )
    sort_order = models.PositiveSmallIntegerField(
        default=100,
        help_text="Lower numbers are listed first on every program page.",
    )

    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]
    panels = [FieldPanel("name"), FieldPanel("sort_order")]

    class Meta:
        ordering = ["sort_order", "name"]

    def __str__(self):
        return self.name


class Person(index.Indexed, models.Model):
    """A member of staff who can appear on program care teams."""

    name = models.CharField(max_length=120, help_text="Full name (e.g. “Jane Doe”).")
    credentials = models.CharField(
        max_length=80, blank=True, help_text="Degrees after the name (e.g. “MD, PhD”)."
    )
    job_title = models.CharField(
        max_length=160,
        blank=True,
        help_text="Role at the center (e.g. “Clinical Director, Endocrine-Oncology Program”).",
    )
    photo = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="A head-and-shoulders photo, square, at least 400 × 400 pixels.",
    )
    bio = models.TextField(
        blank=True, max_length=600, help_text="Two or three sentences about the person."
    )

    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        index.SearchField("job_title"),
    ]
    panels = [
        FieldRowPanel([FieldPanel("name"), FieldPanel("credentials")]),
        FieldPanel("job_title"),
        FieldPanel("photo"),
        FieldPanel("bio"),
    ]

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "people"

    def __str__(self):
        return self.display_name

    @property
    def display_name(self) -> str:
        return f"{self.name}, {self.credentials}" if self.credentials else self.name


class CollaborativeGroup(index.Indexed, models.Model):
    """A research network through which trials are offered (e.g. Children's Oncology Group)."""

    name = models.CharField(
        max_length=160,
        unique=True,
        help_text="Full name (e.g. “Children's Oncology Group”).",
    )
    short_name = models.CharField(
        max_length=20,
        blank=True,
        help_text="Abbreviation families may see (e.g. “COG”).",
    )
    website = models.URLField(blank=True, help_text="The group's own website, if any.")
    description = models.TextField(
        blank=True,
        max_length=600,
        help_text="One or two plain sentences about the group.",
    )
    registry_names = models.TextField(
        blank=True,
        help_text="Sponsor names as the registry writes them, one per line, so imported "
        "trials are linked to this group automatically.",
    )

    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]
    panels = [
        FieldRowPanel([FieldPanel("name"), FieldPanel("short_name")]),
        FieldPanel("website"),
        FieldPanel("description"),
        FieldPanel("registry_names"),
    ]

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return f"{self.name} ({self.short_name})" if self.short_name else self.name


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


# --- Programs -------------------------------------------------------------------------


class ProgramIndexPage(BasePage):
    """“Programs and centers”: lists every care program."""

    intro = RichTextField(
        blank=True,
        features=SHORT_TEXT_FEATURES,
        help_text="A sentence or two above the list.",
    )

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["netsite.HomePage"]
    subpage_types = ["programs.ProgramPage"]
    max_count = 1

    class Meta:
        verbose_name = "program index page"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["programs"] = (
            ProgramPage.objects.child_of(self).live().public().order_by("title")
        )
        return context


class ProgramPage(BasePage):
    """A care team or center: what it does, who is on it, what it treats, how to reach it."""

    overview = RichTextField(
        features=SHORT_TEXT_FEATURES,
        help_text="What the program is and who it is for, in plain words.",
    )
    body = StreamField(
        BodyStreamBlock(), blank=True, help_text="Further sections about the program."
    )
    phone = models.CharField(
        max_length=40,
        blank=True,
        help_text="The program's phone number for families. Leave empty to show the "
        "center's main number.",
    )
    email = models.EmailField(
        blank=True, help_text="Optional e-mail address for families."
    )
    appointment_url = models.URLField(
        blank=True,
        help_text="Where to request an appointment. Leave empty to use the center's link.",
    )
    location = models.TextField(
        blank=True,
        help_text="Where families come for visits: building, floor, address.",
    )
    hours = models.CharField(
        max_length=120,
        blank=True,
        help_text="Opening hours (e.g. “Monday–Friday, 8am–5pm”).",
    )
    related_programs = ParentalManyToManyField(
        "self",
        blank=True,
        symmetrical=False,
        related_name="+",
        help_text="Programs to point to from this one (a center can list the programs "
        "inside it).",
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("summary"),
        FieldPanel("overview"),
        InlinePanel(
            "team_members",
            heading="Care team",
            label="Team member",
            help_text="People are grouped on the page by discipline, in the order set for "
            "each discipline under Snippets › Disciplines.",
        ),
        FieldPanel("body"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("phone"), FieldPanel("email")]),
                FieldPanel("appointment_url"),
                FieldPanel("location"),
                FieldPanel("hours"),
            ],
            heading="How to reach the program",
        ),
        FieldPanel("related_programs"),
    ]
    promote_panels = [*Page.promote_panels, FieldPanel("social_image")]
    search_fields = [
        *BasePage.search_fields,
        index.SearchField("overview"),
        index.SearchField("body"),
    ]

    parent_page_types = ["programs.ProgramIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = "program page"

    def team_by_discipline(self):
        """[(discipline, [team members])] in discipline order, then editor order."""
        members = (
            self.team_members.select_related("person", "person__photo", "discipline")
            # The photos' renditions in one query, not one per person.
            .prefetch_related("person__photo__renditions")
            .order_by("discipline__sort_order", "discipline__name", "sort_order")
        )
        groups: list[tuple[Discipline, list[ProgramTeamMember]]] = []
        for member in members:
            if not groups or groups[-1][0].pk != member.discipline_id:
                groups.append((member.discipline, []))
            groups[-1][1].append(member)
        return groups

    def conditions_treated(self):
        """Live condition pages that name this program under “How we care”."""
        return [
            link.page
            for link in self.condition_links.filter(page__live=True)
            .select_related("page")
            .order_by("page__title")
        ]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["team"] = self.team_by_discipline()
        context["conditions"] = self.conditions_treated()
        context["related"] = live_related_pages(self.related_programs)
        return context


class ProgramTeamMember(Orderable):
    """A person on a program's care team, in one discipline."""

    page = ParentalKey(
        ProgramPage, on_delete=models.CASCADE, related_name="team_members"
    )
    person = models.ForeignKey(
        Person,
        on_delete=models.CASCADE,
        related_name="team_memberships",
        help_text="Choose the person (add new people under Snippets › People).",
    )
    discipline = models.ForeignKey(
        Discipline,
        on_delete=models.PROTECT,
        related_name="team_memberships",
        help_text="The heading the person is listed under on this program's page.",
    )
    role = models.CharField(
        max_length=120,
        blank=True,
        help_text="Optional role on this team (e.g. “Program director”).",
    )

    panels = [FieldPanel("person"), FieldPanel("discipline"), FieldPanel("role")]

    class Meta(Orderable.Meta):
        verbose_name = "team member"


# --- Clinical trials ------------------------------------------------------------------

nct_id_validator = RegexValidator(
    ctgov.NCT_ID_RE, "Enter an NCT ID: “NCT” followed by 8 digits, e.g. NCT01234567."
)


def validate_registry_age(value: str) -> None:
    """Accept an age as the registry writes it: "<number> <unit>", e.g. "6 Months"."""
    try:
        ctgov.parse_age(value)
    except ctgov.RecordError as error:
        raise ValidationError(
            "Write the age as a number and a unit, e.g. “6 Months” or “21 Years”."
        ) from error


class ClinicalTrialPageForm(WagtailAdminPageForm):
    """Accepts an NCT ID as editors paste it (" nct01234567 ") and stores it upper-case."""

    def clean_nct_id(self):
        return (self.cleaned_data.get("nct_id") or "").strip().upper()


class TrialListingPage(BasePage):
    """“Clinical trials”: every trial, filterable by condition, status, phase, age and group."""

    intro = RichTextField(
        blank=True,
        features=SHORT_TEXT_FEATURES,
        help_text="A sentence or two above the filters explaining what trials are.",
    )
    per_page = models.PositiveSmallIntegerField(
        default=20, help_text="How many trials to show on each page of results (5–100)."
    )

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("per_page")]
    parent_page_types = ["netsite.HomePage"]
    subpage_types = ["programs.ClinicalTrialPage"]
    max_count = 1

    class Meta:
        verbose_name = "trial listing page"

    @classmethod
    def url_for_request(cls, request) -> str:
        """The live trial listing's URL ("" if none), cached until content changes."""
        site = Site.find_for_request(request)

        def find():
            listing = cls.objects.live().public().first()
            return listing.get_url(request) if listing else ""

        return cached_fragment(f"trial-listing-url:{site.pk if site else 0}", find)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        form = TrialFilterForm.from_query(request.GET)
        trials = (
            form.apply(ClinicalTrialPage.objects.child_of(self).live().public())
            .select_related("collaborative_group")
            .prefetch_related("phases")
        )
        paginator = Paginator(trials.order_by("title", "id"), self.per_page)
        # get_page() turns a bad or out-of-range number into the first or last page.
        page_of_trials = paginator.get_page(request.GET.get("page"))
        query = request.GET.copy()
        query.pop("page", None)
        # The same filters with closed trials included, for the "no results" hint.
        include_closed = query.copy()
        include_closed["status"] = "all"
        context.update(
            form=form,
            trials=page_of_trials,
            paginator=paginator,
            filter_query=query.urlencode(),
            include_closed_query=include_closed.urlencode(),
        )
        return context

    def clean(self):
        super().clean()
        if not 5 <= self.per_page <= 100:
            raise ValidationError(
                {"per_page": "Choose between 5 and 100 trials per page."}
            )


class ClinicalTrialPage(MedicalReviewFields, BasePage):
    """A clinical trial, its registry facts and a family-friendly summary written by staff."""

    STATUS_CHOICES = list(ctgov.OVERALL_STATUS_LABELS.items())
    OPEN_STATUSES = sorted(ctgov.OPEN_STATUSES)
    STUDY_TYPE_CHOICES = list(ctgov.STUDY_TYPE_LABELS.items())
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

    # From ClinicalTrials.gov; a registry sync overwrites these.
    nct_id = models.CharField(
        "NCT ID",
        max_length=11,
        unique=True,
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
        index.SearchField("registry_conditions"),
        index.SearchField("registry_keywords"),
        index.FilterField("overall_status"),
    ]

    parent_page_types = ["programs.TrialListingPage"]
    subpage_types = []

    class Meta:
        verbose_name = "clinical trial page"
        permissions = [
            ("import_trials", "Can import and sync trials from ClinicalTrials.gov"),
        ]

    def clean(self):
        super().clean()
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

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["conditions"] = live_related_pages(self.conditions)
        parent = self.get_parent()
        context["trial_listing_url"] = parent.get_url(request) if parent else ""
        return context

    @staticmethod
    def _age_months(text: str) -> Decimal | None:
        if not text:
            return None
        try:
            return ctgov.parse_age(text).months
        except ctgov.RecordError:
            return None

    @staticmethod
    def _age(text: str):
        try:
            return ctgov.parse_age(text) if text else None
        except ctgov.RecordError:
            return None

    @property
    def is_open(self) -> bool:
        return self.overall_status in ctgov.OPEN_STATUSES

    @property
    def status_label(self) -> str:
        return ctgov.OVERALL_STATUS_LABELS.get(self.overall_status, self.overall_status)

    @property
    def age_range_label(self) -> str:
        return ctgov.describe_age_range(
            self._age(self.minimum_age), self._age(self.maximum_age)
        )

    @cached_property
    def phase_list(self) -> list[Phase]:
        return list(self.phases.all())

    @property
    def phase_label(self) -> str:
        codes = tuple(phase.code for phase in self.phase_list)
        return ctgov.describe_phases(codes)

    @property
    def registry_url(self) -> str:
        return f"https://clinicaltrials.gov/study/{self.nct_id}"
