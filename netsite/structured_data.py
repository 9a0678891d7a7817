"""schema.org JSON-LD for every page type as plain dicts, for ``{% structured_data %}``.

One ``@graph`` per page: the page itself (``WebPage`` or a subtype), what it is about
(``MedicalCondition``, ``MedicalTrial``, ``MedicalClinic``/``MedicalOrganization``, the
center as a ``MedicalOrganization`` on the home page) and a ``BreadcrumbList``.

Builders are registered per page model label, so page models stay small and this module
is the one place that knows the vocabulary. The shell (netsite) imports no condition or
trial model: builders read attributes and the data the page's ``get_context`` already
fetched, which keeps the number of queries fixed however many aliases, trials or people
a page has.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable

from django.templatetags.static import static
from django.urls import reverse
from wagtail.models import Site

from .models import SiteSettings

logger = logging.getLogger(__name__)

SCHEMA = "https://schema.org"
SHARE_IMAGE = "img/share-default.png"

# ClinicalTrials.gov overall status → schema.org MedicalStudyStatus.
# Statuses with no equivalent (expanded-access availability, WITHHELD, UNKNOWN) are
# left out, not guessed.
STUDY_STATUS = {
    "RECRUITING": "Recruiting",
    "NOT_YET_RECRUITING": "NotYetRecruiting",
    "ENROLLING_BY_INVITATION": "EnrollingByInvitation",
    "ACTIVE_NOT_RECRUITING": "ActiveNotRecruiting",
    "COMPLETED": "Completed",
    "SUSPENDED": "Suspended",
    "TEMPORARILY_NOT_AVAILABLE": "Suspended",
    "TERMINATED": "Terminated",
    "WITHDRAWN": "Withdrawn",
}

Builder = Callable[["PageData"], list[dict]]
BUILDERS: dict[str, Builder] = {}


def register(*labels: str):
    """Register a builder for pages of the given models ("app_label.modelname")."""

    def decorator(builder: Builder) -> Builder:
        for label in labels:
            BUILDERS[label] = builder
        return builder

    return decorator


class PageData:
    """What every builder needs: the page, its URL, the request and template context."""

    def __init__(self, page, request, context):
        self.page = page
        self.request = request
        self.context = context
        self.url = page.get_full_url(request) or ""
        self.settings = SiteSettings.for_request(request)

    def ctx(self, name, default_factory):
        """A value from the page's context, or computed when missing there (preview)."""
        if name in self.context:
            return self.context[name]
        return default_factory()

    @property
    def home_url(self) -> str:
        return site_root_url(self.request)

    def ref(self, fragment: str) -> str:
        return f"{self.url}#{fragment}"


# --- Shared pieces --------------------------------------------------------------------


def site_root_url(request) -> str:
    """The home URL as canonical links write it (from the Site, not the Host header)."""
    site = Site.find_for_request(request)
    return (site.root_url if site else request.build_absolute_uri("/")).rstrip(
        "/"
    ) + "/"


def clean(data: dict) -> dict:
    """Drop empty values so the output carries no ``"name": ""`` or ``[]``."""
    return {
        key: value for key, value in data.items() if value not in (None, "", [], {})
    }


def organization_ref(data: PageData) -> dict:
    return {"@id": data.home_url + "#organization"}


def organization(data: PageData) -> dict:
    """The center itself, from the site settings."""
    settings = data.settings
    address = ", ".join(
        line.strip() for line in settings.address.splitlines() if line.strip()
    )
    return clean(
        {
            "@type": "MedicalOrganization",
            "@id": data.home_url + "#organization",
            "name": settings.center_name,
            "url": data.home_url,
            "telephone": settings.phone,
            "address": {"@type": "PostalAddress", "streetAddress": address}
            if address
            else None,
            "logo": data.request.build_absolute_uri(static(SHARE_IMAGE)),
        }
    )


def breadcrumb_list(data: PageData) -> dict:
    """Home › … › this page, as the visible breadcrumbs show it."""
    # The visible breadcrumbs' list (BasePage.breadcrumb_pages): one query for both.
    trail = [*data.page.breadcrumb_pages, data.page]
    return {
        "@type": "BreadcrumbList",
        "@id": data.ref("breadcrumb"),
        "itemListElement": [
            {
                "@type": "ListItem",
                "position": position,
                "name": crumb.title,
                "item": crumb.get_full_url(data.request),
            }
            for position, crumb in enumerate(trail, 1)
        ],
    }


def web_page(data: PageData, page_type: str = "WebPage", **extra) -> dict:
    """The page node: name, description, dates, publisher and breadcrumb."""
    page = data.page
    return clean(
        {
            "@type": page_type,
            "@id": data.ref("webpage"),
            "url": data.url,
            "name": page.seo_title or page.title,
            "description": getattr(page, "meta_description", "")
            or page.search_description,
            "inLanguage": "en",
            "dateModified": page.last_published_at.isoformat()
            if page.last_published_at
            else None,
            "publisher": organization_ref(data),
            "breadcrumb": {"@id": data.ref("breadcrumb")},
            **extra,
        }
    )


def review_properties(page) -> dict:
    """lastReviewed and reviewedBy for pages that carry a medical review."""
    return {
        "lastReviewed": page.last_reviewed.isoformat() if page.last_reviewed else None,
        "reviewedBy": {"@type": "Person", "name": page.reviewed_by}
        if page.reviewed_by
        else None,
    }


def condition_ref(condition, request) -> dict:
    return {
        "@type": "MedicalCondition",
        "name": condition.title,
        "url": condition.get_full_url(request),
    }


# --- Builders per page type -----------------------------------------------------------


@register("netsite.homepage")
def home_page(data: PageData) -> list[dict]:
    website = {
        "@type": "WebSite",
        "@id": data.home_url + "#website",
        "url": data.home_url,
        "name": data.settings.center_name,
        "publisher": organization_ref(data),
        "potentialAction": {
            "@type": "SearchAction",
            "target": {
                "@type": "EntryPoint",
                "urlTemplate": data.home_url.rstrip("/")
                + reverse("search")
                + "?q={search_term_string}",
            },
            "query-input": "required name=search_term_string",
        },
    }
    page = web_page(
        data, about=organization_ref(data), isPartOf={"@id": website["@id"]}
    )
    return [page, organization(data), website]


@register("conditions.conditionpage")
def condition_page(data: PageData) -> list[dict]:
    page = data.page
    aliases = data.ctx("aliases", lambda: list(page.also_known_as.all()))
    body_sites = data.ctx("body_sites", lambda: list(page.body_sites.all()))
    condition = clean(
        {
            "@type": "MedicalCondition",
            "@id": data.ref("condition"),
            "name": page.title,
            "alternateName": [alias.name for alias in aliases],
            "description": page.summary,
            "url": data.url,
            "associatedAnatomy": [
                {"@type": "AnatomicalStructure", "name": site.name}
                for site in body_sites
            ],
            "study": [
                {
                    "@type": "MedicalTrial",
                    "name": trial.title,
                    "url": trial.get_full_url(data.request),
                }
                for trial in page.open_trials
            ],
        }
    )
    about = {"@id": condition["@id"]}
    webpage = web_page(
        data, "MedicalWebPage", about=about, mainEntity=about, **review_properties(page)
    )
    return [webpage, condition]


@register("programs.clinicaltrialpage")
def clinical_trial_page(data: PageData) -> list[dict]:
    page = data.page
    conditions = list(data.ctx("conditions", lambda: page.conditions.live().public()))
    linked = {condition.title.casefold() for condition in conditions}
    health_conditions = [
        condition_ref(condition, data.request) for condition in conditions
    ]
    health_conditions += [
        {"@type": "MedicalCondition", "name": name}
        for name in page.registry_conditions or []
        if isinstance(name, str) and name.casefold() not in linked
    ]
    settings = data.settings
    trial = clean(
        {
            "@type": "MedicalTrial",
            "@id": data.ref("trial"),
            "name": page.title,
            "alternateName": [
                name for name in (page.official_title, page.acronym) if name
            ],
            "description": page.summary or page.brief_summary,
            "url": data.url,
            "sameAs": page.registry_url,
            "identifier": page.nct_id,
            "code": {
                "@type": "MedicalCode",
                "codeValue": page.nct_id,
                "codingSystem": "ClinicalTrials.gov",
            },
            "status": f"{SCHEMA}/{STUDY_STATUS[page.overall_status]}"
            if page.overall_status in STUDY_STATUS
            else None,
            "phase": page.phase_label,
            "healthCondition": health_conditions,
            "sponsor": {"@type": "Organization", "name": page.lead_sponsor}
            if page.lead_sponsor
            else None,
            "studyLocation": clean(
                {
                    "@type": "AdministrativeArea",
                    "name": settings.center_name,
                    "address": ", ".join(settings.address.split("\n")) or None,
                }
            ),
        }
    )
    about = {"@id": trial["@id"]}
    webpage = web_page(
        data, "MedicalWebPage", about=about, mainEntity=about, **review_properties(page)
    )
    return [webpage, trial]


@register("programs.programpage")
def program_page(data: PageData) -> list[dict]:
    page = data.page
    settings = data.settings
    team = data.ctx("team", page.team_by_discipline)
    conditions = data.ctx("conditions", page.conditions_treated)
    program = clean(
        {
            # A clinic is a place families visit; a program
            # without one is an organization.
            "@type": "MedicalClinic" if page.location else "MedicalOrganization",
            "@id": data.ref("organization"),
            "name": page.title,
            "description": page.summary,
            "url": data.url,
            "telephone": page.phone or settings.phone,
            "email": page.email,
            "address": {
                "@type": "PostalAddress",
                "streetAddress": ", ".join(page.location.splitlines()),
            }
            if page.location
            else None,
            "parentOrganization": organization_ref(data),
            "employee": [
                clean(
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
                condition_ref(condition, data.request) for condition in conditions
            ],
        }
    )
    about = {"@id": program["@id"]}
    return [web_page(data, about=about, mainEntity=about), program]


@register(
    "conditions.conditionindexpage",
    "programs.programindexpage",
    "programs.triallistingpage",
)
def index_page(data: PageData) -> list[dict]:
    return [web_page(data, "CollectionPage")]


def default_page(data: PageData) -> list[dict]:
    return [web_page(data)]


# --- Entry points ---------------------------------------------------------------------


def page_graph(page, request, context=None) -> dict:
    """A page's JSON-LD document: its registered builder's nodes, plus breadcrumbs."""
    data = PageData(page, request, context or {})
    builder = BUILDERS.get(page._meta.label_lower, default_page)
    return {"@context": SCHEMA, "@graph": [*builder(data), breadcrumb_list(data)]}


def search_graph(request) -> dict:
    """The JSON-LD document for the search page, which is not a Wagtail page."""
    home = site_root_url(request)
    url = home.rstrip("/") + reverse("search")
    return {
        "@context": SCHEMA,
        "@graph": [
            {
                "@type": "SearchResultsPage",
                "@id": url + "#webpage",
                "url": url,
                "name": "Search",
                "breadcrumb": {"@id": url + "#breadcrumb"},
            },
            {
                "@type": "BreadcrumbList",
                "@id": url + "#breadcrumb",
                "itemListElement": [
                    {"@type": "ListItem", "position": 1, "name": "Home", "item": home},
                    {"@type": "ListItem", "position": 2, "name": "Search", "item": url},
                ],
            },
        ],
    }


def to_script_json(document: dict) -> str:
    """JSON safe inside ``<script>``: ``<``, ``>`` and ``&`` become ``\\u003c`` etc.

    Trial titles come from the registry, so a title containing ``</script>`` must not be
    able to end the element. The escapes are still valid JSON for the same text.
    """
    text = json.dumps(document, ensure_ascii=False, separators=(",", ":"))
    for char, escape in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026")):
        text = text.replace(char, escape)
    return text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")


def page_share_image(page, request) -> dict:
    """The share image for Open Graph / Twitter: the page's own, cropped to 1200 × 630,
    or the site's default. A missing or broken image file falls back to the default
    rather than failing the page."""
    image = getattr(page, "social_image", None)
    if image is not None:
        try:
            rendition = image.get_rendition("fill-1200x630")
        # SourceImageIOError (file missing from storage) is an OSError.
        except (OSError, ValueError):
            logger.warning(
                "Share image %s could not be rendered", image.pk, exc_info=True
            )
        else:
            return {
                "url": request.build_absolute_uri(rendition.url),
                "width": rendition.width,
                "height": rendition.height,
                "alt": image.default_alt_text or image.title,
            }
    return {
        "url": request.build_absolute_uri(static(SHARE_IMAGE)),
        "width": 1200,
        "height": 630,
        "alt": "",
    }
