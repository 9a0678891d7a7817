"""The demo content: built from the seed text as structured fields, and idempotent."""

import html
import re
from pathlib import Path

import pytest
from django.core.management import call_command
from wagtail.models import Page, Revision

from conditions.models import ConditionPage
from programs.models import CollaborativeGroup, Person, ProgramPage
from trials.models import ClinicalTrialPage

pytestmark = pytest.mark.django_db

SEED = Path(__file__).resolve().parents[2] / "conditions" / "neuroendocrine-tumors.txt"


@pytest.fixture
def demo(home):
    call_command("load_demo_content", stdout=open("/dev/null", "w"))  # noqa: SIM115


def snapshot():
    """Everything the loader writes, as comparable values."""
    return {
        "pages": sorted(
            Page.objects.values_list("id", "url_path", "live", "latest_revision_id")
        ),
        "revisions": Revision.objects.count(),
        "people": Person.objects.count(),
        "groups": CollaborativeGroup.objects.count(),
        "links": sorted(ClinicalTrialPage.conditions.through.objects.values_list("pk")),
    }


def test_running_it_twice_changes_nothing(demo):
    before = snapshot()
    call_command("load_demo_content", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert snapshot() == before


def test_it_builds_the_page_tree_of_the_design(demo):
    paths = set(Page.objects.live().values_list("url_path", flat=True))
    assert {
        "/home/",
        "/home/conditions/",
        "/home/conditions/neuroendocrine-tumors/",
        "/home/programs/",
        "/home/programs/endocrine-oncology-program/",
        "/home/programs/solid-tumor-center/",
        "/home/trials/",
        "/home/about/",
        "/home/contact/",
    } <= paths
    assert ClinicalTrialPage.objects.live().count() == 3


def test_the_net_page_is_structured_not_one_blob(demo):
    net = ConditionPage.objects.get(slug="neuroendocrine-tumors")
    assert [a.name for a in net.also_known_as.all()] == [
        "NETs",
        "Carcinoid tumors",
        "Islet cell tumors",
    ]
    assert [t.name for t in net.types.all()] == [
        "Insulinoma",
        "Glucagonoma",
        "Gastrinoma",
        "VIPoma",
        "Non-functioning NET",
    ]
    assert {t.hormone_activity for t in net.types.all()} == {
        "functioning",
        "non-functioning",
    }
    assert [s.name for s in net.body_sites.all()][:3] == [
        "Gastrointestinal tract",
        "Lungs",
        "Pancreas",
    ]
    assert [link.program.title for link in net.care_programs.all()] == [
        "Endocrine-Oncology Program",
        "Solid Tumor Center",
    ]
    assert "translational research" in net.research_text
    assert "Children's Oncology Group (COG)" in net.trials_text
    assert [g.short_name for g in net.collaborative_groups.all()] == ["COG"]


def test_the_programs_have_their_team_disciplines(demo):
    program = ProgramPage.objects.get(slug="endocrine-oncology-program")
    disciplines = [discipline.name for discipline, _ in program.team_by_discipline()]
    assert disciplines == [
        "Oncologists",
        "Endocrinologists",
        "Genetic counselors",
        "Surgeons",
    ]


def test_the_sample_trials_are_linked_to_the_condition(demo):
    net = ConditionPage.objects.get(slug="neuroendocrine-tumors")
    linked = set(net.trials.values_list("nct_id", flat=True))
    assert linked == {"NCT09990001", "NCT09990002", "NCT09990003"}
    # The completed study is linked but not listed as open.
    assert {t.nct_id for t in net.open_trials} == {"NCT09990001", "NCT09990002"}
    cog_trial = ClinicalTrialPage.objects.get(nct_id="NCT09990001")
    assert cog_trial.collaborative_group.short_name == "COG"


def visible_text(content: bytes) -> str:
    text = re.sub(r"<[^>]+>", " ", content.decode())
    text = html.unescape(text)
    return " ".join(text.replace("’", "'").replace("“", '"').replace("”", '"').split())


def seed_sentences():
    text = SEED.read_text().replace("’", "'").replace("“", '"').replace("”", '"')
    paragraphs = [p.strip() for p in text.split("\n") if p.strip()]
    body = [p for p in paragraphs if not p.endswith("?") and len(p.split()) > 4]
    for paragraph in body:
        yield from (
            s.strip() for s in re.split(r"(?<=[.!])\s+", paragraph) if s.strip()
        )


# Seed sentences the page carries as structured parts rather than as prose: each maps
# to the pieces of visible text that stand for it.
RESTRUCTURED = {
    "These tumors can form in the gastrointestinal tract, lungs, pancreas, and other "
    "tissues.": [
        "Where they form These tumors can form in: Gastrointestinal tract",
        "Lungs",
        "Pancreas",
        "Other tissues",
    ],
    "NETs are sometimes called carcinoid tumors, especially when they grow out of the "
    "gastrointestinal tract or lungs.": [
        "Carcinoid tumors (especially when they grow out of the gastrointestinal tract "
        "or lungs)"
    ],
    'Pancreatic NETs are sometimes called "islet cell" tumors and include insulinomas, '
    "glucagonomas, gastrinomas, VIPomas, and non-functioning NETs.": [
        "Islet cell tumors (pancreatic NETs)",
        'Pancreatic NETs ("islet cell" tumors) Insulinoma',
        "Glucagonoma",
        "Gastrinoma",
        "VIPoma",
        "Non-functioning NET",
    ],
}


def test_the_net_page_shows_every_sentence_of_the_seed(demo, client):
    page_text = visible_text(client.get("/conditions/neuroendocrine-tumors/").content)
    sentences = list(seed_sentences())
    assert len(sentences) >= 15
    assert set(RESTRUCTURED) <= set(sentences)
    missing = [
        s
        for s in sentences
        if s not in RESTRUCTURED and " ".join(s.split()) not in page_text
    ]
    assert missing == []
    for sentence, parts in RESTRUCTURED.items():
        assert [part for part in parts if part not in page_text] == [], sentence


@pytest.mark.parametrize(
    "heading",
    [
        "What are neuroendocrine tumors?",
        "Where they form",
        "Types",
        "Functioning and non-functioning",
        "How we care for NETs",
        "Latest research on NETs",
        "Clinical trials",
        "Who treats NETs here",
    ],
)
def test_the_net_page_puts_each_part_under_its_heading(demo, client, heading):
    content = client.get("/conditions/neuroendocrine-tumors/").content.decode()
    assert re.search(rf"<h[23][^>]*>\s*{re.escape(heading)}\s*</h[23]>", content)
