"""The site shell: the shared page base, home and standard pages, and site settings."""

from operator import attrgetter

from django.conf import settings
from django.db import models
from django.http import Http404
from django.urls import reverse
from django.utils import translation
from django.utils.functional import cached_property
from modelcluster.queryset import FakeQuerySet
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page, PageViewRestriction, Site, get_page_models
from wagtail.search import index

from . import schema
from .blocks import BodyStreamBlock
from .i18n import current_language, locale_codes
from .page_cache import cached_fragment, restricted_page_paths
from .paths import ADMIN_PREFIX
from .querysets import SitePageManager, is_public, site_pages


def live_related_pages(relation):
    """The pages of a ParentalManyToMany relation every visitor may see, by title.

    In a preview the relation holds the unsaved form values (modelcluster's
    FakeQuerySet), which cannot be filtered in the database, so it is filtered here.
    """
    pages = relation.all()
    if isinstance(pages, FakeQuerySet):
        return sorted(
            (page for page in pages if is_public(page)), key=attrgetter("title")
        )
    return pages.live().public().order_by("title")


class BasePage(Page):
    """Fields every public page shares: a plain summary and a share image."""

    summary = models.TextField(
        blank=True,
        max_length=300,
        help_text="One or two plain-language sentences (under 300 characters). Shown on "
        "cards and in search results, and used as the description search engines show.",
    )
    social_image = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Image shown when this page is shared on social media "
        "(at least 1200 × 630 pixels).",
    )

    search_fields = [*Page.search_fields, index.SearchField("summary")]
    promote_panels = [
        *Page.promote_panels,
        MultiFieldPanel(
            [FieldPanel("summary"), FieldPanel("social_image")],
            heading="Summary and sharing",
        ),
    ]

    # public() without a query per call (see netsite/querysets.py).
    objects = SitePageManager()

    #: How site search labels results of this page type; None keeps the type out of
    #: site search altogether.
    search_result_label: str | None = "Page"
    #: The schema.org type of the page node in this page type's JSON-LD.
    structured_data_type = "WebPage"
    #: The request forms this page offers families (slugs of intake/kinds.py), shown
    #: as links beside its contact details; none on a general page.
    request_kinds: tuple[str, ...] = ()
    #: Whether the page ends with “Was this page helpful?” (yes / no, then an
    #: optional comment); answers are in the admin under Reports › Page feedback.
    page_feedback = False

    class Meta:
        abstract = True

    @property
    def meta_description(self) -> str:
        return self.search_description or self.summary

    def get_view_restrictions(self):
        """Wagtail's check before serving a page, skipped while no page is private.

        Wagtail looks up the page's ancestors and their restrictions on every view (two
        queries); while the site has no private page at all, there is nothing to find.
        """
        if not restricted_page_paths():
            return PageViewRestriction.objects.none()
        return super().get_view_restrictions()

    def structured_data(self, data: schema.PageData) -> list[dict]:
        """This page's schema.org nodes (breadcrumbs are added for every page).

        Page types that are about something (a condition, a trial, a program) override
        this and add what they are about; see netsite/schema.py for the shared pieces.
        """
        return [schema.web_page(data, self.structured_data_type)]

    def request_routing_pages(self) -> list[Page]:
        """The pages whose team answers a request sent from this page, in order of
        preference (each with everything above it); see intake/models/teams.py."""
        return [self]

    def serve_preview(self, request, mode_name):
        """A preview in the page's own language (``<html lang>``, interface strings),
        whatever language the admin is in."""
        with translation.override(self.locale.language_code):
            return super().serve_preview(request, mode_name)

    @cached_property
    def source_page(self):
        """The page this one translates (its English original), or itself.

        What a translation shares with its original rather than copies (the trials that
        name a condition, a listing's trials) is read from here: one query, and only on
        a translation.
        """
        codes = locale_codes()
        if codes.get(self.locale_id) == settings.LANGUAGE_CODE:
            return self
        original = (
            type(self)
            .objects.filter(
                translation_key=self.translation_key,
                locale__language_code=settings.LANGUAGE_CODE,
            )
            .first()
        )
        return original or self

    @property
    def is_translation(self) -> bool:
        """A page in another language than the site's first (English)."""
        return self.source_page.pk != self.pk

    @cached_property
    def breadcrumb_pages(self) -> list[Page]:
        """The page's ancestors below the root (home page first), read once."""
        return list(self.get_ancestors().filter(depth__gte=2))


class HomePage(BasePage):
    """The site's front page: what the center does and where families start."""

    intro = models.TextField(
        blank=True,
        max_length=500,
        help_text="A welcome of one or two sentences under the page heading.",
    )
    body = StreamField(
        BodyStreamBlock(),
        blank=True,
        help_text="Sections shown under the links to conditions, programs and trials.",
    )

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("body")]
    search_fields = [*BasePage.search_fields, index.SearchField("intro")]

    @property
    def meta_description(self) -> str:
        """The home page's welcome doubles as its description for search engines."""
        return super().meta_description or self.intro

    parent_page_types = ["wagtailcore.Page"]
    # One created in the admin; its translations (the Spanish home) are made by
    # translating it, which this limit does not stop.
    max_count = 1

    @classmethod
    def clean_subpage_models(cls):
        """The page types that name the home page in their own ``parent_page_types``.

        Each section says it belongs under the home page (the conditions index, the
        trial listing …), so adding a section type needs no edit here, and the shell
        names none of them. Types that allow any parent (Wagtail's own ``Page``) are
        not sections.
        """
        return [
            model
            for model in get_page_models()
            if getattr(model, "parent_page_types", None) is not None
            and cls in model.clean_parent_page_models()
        ]

    search_result_label = None  # the home page is where a search starts, not a result

    class Meta:
        verbose_name = "home page"

    def structured_data(self, data: schema.PageData) -> list[dict]:
        """The page, the center as an organization, and the site with its search."""
        website = {
            "@type": "WebSite",
            "@id": data.home_url + "#website",
            "url": data.home_url,
            "name": data.settings.center_name,
            "publisher": schema.organization_ref(data),
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
        page = schema.web_page(
            data,
            about=schema.organization_ref(data),
            isPartOf={"@id": website["@id"]},
        )
        return [page, schema.organization(data), website]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["sections"] = (
            site_pages().child_of(self).live().public().in_menu().specific()
        )
        return context

    def is_in_active_language(self) -> bool:
        """Whether this home page is the one of the language the URL asks for."""
        return locale_codes().get(self.locale_id) == current_language()

    def route(self, request, path_components):
        """Find a page by its URL path in one lookup instead of one per path level.

        Wagtail walks the tree a level at a time (two queries per level). Every page
        here routes only to its children, so the page whose ``url_path`` matches is the
        page that walk would find; anything else (no such page) takes Wagtail's way.
        """
        if not self.is_in_active_language():
            # /es/… while there is no Spanish home page: Wagtail would fall back to
            # the English one, and show English pages under a Spanish address.
            raise Http404
        if path_components:
            url_path = f"{self.url_path}{'/'.join(path_components)}/"
            page = (
                Page.objects.filter(
                    path__startswith=self.path,
                    depth=self.depth + len(path_components),
                    url_path=url_path,
                )
                .specific()
                .first()
            )
            if page is not None:
                return page.route(request, [])
        return super().route(request, path_components)


class StandardPage(BasePage):
    """A general page, such as About us or Contact us."""

    body = StreamField(BodyStreamBlock(), help_text="The page's content, in sections.")

    content_panels = [*Page.content_panels, FieldPanel("body")]
    search_fields = [*BasePage.search_fields, index.SearchField("body")]

    parent_page_types = ["netsite.HomePage", "netsite.StandardPage"]
    subpage_types = ["netsite.StandardPage"]

    class Meta:
        verbose_name = "standard page"


@register_setting(icon="site")
class SiteSettings(BaseSiteSetting):
    """The center's name, phone numbers and footer, shown on every page."""

    center_name = models.CharField(
        max_length=200,
        default="Pediatric Cancer Center",
        help_text="The center's name, shown in the header and footer of every page "
        "and as the title of the admin.",
    )
    phone = models.CharField(
        max_length=40,
        blank=True,
        help_text="Main phone number for families, as it should be shown (e.g. 617-555-0100).",
    )
    phone_label = models.CharField(
        max_length=80,
        default="Call us",
        help_text="Short text before the phone number in the header.",
    )
    appointment_url = models.URLField(
        blank=True,
        help_text="Where families request an appointment (a page on this site or elsewhere).",
    )
    address = models.TextField(
        blank=True, help_text="Postal address shown in the footer, one line per row."
    )
    footer_text = RichTextField(
        blank=True,
        features=["bold", "italic", "link"],
        help_text="Short text in the footer, for example an emergency note or disclaimer.",
    )
    phone_label_es = models.CharField(
        "Phone label in Spanish",
        max_length=80,
        blank=True,
        help_text="The phone label on the Spanish pages (e.g. “Llámenos”). Empty: the "
        "Spanish pages say “Teléfono”.",
    )
    footer_text_es = RichTextField(
        "Footer text in Spanish",
        blank=True,
        features=["bold", "italic", "link"],
        help_text="The footer text on the Spanish pages. Empty: they show none, rather "
        "than English text under a Spanish page.",
    )
    review_interval_months = models.PositiveSmallIntegerField(
        default=12,
        help_text="How many months after a medical review the next one is due.",
    )
    our_facilities = models.TextField(
        blank=True,
        help_text=(
            "Our hospitals, one per line, spelled as the registry spells them (e.g. "
            "“Sample Children's Cancer Center”). A study location whose name contains "
            "one of them counts as ours: its page then says “Open at our center”."
        ),
    )

    panels = [
        FieldPanel("center_name"),
        MultiFieldPanel(
            [
                FieldPanel("phone_label"),
                FieldPanel("phone"),
                FieldPanel("appointment_url"),
            ],
            heading="Contact",
        ),
        FieldPanel("address"),
        FieldPanel("footer_text"),
        MultiFieldPanel(
            [FieldPanel("phone_label_es"), FieldPanel("footer_text_es")],
            heading="In Spanish",
        ),
        FieldPanel("review_interval_months"),
        FieldPanel("our_facilities"),
    ]

    class Meta:
        verbose_name = "site settings"

    @property
    def phone_label_localized(self) -> str:
        """The header's phone label in the language of the page."""
        if current_language() == "es":
            return self.phone_label_es or translation.gettext("Phone")
        return self.phone_label

    @property
    def footer_text_localized(self) -> str:
        """The footer text in the language of the page (none rather than English)."""
        return self.footer_text_es if current_language() == "es" else self.footer_text

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        # The admin is titled with the site's name (its hostname when it has none):
        # staff see the center's name, not "localhost".
        Site.objects.filter(pk=self.site_id).exclude(site_name=self.center_name).update(
            site_name=self.center_name
        )

    @classmethod
    def for_request(cls, request):
        """The settings for the request's site, from the cache on public pages.

        Every page shows them (header, footer), so reading them from the database on
        each uncached page is one query spent on the same row; any save of the settings
        starts a new cache generation (netsite/page_cache.py), so they are never stale.
        The admin always reads them from the database.
        """
        attr_name = cls.get_cache_attr_name()
        if hasattr(request, attr_name) or request.path_info.startswith(ADMIN_PREFIX):
            return super().for_request(request)
        site = Site.find_for_request(request)
        if site is None:
            return super().for_request(request)
        instance = cached_fragment(
            f"site-settings:{site.pk}", lambda: cls.for_site(site)
        )
        instance._request = request  # as Wagtail does, for page URLs in settings
        setattr(request, attr_name, instance)
        return instance
