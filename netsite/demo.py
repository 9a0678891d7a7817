"""Demo content of the site shell: site settings, the home page, standard pages.

``manage.py load_demo_content`` calls ``load(home)`` in each local app's ``demo``
module in the order of ``settings.LOCAL_APPS``; this one runs first. Idempotent:
what already exists (found by slug or name) is left as it is, so running it twice
changes nothing and never overwrites an editor's work. The helpers below are shared
by the content apps' demo modules.
"""

import json

from wagtail.models import Site

from .models import HomePage, SiteSettings, StandardPage

# Marks every sentence the seed text does not provide, on the page itself.
SAMPLE_NOTE = "Sample text for the demo site."

SITE_SETTINGS = {
    "center_name": "Children's Cancer and Blood Disorders Center",
    "phone_label": "Call us",
    "phone": "617-555-0100",
    "address": "Sample address: 450 Example Avenue\nBoston, MA 02215",
    # As the demo trial records name it (trials/demo/), so they show "Open at our center".
    "our_facilities": "Sample Children's Cancer Center",
    "footer_text": (
        "<p>This is a demonstration site. Phone numbers, addresses, people and trial "
        "records are samples, not real. In an emergency, call 911.</p>"
    ),
    "phone_label_es": "Llámenos",
    "footer_text_es": (
        "<p>Este es un sitio de demostración. Los teléfonos, las direcciones, las "
        "personas y los ensayos son ejemplos, no reales. En una emergencia, llame al "
        "911.</p>"
    ),
}

HOME = {
    "title": "Children's Cancer and Blood Disorders Center",
    "intro": (
        "Information for families about the conditions we treat, our care teams and "
        "the clinical trials your child may be able to join."
    ),
}

STANDARD_PAGES = [
    {
        "slug": "about",
        "title": "About us",
        "summary": "Who we are. " + SAMPLE_NOTE,
        "body": [
            {
                "type": "section",
                "value": {
                    "heading": "Who we are",
                    "text": "<p>" + SAMPLE_NOTE + " A real site would describe the "
                    "center, its history and its values here.</p>",
                },
            }
        ],
    },
    {
        "slug": "contact",
        "title": "Contact us",
        "summary": "How to reach our care teams. " + SAMPLE_NOTE,
        "body": [
            {
                "type": "section",
                "value": {
                    "heading": "Call us",
                    "text": "<p>Call our main line at 617-555-0100 (a sample number). "
                    + SAMPLE_NOTE
                    + "</p>",
                },
            },
            {
                "type": "section",
                "value": {
                    "heading": "Write to us",
                    "text": '<p><a href="/requests/contact/">Send us a message</a> '
                    "and our family contact team will call or e-mail you back.</p>",
                },
            },
            {
                "type": "callout",
                "value": {
                    "heading": "In an emergency",
                    "text": "<p>If your child needs urgent help, call 911 or go to the "
                    "nearest emergency department.</p>",
                },
            },
        ],
    },
]


def publish_child(parent, page):
    """Add ``page`` under ``parent`` and publish it; returns the page."""
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


def existing_child(parent, page_model, slug: str):
    return page_model.objects.child_of(parent).filter(slug=slug).first()


def section(home, page_model, slug: str, fields: dict) -> tuple[object, int]:
    """The section page ``slug`` under the home page, created and published if
    missing: (page, number of objects created)."""
    page = existing_child(home, page_model, slug)
    if page is not None:
        return page, 0
    page = page_model(slug=slug, show_in_menus=True, **fields)
    return publish_child(home, page), 1


def streamfield(blocks: list[dict]) -> str:
    """A StreamField value from plain dicts, as a page constructor takes it."""
    return json.dumps(blocks)


def load(home: HomePage) -> int:
    """The home page's title and welcome, site settings and the standard pages."""
    created = 0
    if home.title == "Home":  # Still the migration's placeholder.
        home.title = HOME["title"]
        home.intro = HOME["intro"]
        home.save_revision().publish()
        created += 1
    site = Site.objects.get(is_default_site=True)
    settings, settings_created = SiteSettings.objects.get_or_create(
        site=site, defaults=SITE_SETTINGS
    )
    created += settings_created
    if not settings.footer_text_es and not settings.phone_label_es:
        # Settings made before the Spanish site: add its words, change nothing else.
        settings.phone_label_es = SITE_SETTINGS["phone_label_es"]
        settings.footer_text_es = SITE_SETTINGS["footer_text_es"]
        settings.save(update_fields=["phone_label_es", "footer_text_es"])
    for data in STANDARD_PAGES:
        if existing_child(home, StandardPage, data["slug"]) is None:
            page = StandardPage(
                show_in_menus=True, **{**data, "body": streamfield(data["body"])}
            )
            publish_child(home, page)
            created += 1
    # The Spanish home (/es/): the other apps' demos translate their pages under it.
    return created + translate_demo_page(home, SPANISH_HOME)


# --- The Spanish demo site --------------------------------------------------------------

# Said on every Spanish demo page: the translation is demo text, never medically reviewed.
SPANISH_DEMO_NOTE = (
    "Texto de demostración: esta traducción la escribió el equipo que hizo el sitio y "
    "no ha sido revisada por ningún médico."
)


def translate_demo_page(page, strings: dict[str, str], language: str = "es") -> int:
    """``page`` translated into ``language`` as a translator would in wagtail-localize:
    each of its segments (title, slug, paragraphs …) from ``strings`` (English →
    Spanish), then the translation published. 0 if it was translated already (an
    editor's work is never overwritten), else 1. A segment missing from ``strings``
    stops the demo: a Spanish page must not show English text as if it were Spanish.
    """
    from wagtail.models import Locale
    from wagtail_localize.models import (
        StringSegment,
        StringTranslation,
        Translation,
        TranslationSource,
    )

    locale = Locale.objects.get(language_code=language)
    if page.get_translations().filter(locale=locale).exists():
        return 0
    source, _ = TranslationSource.get_or_create_from_instance(page)
    segments = StringSegment.objects.filter(source=source).select_related(
        "string", "context"
    )
    missing = [s.string.data for s in segments if s.string.data not in strings]
    if missing:
        raise ValueError(f"No Spanish demo text for {missing!r} on {page.title!r}")
    for segment in segments:
        StringTranslation.objects.update_or_create(
            translation_of=segment.string,
            locale=locale,
            context=segment.context,
            defaults={
                "data": strings[segment.string.data],
                "translation_type": StringTranslation.TRANSLATION_TYPE_MANUAL,
            },
        )
    translation, _ = Translation.objects.get_or_create(
        source=source, target_locale=locale
    )
    translation.save_target(publish=True)
    return 1


SPANISH_HOME = {
    HOME["title"]: "Centro de Cáncer y Trastornos de la Sangre Infantil",
    "home": "inicio",
    HOME["intro"]: (
        "Información para familias sobre las enfermedades que tratamos, nuestros "
        "equipos y los ensayos clínicos en los que su hijo o hija podría participar. "
        + SPANISH_DEMO_NOTE
    ),
}
