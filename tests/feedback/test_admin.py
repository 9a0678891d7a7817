"""Reports › Page feedback: who may read it, through the real admin views, and what
it shows (counts over time, comments, the worst rated first)."""

import datetime

import pytest
from django.contrib.auth.models import Permission
from django.utils import timezone

from accounts import roles
from feedback.models import PageVote
from tests.roles_fixtures import administrator, editor, make_user, reviewer, sections

pytestmark = pytest.mark.django_db

__all__ = ["administrator", "editor", "reviewer", "sections"]  # fixtures used by name

REPORT = "/admin/reports/page-feedback/"


def answers(page, yes: int, no: int, *, comments=(), when=None):
    when = when or timezone.now()
    for helpful, count in ((True, yes), (False, no)):
        for _ in range(count):
            PageVote.objects.create(page=page, helpful=helpful, created_at=when)
    for text in comments:
        PageVote.objects.create(page=page, helpful=False, comment=text, created_at=when)


@pytest.mark.parametrize("role", ["editor", "reviewer", "administrator"])
def test_the_three_roles_read_the_report_and_a_pages_feedback(
    client, request, role, condition
):
    answers(condition, 1, 2, comments=["What the scan is like"])
    client.force_login(request.getfixturevalue(role))
    report = client.get(REPORT)
    assert report.status_code == 200
    assert condition.title in report.content.decode()
    detail = client.get(f"{REPORT}{condition.pk}/")
    assert detail.status_code == 200
    assert "What the scan is like" in detail.content.decode()
    assert '"page-feedback"' in client.get("/admin/").content.decode()


def test_nobody_else_reads_feedback(client, condition):
    answers(condition, 0, 0, comments=["Private words"])
    # Signed in to the admin, but in no role that reads feedback (a future role,
    # such as intake coordinators, gets it only if it is granted).
    other = make_user("other")
    other.user_permissions.add(
        Permission.objects.get(
            codename="access_admin", content_type__app_label="wagtailadmin"
        )
    )
    client.force_login(other)
    for url in (REPORT, f"{REPORT}{condition.pk}/", f"{REPORT}results/"):
        response = client.get(url)
        assert response.status_code in (302, 403), url
        assert b"Private words" not in response.content
    assert (
        'href="/admin/reports/page-feedback/"'
        not in client.get("/admin/").content.decode()
    )
    client.logout()
    response = client.get(f"{REPORT}{condition.pk}/")
    assert response.status_code == 302 and "/admin/login/" in response["Location"]


def test_the_roles_hold_read_only_permission(editor, reviewer, administrator):
    for user in (editor, reviewer, administrator):
        assert user.has_perm("feedback.view_pagevote")
    assert not Permission.objects.filter(
        content_type__app_label="feedback",
        codename__in=["add_pagevote", "change_pagevote", "delete_pagevote"],
    ).exists()
    assert "page feedback" in roles.ROLE_DESCRIPTIONS[roles.EDITORS]


def test_the_worst_rated_come_first(client, editor, sections):
    from tests import factories  # noqa: PLC0415

    liked = factories.ConditionPageFactory(parent=sections["conditions"], title="Liked")
    disliked = factories.ProgramPageFactory(
        parent=sections["programs"], title="Disliked"
    )
    few = factories.ConditionPageFactory(parent=sections["conditions"], title="Few")
    answers(liked, 9, 1)
    answers(disliked, 1, 9)
    answers(few, 0, 2)  # too few answers to judge: last
    client.force_login(editor)
    html = client.get(REPORT).content.decode()
    assert html.index("Disliked") < html.index("Liked") < html.index("Few")
    assert "10% (low)" in html


def test_counts_per_month_and_the_period(client, editor, condition):
    now = timezone.now()
    answers(condition, 2, 1, when=now)
    answers(condition, 0, 4, when=now - datetime.timedelta(days=200))
    client.force_login(editor)
    html = client.get(REPORT).content.decode()  # last 90 days by default
    assert "67%" in html
    html = client.get(REPORT, {"period": "all"}).content.decode()
    assert "29%" in html  # 2 of 7
    assert client.get(REPORT, {"period": "<script>"}).status_code == 200
    detail = client.get(f"{REPORT}{condition.pk}/").content.decode()
    assert "In all, 2 of 7 found it helpful" in detail
    assert timezone.localtime(now).strftime("%B %Y") in detail
    export = client.get(REPORT, {"export": "csv", "period": "all"})
    assert export.status_code == 200
    assert condition.title in b"".join(export.streaming_content).decode()


def test_unknown_pages_are_404(client, editor, site):
    client.force_login(editor)
    assert client.get(f"{REPORT}999999/").status_code == 404
