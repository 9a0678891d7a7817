"""The page tree as composable fixtures: site → home → sections (STYLE.md)."""

import pytest
from django.conf import settings
from django.core.cache import caches
from django.utils import translation
from wagtail.models import Page, Site

from netsite import cache_breaker
from netsite.models import HomePage, SiteSettings

from . import factories


@pytest.fixture(autouse=True)
def empty_caches():
    """Every test starts with empty caches.

    The database is rolled back between tests but the local-memory cache is not, and
    cached menus or pages must not leak from one test into the next.
    """
    # A request to /es/… leaves Spanish active in the thread; each test starts in English.
    translation.activate(settings.LANGUAGE_CODE)
    cache_breaker.reset()  # a test that broke its cache leaves the next one alone
    for cache in caches.all():
        cache.clear()


@pytest.fixture
def home(db):
    """The HomePage the migration creates, served for the test client's host."""
    home = HomePage.objects.get()
    Site.objects.update(
        hostname="testserver", port=80, root_page=home, is_default_site=True
    )
    return home


@pytest.fixture
def site(home):
    site = Site.objects.get(is_default_site=True)
    SiteSettings.objects.update_or_create(
        site=site,
        defaults={
            "center_name": "Test Children's Cancer Center",
            "phone": "617-555-0100",
            "appointment_url": "https://example.org/appointments",
        },
    )
    return site


@pytest.fixture
def condition_index(site, home):
    return factories.ConditionIndexPageFactory(parent=home)


@pytest.fixture
def program_index(site, home):
    return factories.ProgramIndexPageFactory(parent=home)


@pytest.fixture
def trial_listing(site, home):
    return factories.TrialListingPageFactory(parent=home)


@pytest.fixture
def root_page(db):
    return Page.get_first_root_node()


@pytest.fixture(scope="session")
def demo_base_url():
    """A real server with the demo content (see tests/demo_server.py), started once."""
    from .demo_server import demo_server  # noqa: PLC0415

    with demo_server() as url:
        yield url


def translate(page, language="es", publish=True):
    """``page`` translated as editors do it, with wagtail-localize (its parents too,
    when they are not translated yet): the source's text stands in for segments no
    one translated. Returns the translated page."""
    from django.test import TestCase  # noqa: PLC0415
    from wagtail.models import Locale  # noqa: PLC0415
    from wagtail_localize.models import Translation, TranslationSource  # noqa: PLC0415

    locale = Locale.objects.get(language_code=language)
    source, _ = TranslationSource.get_or_create_from_instance(page)
    translation, _ = Translation.objects.get_or_create(
        source=source, target_locale=locale
    )
    # wagtail-localize publishes once the transaction commits; a test's never does.
    with TestCase.captureOnCommitCallbacks(execute=True):
        translation.save_target(publish=publish)
    return page.get_translation(locale).specific


@pytest.fixture
def es_home(site, home):
    """The Spanish home page (/es/): the English one translated."""
    return translate(home)
