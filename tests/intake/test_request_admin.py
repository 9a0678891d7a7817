"""Who can read, export and mark handled a family's request, through the real admin,
and the audit log of every read."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from wagtail.models import ModelLogEntry

from accounts import roles
from intake.models import FamilyRequest, IntakeTeam
from tests import factories
from tests.roles_fixtures import make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def teams(db):
    return factories.IntakeTeamFactory(name="Team A"), factories.IntakeTeamFactory(
        name="Team B"
    )


@pytest.fixture
def requests_(teams):
    team_a, team_b = teams
    return (
        factories.FamilyRequestFactory(team=team_a, question="Team A's question"),
        factories.FamilyRequestFactory(team=team_b, question="Team B's question"),
    )


@pytest.fixture
def coordinator(teams):
    user = make_user("coordinator", roles.INTAKE)
    join(teams[0], user)
    return user


def join(team, user):
    team.members.add(user)
    team.save()  # a ParentalManyToManyField is written when the team is saved


def index(client):
    return client.get(reverse("family_requests:index"))


def inspect(client, family_request):
    return client.get(reverse("family_requests:inspect", args=[family_request.pk]))


def test_a_coordinator_reads_only_their_teams_requests(client, coordinator, requests_):
    mine, theirs = requests_
    client.force_login(coordinator)
    listing = index(client)
    assert listing.status_code == 200
    assert list(listing.context["object_list"]) == [mine]
    assert "Team A" in listing.content.decode()

    response = inspect(client, mine)
    assert response.status_code == 200
    assert "Team A&#x27;s question" in response.content.decode()
    assert inspect(client, theirs).status_code == 404


def test_every_read_is_in_the_audit_log_without_what_was_written(
    client, coordinator, requests_
):
    mine, _ = requests_
    client.force_login(coordinator)
    inspect(client, mine)
    entry = ModelLogEntry.objects.get(action="intake.view")
    assert (entry.user, entry.object_id) == (coordinator, str(mine.pk))
    assert mine.requester_name not in entry.label and mine.question not in entry.label


def test_an_export_holds_the_requests_and_logs_each_one(client, coordinator, requests_):
    mine, theirs = requests_
    client.force_login(coordinator)
    response = client.get(reverse("family_requests:index") + "?export=csv")
    assert response.status_code == 200
    csv = b"".join(response.streaming_content).decode()
    assert mine.requester_name in csv and "Team A's question" in csv
    assert "Team B's question" not in csv
    assert list(
        ModelLogEntry.objects.filter(action="intake.export").values_list(
            "object_id", flat=True
        )
    ) == [str(mine.pk)]


def test_a_coordinator_marks_a_request_handled(client, coordinator, requests_):
    mine, theirs = requests_
    client.force_login(coordinator)
    handled_url = reverse("family_requests_mark_handled", args=[mine.pk])
    assert client.get(handled_url).status_code == 405
    response = client.post(handled_url)
    assert response.status_code == 302
    mine.refresh_from_db()
    assert mine.handled_at is not None and mine.handled_by == coordinator
    assert ModelLogEntry.objects.filter(action="intake.handled").count() == 1
    # Not another team's.
    other = client.post(reverse("family_requests_mark_handled", args=[theirs.pk]))
    assert other.status_code == 404


@pytest.mark.parametrize("role", [roles.EDITORS, roles.REVIEWERS])
def test_editors_and_reviewers_cannot_see_requests_at_all(client, role, requests_):
    user = make_user("staff", role)
    join(requests_[0].team, user)  # even if someone added them to a team
    client.force_login(user)
    assert index(client).status_code in (302, 403)
    assert inspect(client, requests_[0]).status_code in (302, 403, 404)
    assert not ModelLogEntry.objects.filter(action="intake.view").exists()
    post = client.post(reverse("family_requests_mark_handled", args=[requests_[0].pk]))
    assert post.status_code in (302, 403)  # Wagtail sends a refused admin user home


def test_administrators_and_superusers_read_only_as_team_members(client, requests_):
    admin = make_user("siteadmin", roles.ADMINISTRATORS)
    root = get_user_model().objects.create_superuser("root", "root@example.org", "x")
    for user in (admin, root):
        client.force_login(user)
        assert index(client).status_code == 200
        assert list(index(client).context["object_list"]) == []
        assert inspect(client, requests_[0]).status_code == 404
    join(requests_[0].team, admin)
    client.force_login(admin)
    assert inspect(client, requests_[0]).status_code == 200


def test_nobody_adds_edits_or_deletes_a_request_in_the_admin(client, requests_):
    root = get_user_model().objects.create_superuser("root", "root@example.org", "x")
    join(requests_[0].team, root)
    client.force_login(root)
    for name, args in [
        ("family_requests:add", []),
        ("family_requests:edit", [requests_[0].pk]),
        ("family_requests:delete", [requests_[0].pk]),
    ]:
        response = client.get(reverse(name, args=args))
        assert response.status_code in (302, 403), name
    assert FamilyRequest.objects.count() == 2


def test_administrators_choose_team_members_among_coordinators(client, program):
    admin = make_user("siteadmin", roles.ADMINISTRATORS)
    coordinator = make_user("coordinator", roles.INTAKE)
    editor = make_user("editor", roles.EDITORS)
    client.force_login(admin)
    add_url = reverse("wagtailsnippets_intake_intaketeam:add")
    form = client.get(add_url).context["form"]
    assert list(form.fields["members"].queryset) == [coordinator]

    from wagtail.test.utils.form_data import inline_formset, nested_form_data

    data = nested_form_data(
        {
            "name": "Endocrine intake team",
            "inbox_email": "endocrine@example.org",
            "callback_promise": "We call back within a day.",
            "urgent_phone": "",
            "covered_pages": inline_formset([{"page": program.pk}]),
        }
    )
    data["members"] = [str(coordinator.pk)]
    response = client.post(add_url, data)
    assert response.status_code == 302, response.context["form"].errors
    team = IntakeTeam.objects.get(name="Endocrine intake team")
    assert list(team.members.all()) == [coordinator]
    assert list(team.covered_pages.values_list("page", flat=True)) == [program.pk]
    # An editor is not offered, and a forged POST naming one is refused.
    data["members"] = [str(editor.pk)]
    data["name"] = "Another team"
    response = client.post(add_url, data)
    assert response.status_code == 200
    assert not IntakeTeam.objects.filter(name="Another team").exists()


@pytest.fixture
def program(program_index):
    return factories.ProgramPageFactory(parent=program_index)
