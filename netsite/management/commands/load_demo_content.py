"""Build the demo site: the page tree of DESIGN.md, the NET page from the seed text,
two programs with their teams, the sample registry trials, and site settings.

Idempotent: anything that already exists (found by slug, name or NCT ID) is left as
it is, so running it twice changes nothing and never overwrites an editor's work.
Models are looked up by name: the site shell does not import the content apps.
"""

import json
from pathlib import Path

from django.apps import apps
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from wagtail.images import get_image_model
from wagtail.models import Site

from netsite.demo import content
from netsite.demo.images import initials_portrait

DEMO_DIR = Path(__file__).resolve().parents[2] / "demo"


def model(label: str):
    return apps.get_model(label)


class Command(BaseCommand):
    help = "Load the demo content (safe to run again: existing content is kept)."

    def handle(self, *args, **options):
        self.created = 0
        with transaction.atomic():
            site = Site.objects.get(is_default_site=True)
            home = self.home(site)
            self.site_settings(site)
            groups = self.collaborative_groups()
            people = self.people()
            sections = self.sections(home)
            programs = self.programs(sections["programs"], people)
            self.standard_pages(home)
            self.net_condition(sections["conditions"], programs, groups)
        # Each trial is imported in its own transaction by the importer.
        self.trials(sections["trials"])
        self.stdout.write(
            self.style.SUCCESS(f"Demo content ready ({self.created} objects created).")
        )

    # --- helpers ----------------------------------------------------------------

    def publish(self, parent, page):
        parent.add_child(instance=page)
        page.save_revision().publish()
        self.created += 1
        return page

    def existing_child(self, parent, page_model, slug):
        return page_model.objects.child_of(parent).filter(slug=slug).first()

    # --- content ----------------------------------------------------------------

    def home(self, site):
        home = site.root_page.specific
        HomePage = model("netsite.HomePage")  # noqa: N806
        if not isinstance(home, HomePage):
            raise CommandError("The default site's root page is not a HomePage.")
        if home.title == "Home":  # Still the migration's placeholder.
            home.title = content.HOME["title"]
            home.intro = content.HOME["intro"]
            home.save_revision().publish()
            self.created += 1
        return home

    def site_settings(self, site):
        SiteSettings = model("netsite.SiteSettings")  # noqa: N806
        _, created = SiteSettings.objects.get_or_create(
            site=site, defaults=content.SITE_SETTINGS
        )
        self.created += created

    def collaborative_groups(self):
        CollaborativeGroup = model("programs.CollaborativeGroup")  # noqa: N806
        groups = {}
        for data in content.COLLABORATIVE_GROUPS:
            group, created = CollaborativeGroup.objects.get_or_create(
                name=data["name"], defaults=data
            )
            groups[group.name] = group
            self.created += created
        return groups

    def people(self):
        Person = model("programs.Person")  # noqa: N806
        Image = get_image_model()  # noqa: N806
        people = {}
        for name, credentials, job_title, _discipline in content.PEOPLE:
            person = Person.objects.filter(name=name).first()
            if person is None:
                photo = Image.objects.create(
                    title=f"{name} (sample portrait)", file=initials_portrait(name)
                )
                person = Person.objects.create(
                    name=name,
                    credentials=credentials,
                    job_title=job_title,
                    bio=content.PERSON_BIO,
                    photo=photo,
                )
                self.created += 1
            people[name] = person
        return people

    def sections(self, home):
        kinds = {
            "conditions": model("conditions.ConditionIndexPage"),
            "programs": model("programs.ProgramIndexPage"),
            "trials": model("programs.TrialListingPage"),
        }
        sections = {}
        for slug, page_model in kinds.items():
            page = self.existing_child(home, page_model, slug)
            if page is None:
                page = self.publish(
                    home,
                    page_model(slug=slug, show_in_menus=True, **content.SECTIONS[slug]),
                )
            sections[slug] = page
        return sections

    def programs(self, index, people):
        ProgramPage = model("programs.ProgramPage")  # noqa: N806
        ProgramTeamMember = model("programs.ProgramTeamMember")  # noqa: N806
        Discipline = model("programs.Discipline")  # noqa: N806
        disciplines = {}
        for order, name in enumerate(content.DISCIPLINES):
            disciplines[name], created = Discipline.objects.get_or_create(
                name=name, defaults={"sort_order": order * 10}
            )
            self.created += created
        programs = {}
        for data in content.PROGRAMS:
            data = dict(data)
            team = data.pop("team")
            page = self.existing_child(index, ProgramPage, data["slug"])
            if page is None:
                page = ProgramPage(**data)
                page.team_members = [
                    ProgramTeamMember(
                        person=people[name], discipline=disciplines[discipline]
                    )
                    for name, discipline in team
                ]
                self.publish(index, page)
            programs[page.slug] = page
        center = programs["solid-tumor-center"]
        if not center.related_programs.exists():
            center.related_programs.set([programs["endocrine-oncology-program"]])
            center.save_revision().publish()
        return programs

    def standard_pages(self, home):
        StandardPage = model("netsite.StandardPage")  # noqa: N806
        for data in content.STANDARD_PAGES:
            if self.existing_child(home, StandardPage, data["slug"]) is None:
                page = StandardPage(
                    show_in_menus=True, **{**data, "body": json.dumps(data["body"])}
                )
                self.publish(home, page)

    def net_condition(self, index, programs, groups):
        ConditionPage = model("conditions.ConditionPage")  # noqa: N806
        data = content.NET_CONDITION
        if self.existing_child(index, ConditionPage, data["slug"]) is not None:
            return
        page = ConditionPage(
            slug=data["slug"],
            title=data["title"],
            short_name=data["short_name"],
            summary=data["summary"],
            overview_heading=data["overview_heading"],
            overview=data["overview"],
            where_it_forms_intro=data["where_it_forms_intro"],
            functioning_text=data["functioning_text"],
            body=json.dumps(data["body"]),
            care_text=data["care_text"],
            research_text=data["research_text"],
            trials_text=data["trials_text"],
        )
        page.also_known_as = [
            model("conditions.ConditionAlias")(
                name=name, note=note, show_in_a_to_z=listed
            )
            for name, note, listed in data["aliases"]
        ]
        page.body_sites = [
            model("conditions.ConditionBodySite")(name=name, note=note)
            for name, note in data["body_sites"]
        ]
        page.types = [
            model("conditions.ConditionType")(
                group=data["types_group"],
                name=name,
                description=description,
                hormone_activity=activity,
            )
            for name, description, activity in data["types"]
        ]
        page.care_programs = [
            model("conditions.ConditionProgram")(program=programs[slug], note=note)
            for slug, note in data["care_programs"]
        ]
        page.collaborative_groups = [
            groups[name] for name in data["collaborative_groups"]
        ]
        self.publish(index, page)

    def trials(self, listing):
        # Imported through the same code path as real registry records.
        from programs.importer import import_record  # noqa: PLC0415

        for path in sorted((DEMO_DIR / "ctgov").glob("*.json")):
            result = import_record(json.loads(path.read_text()), listing=listing)
            if result.outcome == "rejected":
                raise CommandError(
                    f"Demo trial {path.name} was rejected: {result.message}"
                )
            if result.outcome == "created":
                self.created += 1
                self.add_staff_fields(result.page)
            self.stdout.write(f"  {result.nct_id}: {result.outcome}")

    def add_staff_fields(self, trial):
        fields = content.TRIAL_STAFF_FIELDS.get(trial.nct_id)
        if not fields:
            return
        for name, value in fields.items():
            setattr(trial, name, value)
        trial.save_revision().publish()
