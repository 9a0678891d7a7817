"""The demo site's content, as structured data.

Every sentence about neuroendocrine tumors is quoted from the seed text
(`neuroendocrine-tumors.txt` beside this file) and placed in its structured field.
Anything the seed does not say (people, phone numbers, one-line type explanations,
the Solid Tumor Center's description) is marked as sample text on the page itself.
"""

SAMPLE_NOTE = "Sample text for the demo site."

SITE_SETTINGS = {
    "center_name": "Children's Cancer and Blood Disorders Center",
    "phone_label": "Call us",
    "phone": "617-555-0100",
    "address": "Sample address: 450 Example Avenue\nBoston, MA 02215",
    "footer_text": (
        "<p>This is a demonstration site. Phone numbers, addresses, people and trial "
        "records are samples, not real. In an emergency, call 911.</p>"
    ),
}

HOME = {
    "title": "Children's Cancer and Blood Disorders Center",
    "intro": (
        "Information for families about the conditions we treat, our care teams and "
        "the clinical trials your child may be able to join."
    ),
}

SECTIONS = {
    "conditions": {
        "title": "Conditions we treat",
        "summary": "Plain-language guides to the conditions our teams treat, A to Z.",
        "intro": "<p>Find a condition by name. Other names families may have heard are "
        "listed too.</p>",
    },
    "programs": {
        "title": "Programs and centers",
        "summary": "The care teams that look after your child, and how to reach them.",
        "intro": "<p>Each program brings together the specialists your child needs.</p>",
    },
    "trials": {
        "title": "Clinical trials",
        "summary": "Research studies your child may be able to join, from our own "
        "investigators and from collaborative groups.",
        "intro": (
            "<p>Clinical trials are research studies that test new ways to find and "
            "treat illness. Use the filters to find trials for your child's condition "
            "and age. Your care team can tell you whether a trial is right for your "
            "child.</p>"
        ),
    },
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

COLLABORATIVE_GROUPS = [
    {
        "name": "Children's Oncology Group",
        "short_name": "COG",
        "website": "https://childrensoncologygroup.org/",
        "description": (
            "A collaborative group through which we offer clinical trials in addition "
            "to our own."
        ),
        "registry_names": "Children's Oncology Group",
    }
]

DISCIPLINES = ["Oncologists", "Endocrinologists", "Genetic counselors", "Surgeons"]

# Fictional people: the seed names disciplines, not staff.
PEOPLE = [
    ("Avery Example", "MD", "Pediatric oncologist", "Oncologists"),
    ("Jordan Sample", "MD", "Pediatric endocrinologist", "Endocrinologists"),
    ("Riley Placeholder", "MS, CGC", "Genetic counselor", "Genetic counselors"),
    ("Morgan Demo", "MD", "Pediatric surgeon", "Surgeons"),
    ("Casey Specimen", "MD", "Pediatric oncologist, solid tumors", "Oncologists"),
]
PERSON_BIO = "Sample profile for the demo site: not a real person."

PROGRAMS = [
    {
        "slug": "endocrine-oncology-program",
        "title": "Endocrine-Oncology Program",
        "summary": (
            "One specialized program combining the expertise of a leading cancer center "
            "and a premier children's hospital for children with endocrine tumors."
        ),
        "overview": (
            "<p>Our integrated pediatric oncology service offers — in one specialized "
            "program — the combined expertise of a leading cancer center and a premier "
            "children’s hospital. We build a team to treat your child consisting of "
            "oncologists, endocrinologists, genetic counselors, and surgeons.</p>"
        ),
        "phone": "617-555-0123",
        "hours": "Monday–Friday, 8am–5pm (sample hours)",
        "location": "Sample location: Building A, 3rd floor",
        "team": [
            ("Avery Example", "Oncologists"),
            ("Jordan Sample", "Endocrinologists"),
            ("Riley Placeholder", "Genetic counselors"),
            ("Morgan Demo", "Surgeons"),
        ],
    },
    {
        "slug": "solid-tumor-center",
        "title": "Solid Tumor Center",
        "summary": "Care for children with tumors outside the brain, including advanced "
        "cancers. " + SAMPLE_NOTE,
        "overview": (
            "<p>"
            + SAMPLE_NOTE
            + " The seed text says only that advanced cancers may also be treated "
            "through our Solid Tumor Center; a real site would describe the center "
            "here.</p>"
        ),
        "phone": "617-555-0145",
        "hours": "",
        "location": "",
        "team": [("Casey Specimen", "Oncologists"), ("Morgan Demo", "Surgeons")],
    },
]

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

# What staff add to imported trials: never in the registry record.
TRIAL_STAFF_FIELDS = {
    "NCT09990001": {
        "eligibility_short": "Progressive or recurrent tumor",
        "family_summary": "<p>" + SAMPLE_NOTE + " This study tests a medicine taken by "
        "mouth for children and young adults whose tumor has grown or come back.</p>",
    },
    "NCT09990002": {
        "eligibility_short": "A rare endocrine tumor, diagnosed before age 30",
        "family_summary": "<p>" + SAMPLE_NOTE + " This study collects health "
        "information and tissue samples. It has no study medicine.</p>",
    },
}
