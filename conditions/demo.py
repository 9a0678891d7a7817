"""Demo content of the conditions app: the A–Z index and the neuroendocrine tumors
page, built from the seed text as structured fields.

Every sentence about neuroendocrine tumors is quoted from the seed text
(``neuroendocrine-tumors.txt`` beside this file) and placed in its structured field.
Anything the seed does not say (one-line type explanations) is marked as sample text
on the page itself. Called by ``manage.py load_demo_content`` after the programs'
demo (the page links to them); idempotent.
"""

from netsite.demo import (
    SAMPLE_NOTE,
    existing_child,
    publish_child,
    section,
    streamfield,
)
from programs.models import CollaborativeGroup, ProgramPage

from .models import (
    ConditionAlias,
    ConditionBodySite,
    ConditionIndexPage,
    ConditionPage,
    ConditionProgram,
    ConditionType,
)

SECTION = {
    "title": "Conditions we treat",
    "summary": "Plain-language guides to the conditions our teams treat, A to Z.",
    "intro": "<p>Find a condition by name. Other names families may have heard are listed too.</p>",
}

NET_CONDITION = {
    "slug": "neuroendocrine-tumors",
    "title": "Neuroendocrine tumors",
    "short_name": "NETs",
    "summary": (
        "Neuroendocrine tumors (NETs) are growths that develop from hormone-producing "
        "neuroendocrine tissue. They can form in the gastrointestinal tract, lungs, "
        "pancreas, and other tissues."
    ),
    "overview_heading": "What are neuroendocrine tumors?",
    "overview": (
        "<p>Neuroendocrine tumors, also known as NETs, are growths that develop from "
        "specialized, hormone-producing neuroendocrine tissue distributed throughout the "
        "body.</p><p>Most NETs are slow-growing, but some are more aggressive, growing "
        "rapidly and spreading to other parts of the body.</p>"
    ),
    "aliases": [
        ("NETs", "", True),
        (
            "Carcinoid tumors",
            "especially when they grow out of the gastrointestinal tract or lungs",
            True,
        ),
        ("Islet cell tumors", "pancreatic NETs", True),
    ],
    "where_it_forms_intro": "These tumors can form in:",
    "body_sites": [
        ("Gastrointestinal tract", "sometimes called carcinoid tumors here"),
        ("Lungs", "sometimes called carcinoid tumors here"),
        ("Pancreas", "sometimes called “islet cell” tumors here"),
        ("Other tissues", ""),
    ],
    # The seed names the five pancreatic NET types; the one-line explanations are
    # sample text (see the callout in the body) until a clinician reviews them.
    "types_group": "Pancreatic NETs (“islet cell” tumors)",
    "types": [
        ("Insulinoma", "Makes too much of the hormone insulin.", "functioning"),
        ("Glucagonoma", "Makes too much of the hormone glucagon.", "functioning"),
        ("Gastrinoma", "Makes too much of the hormone gastrin.", "functioning"),
        ("VIPoma", "Makes too much of the hormone VIP.", "functioning"),
        (
            "Non-functioning NET",
            "Does not make hormones that cause symptoms.",
            "non-functioning",
        ),
    ],
    "functioning_text": (
        "<p>Some NETs secrete hormones while others do not. Those that secrete hormones "
        'are referred to as "functioning" and may cause specific symptoms related to '
        "excessive production of that hormone.</p>"
    ),
    "body": [
        {
            "type": "callout",
            "value": {
                "heading": "About this demo page",
                "text": "<p>" + SAMPLE_NOTE + " The one-line explanations of each type "
                "were written for the demo and have not been medically reviewed.</p>",
            },
        }
    ],
    "care_text": (
        "<p>Children with neuroendocrine tumors are treated at Dana-Farber/Boston "
        "Children's Cancer and Blood Disorders Center through our Endocrine-Oncology "
        "Program. Our integrated pediatric oncology service offers — in one specialized "
        "program — the combined expertise of a leading cancer center and a premier "
        "children’s hospital. We build a team to treat your child consisting of "
        "oncologists, endocrinologists, genetic counselors, and surgeons. Advanced "
        "cancers may also be treated through our Solid Tumor Center.</p>"
    ),
    "care_programs": [
        ("endocrine-oncology-program", ""),
        ("solid-tumor-center", "Advanced cancers may also be treated here."),
    ],
    "research_text": (
        "<p>Children who are treated through our Endocrine-Oncology Program benefit from "
        "the work of our basic and clinical researchers, who are striving to understand "
        "the scientific causes of endocrine cancers. Their work can result in the "
        "introduction of new treatment options. We are a world leader in translational "
        "research, bringing laboratory advances to the bedside and into doctors’ offices "
        "as quickly as possible.</p>"
    ),
    "trials_text": (
        "<p>Research studies evaluating new treatment approaches are a major offering at "
        "Dana-Farber/Boston Children’s. For many children with rare or hard-to-treat "
        "conditions, clinical trials provide new options.</p><p>It’s possible that your "
        "child will be eligible to participate in one of our clinical trials. In "
        "addition to launching our own clinical trials, we also offer trials available "
        "through collaborative groups such as the Children's Oncology Group (COG). If "
        "your child has a progressive or recurrent tumor, he or she may be eligible for "
        "a number of experimental therapies available through these groups or from one "
        "of our independent clinical investigators.</p>"
    ),
    "collaborative_groups": ["Children's Oncology Group"],
}


def load(home) -> int:
    """The conditions index and the NET page, linked to the demo programs."""
    index, created = section(home, ConditionIndexPage, "conditions", SECTION)
    data = NET_CONDITION
    if existing_child(index, ConditionPage, data["slug"]) is not None:
        return created
    page = ConditionPage(
        slug=data["slug"],
        title=data["title"],
        short_name=data["short_name"],
        summary=data["summary"],
        overview_heading=data["overview_heading"],
        overview=data["overview"],
        where_it_forms_intro=data["where_it_forms_intro"],
        functioning_text=data["functioning_text"],
        body=streamfield(data["body"]),
        care_text=data["care_text"],
        research_text=data["research_text"],
        trials_text=data["trials_text"],
    )
    page.also_known_as = [
        ConditionAlias(name=name, note=note, show_in_a_to_z=listed)
        for name, note, listed in data["aliases"]
    ]
    page.body_sites = [
        ConditionBodySite(name=name, note=note) for name, note in data["body_sites"]
    ]
    page.types = [
        ConditionType(
            group=data["types_group"],
            name=name,
            description=description,
            hormone_activity=activity,
        )
        for name, description, activity in data["types"]
    ]
    programs = {program.slug: program for program in ProgramPage.objects.all()}
    page.care_programs = [
        ConditionProgram(program=programs[slug], note=note)
        for slug, note in data["care_programs"]
    ]
    page.collaborative_groups = list(
        CollaborativeGroup.objects.filter(name__in=data["collaborative_groups"])
    )
    publish_child(index, page)
    return created + 1
