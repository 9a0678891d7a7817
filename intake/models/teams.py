"""Who answers a request: intake teams, the pages each answers for, and routing."""

from django import forms
from django.conf import settings
from django.db import models
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.models import Orderable, Page


class IntakeTeam(ClusterableModel):
    """A team that answers families' requests: a program's intake team, a study team,
    or the center's general contact team. Only its members can read what is sent to it.
    """

    name = models.CharField(
        max_length=120,
        unique=True,
        help_text="The team's name as families see it (e.g. “Endocrine-Oncology intake "
        "team”).",
    )
    inbox_email = models.EmailField(
        help_text="Where the team is told that a request has arrived. The e-mail holds "
        "no details of the request, only a link to read it in the admin.",
    )
    callback_promise = models.CharField(
        max_length=200,
        default="We will call or e-mail you back within 2 working days.",
        help_text="Shown to the family after they send a request, and in their receipt: "
        "who calls back and by when.",
    )
    urgent_phone = models.CharField(
        max_length=40,
        blank=True,
        help_text="A number for anything that cannot wait. Leave empty to show the "
        "center's main number.",
    )
    is_default = models.BooleanField(
        default=False,
        help_text="The team that receives requests no other team answers for, and the "
        "general contact form. Only one team can be the default.",
    )
    members = ParentalManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="intake_teams",
        help_text="The people who read this team's requests. Only members of the "
        "“Intake coordinators” group are offered.",
    )

    panels = [
        FieldPanel("name"),
        MultiFieldPanel(
            [
                FieldPanel("inbox_email"),
                FieldPanel("callback_promise"),
                FieldPanel("urgent_phone"),
            ],
            heading="Contact",
        ),
        FieldPanel("members", widget=forms.CheckboxSelectMultiple),
        FieldPanel("is_default"),
        InlinePanel(
            "covered_pages",
            heading="Pages this team answers for",
            label="Page",
            help_text="Requests sent from these pages, and from every page below them, "
            "come to this team. A program page also covers the conditions it treats.",
        ),
    ]

    page_cache_watch = False  # not shown on public pages
    wagtail_reference_index_ignore = True

    class Meta:
        ordering = ["name"]
        verbose_name = "intake team"
        constraints = [
            models.UniqueConstraint(
                fields=["is_default"],
                condition=models.Q(is_default=True),
                name="intake_one_default_team",
                violation_error_message="Another team is already the default team.",
            )
        ]

    def __str__(self):
        return self.name


class TeamPage(Orderable):
    """A page (and everything below it) whose requests go to a team."""

    team = ParentalKey(
        IntakeTeam, on_delete=models.CASCADE, related_name="covered_pages"
    )
    page = models.ForeignKey(
        Page,
        on_delete=models.CASCADE,
        related_name="+",
        help_text="A program, a condition, a trial, or a whole section such as the "
        "trial listing.",
    )

    panels = [FieldPanel("page")]
    page_cache_watch = False

    class Meta(Orderable.Meta):
        constraints = [
            models.UniqueConstraint(
                fields=["page"],
                name="intake_one_team_per_page",
                violation_error_message="Another team already answers for this page.",
            )
        ]


def team_for(page) -> IntakeTeam | None:
    """The team a request sent from ``page`` goes to (``None``: no team is set up).

    The page names the pages its requests are routed by (``request_routing_pages()``:
    itself first, then for a condition the programs that treat it); for each in turn,
    the nearest of it and its ancestors that a team answers for wins. Nothing covered:
    the default team. One query, or two when the default team answers.
    """
    # A translation's requests go where its original's do: teams answer for the
    # English pages (BasePage.source_page).
    page = getattr(page, "source_page", page)
    candidates = page.request_routing_pages() if page is not None else []
    # Each candidate's tree path and its ancestors' (Wagtail's materialised path),
    # nearest first.
    chains = [
        [candidate.path[:end] for end in range(len(candidate.path), 0, -Page.steplen)]
        for candidate in candidates
    ]
    wanted = {path for chain in chains for path in chain}
    if wanted:
        covered = {
            link.page.path: link.team
            for link in TeamPage.objects.filter(page__path__in=wanted).select_related(
                "team", "page"
            )
        }
        for chain in chains:
            for path in chain:
                if path in covered:
                    return covered[path]
    return IntakeTeam.objects.filter(is_default=True).first()
