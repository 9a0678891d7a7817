"""Comments are kept for FEEDBACK_COMMENT_RETENTION_DAYS, the yes/no for good."""

import datetime
import io

import pytest
from django.core.management import call_command
from django.utils import timezone

from feedback.models import PageVote

pytestmark = pytest.mark.django_db


def test_old_comments_are_blanked_and_the_answers_kept(condition, settings):
    settings.FEEDBACK_COMMENT_RETENTION_DAYS = 30
    now = timezone.now()
    old = PageVote.objects.create(
        page=condition,
        helpful=False,
        comment="My son Tom, born 2015",
        created_at=now - datetime.timedelta(days=31),
    )
    recent = PageVote.objects.create(
        page=condition, helpful=False, comment="Costs", created_at=now
    )
    out = io.StringIO()
    call_command("delete_old_feedback_comments", stdout=out)
    old.refresh_from_db()
    recent.refresh_from_db()
    assert (old.comment, old.helpful) == (None, False)
    assert recent.comment == "Costs"
    assert "Deleted 1 feedback comment(s)" in out.getvalue()
    assert "Tom" not in out.getvalue()
