"""Demo content of the programs app: the two programs of the seed text, their care
teams (fictional people with drawn portraits), disciplines and the Children's Oncology
Group. Called by ``manage.py load_demo_content`` (see netsite/demo.py); idempotent.
"""

import hashlib
from io import BytesIO

from django.core.files.images import ImageFile
from PIL import Image, ImageDraw
from wagtail.images import get_image_model

from netsite.demo import (
    SAMPLE_NOTE,
    SPANISH_DEMO_NOTE,
    existing_child,
    publish_child,
    section,
    translate_demo_page,
)

from .models import (
    CollaborativeGroup,
    Discipline,
    Person,
    ProgramIndexPage,
    ProgramPage,
    ProgramTeamMember,
)

SECTION = {
    "title": "Programs and centers",
    "summary": "The care teams that look after your child, and how to reach them.",
    "intro": "<p>Each program brings together the specialists your child needs.</p>",
}

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


PALETTE = ["#0b5394", "#1b6b34", "#6b3fa0", "#8a4b08", "#2f5d62"]


def initials_portrait(name: str, size: int = 400) -> ImageFile:
    """A square PNG with the person's initials on a colour chosen from their name."""
    digest = int(hashlib.sha256(name.encode()).hexdigest(), 16)
    image = Image.new("RGB", (size, size), PALETTE[digest % len(PALETTE)])
    draw = ImageDraw.Draw(image)
    initials = "".join(part[0] for part in name.split()[:2]).upper()
    draw.text(
        (size / 2, size / 2), initials, fill="white", anchor="mm", font_size=size // 3
    )
    buffer = BytesIO()
    image.save(buffer, format="PNG")
    slug = "-".join(name.lower().split())
    return ImageFile(BytesIO(buffer.getvalue()), name=f"demo-{slug}.png")


def load(home) -> int:
    """The programs index, the programs with their teams, and the groups."""
    created = 0
    for data in COLLABORATIVE_GROUPS:
        _, new = CollaborativeGroup.objects.get_or_create(
            name=data["name"], defaults=data
        )
        created += new
    people = {}
    for name, credentials, job_title, _discipline in PEOPLE:
        person = Person.objects.filter(name=name).first()
        if person is None:
            photo = get_image_model().objects.create(
                title=f"{name} (sample portrait)", file=initials_portrait(name)
            )
            person = Person.objects.create(
                name=name,
                credentials=credentials,
                job_title=job_title,
                bio=PERSON_BIO,
                photo=photo,
            )
            created += 1
        people[name] = person
    disciplines = {}
    for order, name in enumerate(DISCIPLINES):
        disciplines[name], new = Discipline.objects.get_or_create(
            name=name, defaults={"sort_order": order * 10}
        )
        created += new

    index, new = section(home, ProgramIndexPage, "programs", SECTION)
    created += new
    programs = {}
    for data in PROGRAMS:
        data = dict(data)
        team = data.pop("team")
        page = existing_child(index, ProgramPage, data["slug"])
        if page is None:
            page = ProgramPage(**data)
            page.team_members = [
                ProgramTeamMember(
                    person=people[name], discipline=disciplines[discipline]
                )
                for name, discipline in team
            ]
            publish_child(index, page)
            created += 1
        programs[page.slug] = page
    center = programs["solid-tumor-center"]
    if not center.related_programs.exists():
        center.related_programs.set([programs["endocrine-oncology-program"]])
        center.save_revision().publish()
    return created + load_spanish()


# --- In Spanish (demo text, not medically reviewed: SPANISH_DEMO_NOTE) -----------------

SPANISH_SECTION = {
    SECTION["title"]: "Programas y centros",
    "programs": "programas",
    SECTION[
        "summary"
    ]: "Los equipos que cuidan de su hijo o hija, y cómo contactarlos.",
    "Each program brings together the specialists your child needs.": (
        "Cada programa reúne a los especialistas que su hijo o hija necesita."
    ),
}

SPANISH_PROGRAM = {
    "Endocrine-Oncology Program": "Programa de Oncología Endocrina",
    "endocrine-oncology-program": "programa-oncologia-endocrina",
    PROGRAMS[0]["summary"]: (
        "Un programa especializado que une la experiencia de un centro de cáncer de "
        "referencia y de un gran hospital infantil para niños con tumores endocrinos."
    ),
    "Our integrated pediatric oncology service offers — in one specialized program "
    "— the combined expertise of a leading cancer center and a premier children’s "
    "hospital. We build a team to treat your child consisting of oncologists, "
    "endocrinologists, genetic counselors, and surgeons.": (
        "Nuestro servicio integrado de oncología pediátrica ofrece, en un solo "
        "programa especializado, la experiencia de un centro de cáncer de referencia y "
        "de un gran hospital infantil. Formamos un equipo para tratar a su hijo o hija "
        "con oncólogos, endocrinólogos, asesores genéticos y cirujanos. "
        + SPANISH_DEMO_NOTE
    ),
    "Sample location: Building A, 3rd floor": "Ubicación de ejemplo: edificio A, 3.er piso",
    "Monday–Friday, 8am–5pm (sample hours)": (
        "De lunes a viernes, de 8 a 17 h (horario de ejemplo)"
    ),
}


def load_spanish() -> int:
    """The programs index and the Endocrine-Oncology Program in Spanish."""
    index = ProgramIndexPage.objects.filter(locale__language_code="en").first()
    program = ProgramPage.objects.filter(
        slug="endocrine-oncology-program", locale__language_code="en"
    ).first()
    if index is None or program is None:
        return 0
    created = translate_demo_page(index, SPANISH_SECTION)
    return created + translate_demo_page(program, SPANISH_PROGRAM)
