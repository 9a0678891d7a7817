"""Atom feeds of trials, for families and referring doctors who want to hear of a change:
a new trial, a trial now open to new patients, a trial no longer open.

One feed per condition (``/feeds/trials/<condition slug>/``) and one of every trial
(``/feeds/trials/``), linked from the condition pages and the trial listing with
``<link rel="alternate">``. Only live, public pages appear. Each trial is one entry,
dated by its latest event (``first_published_at`` or ``status_changed_at``) and titled
by what that event was; feed readers show it again when that date moves. Served
through the page cache like any public page.
"""

from __future__ import annotations

from django.contrib.syndication.views import Feed
from django.db.models.functions import Coalesce, Greatest
from django.http import Http404
from django.utils.feedgenerator import Atom1Feed

from conditions.models import ConditionPage

from .models import ClinicalTrialPage, TrialListingPage

MAX_ENTRIES = 50


class TrialsFeed(Feed):
    """Every trial, newest event first."""

    feed_type = Atom1Feed
    title = "Clinical trials: new, newly open and newly closed"
    subtitle = "Trials at our center and the hospitals we work with."

    def get_object(self, request, *args, **kwargs):
        self.request = request
        return None

    def link(self, obj=None):
        return TrialListingPage.url_for_request(self.request) or "/"

    def trials(self, obj):
        return ClinicalTrialPage.objects.live().public()

    def items(self, obj=None):
        event = Greatest(
            "first_published_at", Coalesce("status_changed_at", "first_published_at")
        )
        return (
            self.trials(obj)
            .annotate(event_at=event)
            .order_by("-event_at", "nct_id")[:MAX_ENTRIES]
        )

    def item_title(self, item: ClinicalTrialPage) -> str:
        newly = (
            item.status_changed_at
            and item.first_published_at
            and item.status_changed_at > item.first_published_at
        )
        if not newly:
            what = "New trial"
        elif item.is_open:
            what = "Now open to new patients"
        else:
            what = "No longer open"
        return f"{what}: {item.title}"

    def item_description(self, item: ClinicalTrialPage) -> str:
        status = f"Status: {item.status_label}."
        return f"{status} {item.summary}" if item.summary else status

    def item_link(self, item: ClinicalTrialPage) -> str:
        return item.get_url(self.request)

    def item_guid(self, item: ClinicalTrialPage) -> str:
        return f"urn:nct:{item.nct_id}"

    item_guid_is_permalink = False

    def item_updateddate(self, item: ClinicalTrialPage):
        return item.event_at

    def item_pubdate(self, item: ClinicalTrialPage):
        return item.first_published_at


class ConditionTrialsFeed(TrialsFeed):
    """The trials linked to one condition page."""

    def get_object(self, request, slug):
        self.request = request
        condition = ConditionPage.objects.live().public().filter(slug=slug).first()
        if condition is None:
            raise Http404("No such condition page")
        return condition

    def title(self, obj: ConditionPage) -> str:
        return f"Clinical trials for {obj.title}: new, newly open and newly closed"

    def link(self, obj: ConditionPage) -> str:
        return obj.get_url(self.request)

    def trials(self, obj: ConditionPage):
        return obj.trials.live().public()
