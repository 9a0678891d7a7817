"""What the answers add up to: per page, per month, and the pages families rate worst.

All of it is counted in the database (one query per question), so the reports cost
the same however many answers there are.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import Count, Max, Q
from django.db.models.functions import TruncMonth
from django.utils import timezone

from .models import PageVote

# The pages rated worst: answers from the last WINDOW_DAYS only (a page rewritten after
# complaints should leave the list), at least MIN_ANSWERS of them (two “no”s say
# little), and fewer than half finding the page helpful.
WINDOW_DAYS = 90
MIN_ANSWERS = 5
POOR_SHARE = 0.5


@dataclass
class Rating:
    """The answers about one page."""

    page_id: int
    yes: int
    no: int
    comments: int = 0
    last_answer_at: datetime.datetime | None = None

    @property
    def answers(self) -> int:
        return self.yes + self.no

    @property
    def helpful_share(self) -> float:
        return self.yes / self.answers if self.answers else 0.0

    @property
    def helpful_percent(self) -> int:
        return round(100 * self.helpful_share)

    @property
    def summary(self) -> str:
        """“3 of 12 found it helpful”."""
        return f"{self.yes} of {self.answers} found it helpful"

    @property
    def is_poor(self) -> bool:
        return self.answers >= MIN_ANSWERS and self.helpful_share < POOR_SHARE


def ratings(*, since=None, page_ids=None) -> dict[int, Rating]:
    """Each page's answers (since ``since``, if given), by page id."""
    votes = PageVote.objects.all()
    if since is not None:
        votes = votes.filter(created_at__gte=since)
    if page_ids is not None:
        votes = votes.filter(page_id__in=list(page_ids))
    rows = (
        votes.order_by()
        .values("page_id")
        .annotate(
            yes=Count("pk", filter=Q(helpful=True)),
            no=Count("pk", filter=Q(helpful=False)),
            comments=Count("pk", filter=Q(comment__isnull=False)),
            last_answer_at=Max("created_at"),
        )
    )
    return {row["page_id"]: Rating(**row) for row in rows}


def window_start(now=None) -> datetime.datetime:
    return (now or timezone.now()) - datetime.timedelta(days=WINDOW_DAYS)


def poorly_rated(*, page_ids=None, now=None) -> dict[int, Rating]:
    """Pages most visitors found unhelpful lately, worst first (see the constants)."""
    found = [
        rating
        for rating in ratings(since=window_start(now), page_ids=page_ids).values()
        if rating.is_poor
    ]
    found.sort(key=lambda r: (r.helpful_share, -r.answers, r.page_id))
    return {rating.page_id: rating for rating in found}


def by_month(page_id: int, *, months: int = 12, now=None) -> list[dict]:
    """Yes and no for each of the last ``months`` calendar months, newest first,
    months without answers included (a quiet month is information too)."""
    today = timezone.localdate(now or timezone.now())
    first = today.replace(day=1)
    starts = []
    for _ in range(months):
        starts.append(first)
        first = (first - datetime.timedelta(days=1)).replace(day=1)
    since = timezone.make_aware(
        datetime.datetime.combine(starts[-1], datetime.time.min)
    )
    rows = (
        PageVote.objects.filter(page_id=page_id, created_at__gte=since)
        .annotate(month=TruncMonth("created_at"))
        .order_by()
        .values("month")
        .annotate(
            yes=Count("pk", filter=Q(helpful=True)),
            no=Count("pk", filter=Q(helpful=False)),
        )
    )
    counted = {_month_of(row["month"]): row for row in rows}
    result = []
    for start in starts:
        row = counted.get(start, {"yes": 0, "no": 0})
        rating = Rating(page_id=page_id, yes=row["yes"], no=row["no"])
        result.append({"month": start, "rating": rating})
    return result


def _month_of(value) -> datetime.date:
    if isinstance(value, datetime.datetime):
        value = timezone.localtime(value) if timezone.is_aware(value) else value
        return value.date().replace(day=1)
    return value.replace(day=1)
