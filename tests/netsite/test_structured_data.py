"""JSON-LD on every page type: parses, uses schema.org types and properties, is safe."""

import datetime
import json
import re

import pytest

from netsite.schema import to_script_json
from tests import factories
from trials.models import Phase
from trials.registry.values import SCHEMA_STUDY_STATUS as STUDY_STATUS

pytestmark = pytest.mark.django_db

JSON_LD = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.S)

# The schema.org properties each type used here may carry (inherited ones
# included), so a misspelt or invented property fails the test. Checked against
# schema.org's definitions.
THING = {
    "@type",
    "@id",
    "name",
    "alternateName",
    "description",
    "url",
    "sameAs",
    "identifier",
}
CREATIVE_WORK = THING | {
    "about",
    "mainEntity",
    "inLanguage",
    "dateModified",
    "publisher",
    "isPartOf",
}
WEB_PAGE = CREATIVE_WORK | {"breadcrumb", "lastReviewed", "reviewedBy"}
ORGANIZATION = THING | {
    "telephone",
    "email",
    "address",
    "logo",
    "parentOrganization",
    "employee",
    "knowsAbout",
}
MEDICAL_ENTITY = THING | {"code", "study"}
ALLOWED = {
    "WebPage": WEB_PAGE,
    "MedicalWebPage": WEB_PAGE,
    "CollectionPage": WEB_PAGE,
    "SearchResultsPage": WEB_PAGE,
    "WebSite": CREATIVE_WORK | {"potentialAction"},
    "SearchAction": THING | {"target", "query-input"},
    "EntryPoint": THING | {"urlTemplate"},
    "BreadcrumbList": THING | {"itemListElement"},
    "ListItem": THING | {"position", "item"},
    "MedicalOrganization": ORGANIZATION,
    "MedicalClinic": ORGANIZATION,
    "Organization": ORGANIZATION,
    "PostalAddress": THING | {"streetAddress"},
    "Person": THING | {"honorificSuffix", "jobTitle"},
    "MedicalCondition": MEDICAL_ENTITY | {"associatedAnatomy"},
    "AnatomicalStructure": MEDICAL_ENTITY,
    "MedicalTrial": MEDICAL_ENTITY
    | {"status", "phase", "healthCondition", "sponsor", "studyLocation"},
    "MedicalCode": THING | {"codeValue", "codingSystem"},
    "AdministrativeArea": THING | {"address"},
}
STUDY_STATUSES = {
    "ActiveNotRecruiting",
    "Completed",
    "EnrollingByInvitation",
    "NotYetRecruiting",
    "Recruiting",
    "ResultsAvailable",
    "Suspended",
    "Terminated",
    "Withdrawn",
}


def check_node(node, path="$"):
    """Every typed node uses a known type and only that type's properties."""
    if isinstance(node, list):
        for index, item in enumerate(node):
            check_node(item, f"{path}[{index}]")
        return
    if not isinstance(node, dict):
        return
    if "@type" in node:
        assert node["@type"] in ALLOWED, f"{path}: unexpected type {node['@type']}"
        unknown = set(node) - ALLOWED[node["@type"]] - {"@context", "@graph"}
        assert not unknown, f"{path} ({node['@type']}): unknown properties {unknown}"
    for key, value in node.items():
        if value in ("", [], {}, None):
            raise AssertionError(f"{path}.{key} is empty")
        check_node(value, f"{path}.{key}")


def json_ld(client, page):
    response = client.get(page.url)
    assert response.status_code == 200
    scripts = JSON_LD.findall(response.content.decode())
    assert len(scripts) == 1, "one JSON-LD document per page"
    document = json.loads(scripts[0])
    assert document["@context"] == "https://schema.org"
    check_node(document)
    return document


def nodes(document, type_name):
    return [node for node in document["@graph"] if node["@type"] == type_name]


def breadcrumb_names(document):
    (crumbs,) = nodes(document, "BreadcrumbList")
    positions = [item["position"] for item in crumbs["itemListElement"]]
    assert positions == list(range(1, len(positions) + 1))
    for item in crumbs["itemListElement"]:
        assert item["item"].startswith("http://testserver/")
    return [item["name"] for item in crumbs["itemListElement"]]


@pytest.fixture
def tree(site, home, condition_index, program_index, trial_listing):
    program = factories.ProgramPageFactory(
        parent=program_index,
        title="Endocrine-Oncology Program",
        location="Building A, 3rd floor\nBoston",
    )
    factories.ProgramTeamMemberFactory(
        page=program, person__name="Avery Example", role="Program director"
    )
    condition = factories.ConditionPageFactory(
        parent=condition_index,
        title="Neuroendocrine tumors",
        summary="Growths from hormone-making tissue.",
        last_reviewed=datetime.date(2026, 3, 1),
        reviewed_by="Jane Doe, MD",
    )
    condition.body_sites.create(name="Pancreas")
    condition.body_sites.create(name="Lungs")
    condition.save()  # the body sites are a modelcluster relation: saved with the page
    for name in ("NETs", "Carcinoid tumors", "Islet cell tumors"):
        factories.ConditionAliasFactory(page=condition, name=name)
    factories.ConditionProgramFactory(page=condition, program=program)
    trial = factories.ClinicalTrialPageFactory(
        parent=trial_listing,
        title="A study </script><script>alert(1)</script> of NETs & more",
        nct_id="NCT01234567",
        overall_status="ACTIVE_NOT_RECRUITING",
        lead_sponsor="Children's Oncology Group",
        registry_conditions=["Neuroendocrine Tumors", "Carcinoid Tumor"],
    )
    trial.conditions.set([condition])
    trial.phases.set([Phase.objects.get(code="PHASE2")])
    trial.save()
    standard = factories.StandardPageFactory(parent=home, title="About us")
    return {
        "home": home,
        "standard": standard,
        "condition_index": condition_index,
        "condition": condition,
        "program_index": program_index,
        "program": program,
        "trial_listing": trial_listing,
        "trial": trial,
    }


def test_condition_page_is_a_medical_web_page_about_a_medical_condition(tree, client):
    document = json_ld(client, tree["condition"])

    (page,) = nodes(document, "MedicalWebPage")
    (condition,) = nodes(document, "MedicalCondition")
    assert page["about"] == page["mainEntity"] == {"@id": condition["@id"]}
    assert page["lastReviewed"] == "2026-03-01"
    assert page["reviewedBy"] == {"@type": "Person", "name": "Jane Doe, MD"}
    assert page["url"] == "http://testserver/conditions/neuroendocrine-tumors/"
    assert condition["name"] == "Neuroendocrine tumors"
    assert condition["alternateName"] == [
        "NETs",
        "Carcinoid tumors",
        "Islet cell tumors",
    ]
    assert [site["name"] for site in condition["associatedAnatomy"]] == [
        "Pancreas",
        "Lungs",
    ]
    assert condition["description"] == "Growths from hormone-making tissue."
    assert breadcrumb_names(document) == [
        "Home",
        "Conditions we treat",
        "Neuroendocrine tumors",
    ]


def test_trial_page_is_a_medical_trial(tree, client):
    document = json_ld(client, tree["trial"])

    (trial,) = nodes(document, "MedicalTrial")
    assert trial["code"] == {
        "@type": "MedicalCode",
        "codeValue": "NCT01234567",
        "codingSystem": "ClinicalTrials.gov",
    }
    assert trial["status"] == "https://schema.org/ActiveNotRecruiting"
    assert trial["phase"] == "Phase 2"
    assert trial["sponsor"] == {
        "@type": "Organization",
        "name": "Children's Oncology Group",
    }
    assert trial["studyLocation"]["name"] == "Test Children's Cancer Center"
    assert trial["sameAs"] == "https://clinicaltrials.gov/study/NCT01234567"
    conditions = trial["healthCondition"]
    assert conditions[0] == {
        "@type": "MedicalCondition",
        "name": "Neuroendocrine tumors",
        "url": "http://testserver/conditions/neuroendocrine-tumors/",
    }
    # The registry's own names are added, except the one already linked (any case).
    assert {"@type": "MedicalCondition", "name": "Carcinoid Tumor"} in conditions
    assert len(conditions) == 2
    (page,) = nodes(document, "MedicalWebPage")
    assert page["mainEntity"] == {"@id": trial["@id"]}
    assert breadcrumb_names(document)[:2] == ["Home", "Clinical trials"]


def test_a_script_in_a_trial_title_cannot_escape_the_json_ld(tree, client):
    html = client.get(tree["trial"].url).content.decode()
    (script,) = JSON_LD.findall(html)

    assert "</script>" not in script and "<" not in script and "&" not in script
    assert "\\u003c/script\\u003e" in script
    assert json.loads(script)["@graph"][1]["name"] == tree["trial"].title


def test_program_page_is_a_medical_clinic_with_its_team_and_conditions(tree, client):
    document = json_ld(client, tree["program"])

    (clinic,) = nodes(document, "MedicalClinic")
    assert clinic["name"] == "Endocrine-Oncology Program"
    assert clinic["address"]["streetAddress"] == "Building A, 3rd floor, Boston"
    assert clinic["telephone"] == "617-555-0199"
    assert clinic["employee"] == [
        {
            "@type": "Person",
            "name": "Avery Example",
            "honorificSuffix": "MD",
            "jobTitle": "Program director",
        }
    ]
    assert clinic["knowsAbout"][0]["name"] == "Neuroendocrine tumors"
    assert clinic["parentOrganization"] == {"@id": "http://testserver/#organization"}


def test_a_program_without_a_place_is_a_medical_organization(program_index, client):
    program = factories.ProgramPageFactory(parent=program_index, location="")

    document = json_ld(client, program)

    assert nodes(document, "MedicalOrganization")
    assert not nodes(document, "MedicalClinic")


def test_home_page_describes_the_organization_and_site_search(tree, client):
    document = json_ld(client, tree["home"])

    (organization,) = nodes(document, "MedicalOrganization")
    assert organization["@id"] == "http://testserver/#organization"
    assert organization["name"] == "Test Children's Cancer Center"
    assert organization["telephone"] == "617-555-0100"
    (website,) = nodes(document, "WebSite")
    target = website["potentialAction"]["target"]["urlTemplate"]
    assert target == "http://testserver/search/?q={search_term_string}"
    assert breadcrumb_names(document) == ["Home"]


@pytest.mark.parametrize(
    ("key", "page_type"),
    [
        ("standard", "WebPage"),
        ("condition_index", "CollectionPage"),
        ("program_index", "CollectionPage"),
        ("trial_listing", "CollectionPage"),
    ],
)
def test_other_pages_are_web_pages_with_breadcrumbs(tree, client, key, page_type):
    document = json_ld(client, tree[key])

    (page,) = nodes(document, page_type)
    assert page["name"] == tree[key].title
    assert page["breadcrumb"] == {"@id": page["url"] + "#breadcrumb"}
    assert breadcrumb_names(document) == ["Home", tree[key].title]


def test_every_demo_page_has_valid_json_ld(site, client):
    from django.core.management import call_command
    from wagtail.models import Page

    call_command("load_demo_content", stdout=open("/dev/null", "w"))  # noqa: SIM115
    pages = Page.objects.filter(depth__gte=2).live().specific()
    types = set()
    for page in pages:
        document = json_ld(client, page)
        types |= {node["@type"] for node in document["@graph"]}
        assert nodes(document, "BreadcrumbList")
    assert {"MedicalWebPage", "MedicalCondition", "MedicalTrial", "WebSite"} <= types
    assert types & {"MedicalClinic", "MedicalOrganization"}


def test_every_registry_status_maps_to_a_schema_org_value():
    assert set(STUDY_STATUS.values()) <= STUDY_STATUSES


def test_script_json_escapes_markup_but_stays_json():
    text = to_script_json({"name": "</script><!-- & \u2028"})

    assert "<" not in text and ">" not in text and "&" not in text
    assert json.loads(text) == {"name": "</script><!-- & \u2028"}
