"""The site's own editors' guide is in the admin's Help menu (issue 16, item 6), and
what the admin says uses our words: Medical review, not "moderation"; the center's
name, not "localhost"; the headings families see as field labels."""

import pytest
from django.urls import reverse
from wagtail.models import Site

from netsite.models import SiteSettings
from tests.roles_fixtures import make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor(db):
    from accounts import roles  # noqa: PLC0415

    return make_user("guide-reader", roles.EDITORS)


def test_the_guide_is_served_from_docs_editors_md(client, editor, site):
    client.force_login(editor)
    html = client.get(reverse("editors_guide")).content.decode()
    assert "<h1>Editing the site: a guide for communications staff</h1>" in html
    assert "<h2>Send a page for medical review</h2>" in html
    # The sidebar is drawn from JSON in the page: the menu item is in it.
    dashboard = client.get(reverse("wagtailadmin_home")).content.decode()
    assert '"url": "/admin/guide/"' in dashboard.replace("&quot;", '"')
    assert "Our editors" in dashboard


def test_the_guide_needs_a_staff_sign_in(client, site):
    response = client.get(reverse("editors_guide"))
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


def test_the_admin_is_titled_with_the_centers_name(client, editor, site):
    settings = SiteSettings.for_site(site)
    settings.center_name = "Sample Children's Cancer Center"
    settings.save()
    assert Site.objects.get(pk=site.pk).site_name == "Sample Children's Cancer Center"
    client.force_login(editor)
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "localhost" not in html.split("<main", 1)[1]
    assert "Sample Children&#x27;s Cancer Center" in html


def test_messages_say_medical_review_not_moderation():
    from django.utils import translation  # noqa: PLC0415
    from django.utils.translation import gettext  # noqa: PLC0415

    with translation.override("en-us"):
        assert gettext("In Moderation") == "In Medical review"
        assert gettext("Page '%(page_title)s' has been submitted for moderation.") == (
            "Page '%(page_title)s' was sent to Medical review. The public page stays "
            "as it is until a reviewer approves it."
        )
        locked = gettext("The page could not be saved as it is locked.")
        assert "in Medical review" in locked and "Request changes" in locked


def test_condition_fields_carry_the_headings_families_see():
    from conditions.models import ConditionAlias, ConditionPage  # noqa: PLC0415

    field = ConditionPage._meta.get_field
    assert field("functioning_text").verbose_name == "Functioning and non-functioning"
    assert field("care_text").verbose_name == "How we care"
    assert ConditionAlias._meta.get_field("show_in_a_to_z").verbose_name == (
        "Show in the A–Z"
    )
