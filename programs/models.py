"""Care programs, the people on their teams, and the research groups they work with."""

from django.db import models
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField

from netsite import schema
from netsite.blocks import SHORT_TEXT_FEATURES, BodyStreamBlock
from netsite.models import BasePage, live_related_pages
from netsite.querysets import is_public

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

    structured_data_type = "CollectionPage"

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

    # A translation keeps the program's phone, e-mail and booking link: the same
    # team answers in both languages (wagtail-localize copies them from the English).
    override_translatable_fields = [
        SynchronizedField("phone"),
        SynchronizedField("email"),
        SynchronizedField("appointment_url"),
    ]

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
        """Condition pages every visitor may see that name this program under
        “How we care”."""
        links = self.condition_links.select_related("page").order_by("page__title")
        return [link.page for link in links if is_public(link.page)]

    search_result_label = "Program"
    request_kinds = ("appointment", "second-opinion")
    page_feedback = True  # “Was this page helpful?” (feedback app)

    def structured_data(self, data: schema.PageData) -> list[dict]:
        """A WebPage about the program: a MedicalClinic (or organization), its team."""
        settings = data.settings
        team = data.ctx("team", self.team_by_discipline)
        conditions = data.ctx("conditions", self.conditions_treated)
        program = schema.clean(
            {
                # A clinic is a place families visit; a program
                # without one is an organization.
                "@type": "MedicalClinic" if self.location else "MedicalOrganization",
                "@id": data.ref("organization"),
                "name": self.title,
                "description": self.summary,
                "url": data.url,
                "telephone": self.phone or settings.phone,
                "email": self.email,
                "address": {
                    "@type": "PostalAddress",
                    "streetAddress": ", ".join(self.location.splitlines()),
                }
                if self.location
                else None,
                "parentOrganization": schema.organization_ref(data),
                "employee": [
                    schema.clean(
                        {
                            "@type": "Person",
                            "name": member.person.name,
                            "honorificSuffix": member.person.credentials,
                            "jobTitle": member.role or member.person.job_title,
                        }
                    )
                    for _discipline, members in team
                    for member in members
                ],
                "knowsAbout": [
                    condition.schema_ref(data.request) for condition in conditions
                ],
            }
        )
        about = {"@id": program["@id"]}
        return [schema.web_page(data, about=about, mainEntity=about), program]

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
