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
    SPANISH_DEMO_NOTE,
    existing_child,
    publish_child,
    section,
    streamfield,
    translate_demo_page,
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
        return created + load_spanish(index)
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
    return created + 1 + load_spanish(index)


# --- In Spanish (demo text, not medically reviewed: SPANISH_DEMO_NOTE) -----------------

SPANISH_SECTION = {
    SECTION["title"]: "Enfermedades que tratamos",
    "conditions": "enfermedades",
    SECTION["summary"]: (
        "Guías en lenguaje sencillo sobre las enfermedades que tratan nuestros "
        "equipos, de la A a la Z."
    ),
    "Find a condition by name. Other names families may have heard are listed too.": (
        "Busque una enfermedad por su nombre. También aparecen otros nombres que las "
        "familias pueden haber oído."
    ),
}

SPANISH_NET = {
    "Neuroendocrine tumors": "Tumores neuroendocrinos",
    "neuroendocrine-tumors": "tumores-neuroendocrinos",
    NET_CONDITION["summary"]: (
        "Los tumores neuroendocrinos (TNE) son crecimientos que se desarrollan a partir "
        "del tejido neuroendocrino, que produce hormonas. Pueden formarse en el tubo "
        "digestivo, los pulmones, el páncreas y otros tejidos."
    ),
    "NETs": "TNE",
    "What are neuroendocrine tumors?": "¿Qué son los tumores neuroendocrinos?",
    "Neuroendocrine tumors, also known as NETs, are growths that develop from "
    "specialized, hormone-producing neuroendocrine tissue distributed throughout the "
    "body.": (
        "Los tumores neuroendocrinos, también llamados TNE, son crecimientos que se "
        "desarrollan a partir de un tejido neuroendocrino especializado que produce "
        "hormonas y está repartido por todo el cuerpo."
    ),
    "Most NETs are slow-growing, but some are more aggressive, growing rapidly and "
    "spreading to other parts of the body.": (
        "La mayoría de los TNE crecen despacio, pero algunos son más agresivos: crecen "
        "rápido y se extienden a otras partes del cuerpo."
    ),
    "These tumors can form in:": "Estos tumores pueden formarse en:",
    "Some NETs secrete hormones while others do not. Those that secrete hormones are "
    'referred to as "functioning" and may cause specific symptoms related to excessive '
    "production of that hormone.": (
        "Algunos TNE producen hormonas y otros no. Los que producen hormonas se llaman "
        "«funcionantes» y pueden causar síntomas propios del exceso de esa hormona."
    ),
    "About this demo page": "Sobre esta página de demostración",
    SAMPLE_NOTE + " The one-line explanations of each type were written for the demo "
    "and have not been medically reviewed.": SPANISH_DEMO_NOTE
    + " Las explicaciones de cada tipo se escribieron para la demostración.",
    "Carcinoid tumors": "Tumores carcinoides",
    "especially when they grow out of the gastrointestinal tract or lungs": (
        "sobre todo cuando crecen en el tubo digestivo o los pulmones"
    ),
    "Islet cell tumors": "Tumores de células de los islotes",
    "pancreatic NETs": "TNE del páncreas",
    "Gastrointestinal tract": "Tubo digestivo",
    "sometimes called carcinoid tumors here": "aquí a veces se llaman tumores carcinoides",
    "Lungs": "Pulmones",
    "Pancreas": "Páncreas",
    "sometimes called “islet cell” tumors here": (
        "aquí a veces se llaman tumores «de células de los islotes»"
    ),
    "Other tissues": "Otros tejidos",
    "Pancreatic NETs (“islet cell” tumors)": (
        "TNE del páncreas (tumores «de células de los islotes»)"
    ),
    "Insulinoma": "Insulinoma",
    "Makes too much of the hormone insulin.": "Produce demasiada insulina.",
    "Glucagonoma": "Glucagonoma",
    "Makes too much of the hormone glucagon.": "Produce demasiado glucagón.",
    "Gastrinoma": "Gastrinoma",
    "Makes too much of the hormone gastrin.": "Produce demasiada gastrina.",
    "VIPoma": "VIPoma",
    "Makes too much of the hormone VIP.": "Produce demasiado VIP.",
    "Non-functioning NET": "TNE no funcionante",
    "Does not make hormones that cause symptoms.": (
        "No produce hormonas que causen síntomas."
    ),
    "Advanced cancers may also be treated here.": (
        "Aquí también se pueden tratar los cánceres avanzados."
    ),
}


def _spanish_long_texts() -> dict[str, str]:
    """The care, research and trials paragraphs, keyed by their English text."""
    english = [
        paragraph.removeprefix("<p>")
        for field in ("care_text", "research_text", "trials_text")
        for paragraph in NET_CONDITION[field].removesuffix("</p>").split("</p>")
    ]
    spanish = [
        "Los niños con tumores neuroendocrinos se tratan en nuestro centro a través del "
        "Programa de Oncología Endocrina. Nuestro servicio integrado de oncología "
        "pediátrica ofrece, en un solo programa especializado, la experiencia de un "
        "centro de cáncer de referencia y de un gran hospital infantil. Formamos un "
        "equipo para tratar a su hijo o hija con oncólogos, endocrinólogos, asesores "
        "genéticos y cirujanos. Los cánceres avanzados también pueden tratarse en "
        "nuestro Centro de Tumores Sólidos.",
        "Los niños que se tratan en nuestro Programa de Oncología Endocrina se "
        "benefician del trabajo de nuestros investigadores básicos y clínicos, que "
        "buscan entender las causas científicas de los cánceres endocrinos. Su trabajo "
        "puede traer nuevas opciones de tratamiento. Llevamos los avances del "
        "laboratorio a la consulta lo antes posible.",
        "Los estudios que evalúan nuevos tratamientos son una parte importante de lo "
        "que ofrecemos. Para muchos niños con enfermedades raras o difíciles de tratar, "
        "los ensayos clínicos dan nuevas opciones.",
        "Es posible que su hijo o hija pueda participar en uno de nuestros ensayos "
        "clínicos. Además de nuestros propios ensayos, ofrecemos ensayos de grupos "
        "colaborativos como el Children's Oncology Group (COG). Si el tumor de su hijo "
        "o hija ha crecido o ha vuelto, quizá pueda recibir tratamientos "
        "experimentales de estos grupos o de nuestros investigadores.",
    ]
    return dict(zip(english, spanish, strict=True))


def load_spanish(index) -> int:
    """The conditions index and the NET page in Spanish (demo text)."""
    page = existing_child(index, ConditionPage, NET_CONDITION["slug"])
    created = translate_demo_page(index, SPANISH_SECTION)
    if page is not None:
        created += translate_demo_page(page, {**SPANISH_NET, **_spanish_long_texts()})
    return created
