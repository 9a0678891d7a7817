"""Where a trial runs (issue 12, first part): the registry's sites are imported with
every import and sync, live at once, validated with the field named; the trial page
lists them, ours first, and says whether the trial is open at our center."""

import math

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils.html import escape

from netsite.models import SiteSettings
from tests.ctgov_records import study
from trials.models import ClinicalTrialPage, TrialSite
from trials.registry import importer

pytestmark = pytest.mark.django_db

OURS = "Sample Children's Cancer Center"


def site(facility, status="RECRUITING", **extra):
    return {
        "facility": facility,
        "status": status,
        "city": extra.pop("city", "Boston"),
        "state": extra.pop("state", "Massachusetts"),
        "zip": extra.pop("zip", "02215"),
        "country": "United States",
        "geoPoint": extra.pop("geoPoint", {"lat": 42.35, "lon": -71.06}),
        **extra,
    }


def trial_with(*sites, nct_id="NCT05550001", **paths):
    return study(nct_id, contactsLocationsModule__locations=list(sites), **paths)


def import_one(record, **options):
    (result,) = importer.import_payload(record, **options)
    assert result.ok, result.message
    return result


def test_sites_are_imported_with_place_status_geo_point_and_contact(trial_listing):
    import_one(
        trial_with(
            site(
                OURS,
                contacts=[{"name": "Nurse Navigator", "phone": "617-555-0199"}],
            ),
            site(
                "Far Hospital",
                "NOT_YET_RECRUITING",
                city="Seattle",
                state="Washington",
                geoPoint=None,
            ),
        )
    )
    ours, far = TrialSite.objects.order_by("sort_order")
    assert (ours.facility, ours.zip_code, ours.latitude, ours.longitude) == (
        OURS,
        "02215",
        42.35,
        -71.06,
    )
    assert (ours.contact_name, ours.contact_phone) == (
        "Nurse Navigator",
        "617-555-0199",
    )
    assert far.status == "NOT_YET_RECRUITING" and far.latitude is None


def test_a_closed_site_shows_at_once_even_over_an_editors_draft(trial_listing):
    import_one(trial_with(site(OURS), site("Far Hospital")))
    page = ClinicalTrialPage.objects.get()
    page.eligibility_short = "An editor's unpublished wording"
    page.save_revision()  # a draft: registry text goes into a revision, not live

    result = import_one(trial_with(site(OURS, "COMPLETED"), site("Far Hospital")))

    assert result.outcome == "updated" and "sites" in result.changed_fields
    assert TrialSite.objects.get(facility=OURS).status == "COMPLETED"
    assert (
        import_one(trial_with(site(OURS, "COMPLETED"), site("Far Hospital"))).outcome
        == "unchanged"
    )


def test_a_cached_trial_page_shows_a_site_change_at_once(
    client, trial_listing, our_center, settings
):
    settings.PAGE_CACHE_TIMEOUT = 300
    import_one(trial_with(site(OURS)))
    url = ClinicalTrialPage.objects.get().url
    client.get(url)
    assert client.get(url)["X-Page-Cache"] == "HIT"
    assert "Open at our center" in client.get(url).content.decode()

    import_one(trial_with(site(OURS, "SUSPENDED")))

    html = client.get(url).content.decode()
    assert "Not open here yet" in html


def test_an_editors_file_does_not_change_the_sites(trial_listing, django_user_model):
    import_one(trial_with(site(OURS)))
    import_one(trial_with(site(OURS, "WITHDRAWN")), publish=False)
    assert TrialSite.objects.get().status == "RECRUITING"


@pytest.mark.parametrize(
    ("bad_site", "field"),
    [
        (site(OURS, geoPoint={"lat": 142.0, "lon": 0}), "locations[0].geoPoint.lat"),
        (site(OURS, geoPoint={"lat": "north", "lon": 0}), "locations[0].geoPoint.lat"),
        (site(OURS, status="OPENISH"), "locations[0].status"),
        (
            site(OURS, contacts=[{"name": "A", "email": "not an address"}]),
            "locations[0].contacts[0].email",
        ),
    ],
)
def test_a_malformed_site_rejects_the_study_naming_the_field(
    trial_listing, bad_site, field
):
    (result,) = importer.import_payload(trial_with(bad_site))
    assert result.outcome == "rejected"
    assert f"protocolSection.contactsLocationsModule.{field}" in result.message
    assert not ClinicalTrialPage.objects.exists() and not TrialSite.objects.exists()


@pytest.fixture
def our_center(site):
    settings = SiteSettings.objects.get(site=site)
    settings.our_facilities = f"{OURS}\nSample Satellite Clinic"
    settings.save()
    return settings


@pytest.mark.parametrize(
    ("sites", "expected"),
    [
        ([site(f"{OURS} – Main Campus"), site("Far Hospital")], "Open at our center"),
        ([site(OURS, "COMPLETED"), site("Far Hospital")], "Not open here yet"),
        ([site("Far Hospital")], "Only at other hospitals"),
    ],
    ids=["open-here", "not-open-here-yet", "only-elsewhere"],
)
def test_the_page_says_whether_the_trial_is_open_here(
    client, trial_listing, our_center, sites, expected
):
    import_one(trial_with(*sites))
    html = client.get(ClinicalTrialPage.objects.get().url).content.decode()
    assert f"data-trial-here>{expected}</span>" in html


def test_our_site_is_listed_first_and_long_lists_are_collapsed(
    client, trial_listing, our_center
):
    others = [site(f"Hospital {n:02d}", state=f"State {n:02d}") for n in range(8)]
    import_one(trial_with(*others, site(OURS, state="Massachusetts")))
    html = client.get(ClinicalTrialPage.objects.get().url).content.decode()
    sites_section = html[html.index("data-trial-sites") :]
    assert sites_section.index(escape(OURS)) < sites_section.index("Hospital 00")
    assert "(our center)" in sites_section
    assert "9 hospitals take part, ours among them." in sites_section
    assert "Show the other 4 hospitals" in sites_section


def extra_insert_batches(count: int) -> int:
    fields = [f for f in TrialSite._meta.concrete_fields if not f.primary_key]
    batch = connection.ops.bulk_batch_size(fields, [None] * count)
    return math.ceil(count / batch) - 1


def count_queries(action) -> int:
    with CaptureQueriesContext(connection) as queries:
        action()
    return len(queries)


def test_three_hundred_sites_cost_no_more_queries_than_three(
    client, trial_listing, our_center
):
    few = [site(f"Hospital {n}") for n in range(3)]
    many = [site(f"Hospital {n}") for n in range(300)]
    import_one(trial_with(*few, nct_id="NCT05550009"))  # the first import warms up
    import_few = count_queries(lambda: import_one(trial_with(*few)))
    import_many = count_queries(
        lambda: import_one(trial_with(*many, nct_id="NCT05550002"))
    )
    # One INSERT per batch the database takes (all 300 in one on PostgreSQL;
    # SQLite's limit on query parameters splits them).
    assert import_many == import_few + extra_insert_batches(300)
    assert TrialSite.objects.filter(trial__nct_id="NCT05550002").count() == 300
    # A sync that changes one site's status: still the same few queries.
    changed = [site(f"Hospital {n}") for n in range(299)] + [
        site("Hospital 299", "COMPLETED")
    ]
    resync_many = count_queries(
        lambda: import_one(trial_with(*changed, nct_id="NCT05550002"))
    )
    resync_few = count_queries(
        lambda: import_one(trial_with(*few[:2], site("Hospital 2", "COMPLETED")))
    )
    assert resync_many == resync_few + extra_insert_batches(300)

    small, large = (
        ClinicalTrialPage.objects.get(nct_id=n) for n in ("NCT05550001", "NCT05550002")
    )
    client.get(small.url)  # warm the per-site caches both pages share
    assert count_queries(lambda: client.get(large.url)) == count_queries(
        lambda: client.get(small.url)
    )
