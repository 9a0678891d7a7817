"""The request forms families fill in, and the page that says who will call back.

What a family types is health information about a child: the views never log it, mark
every POST parameter sensitive (Django's error reports leave them out), are never
cached (``never_cache``: neither our page cache nor a proxy keeps them), and hand it
only to the model, which encrypts it.
"""

import logging

from django.conf import settings
from django.core import signing
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.translation import get_language
from django.views import View
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from wagtail.models import Page

from netsite.querysets import site_pages

from . import abuse, kinds, notify
from .forms import FamilyRequestForm
from .models import FamilyRequest, IntakeSettings, IntakeTeam
from .models.teams import team_for

logger = logging.getLogger(__name__)

SENT_SALT = "intake.request-sent"
SENT_MAX_AGE = 24 * 60 * 60


def offered_kinds(page) -> tuple[str, ...]:
    """The kinds of request a page offers (its ``request_kinds``), when requests are on."""
    if not settings.INTAKE_ENABLED or page is None:
        return ()
    return tuple(getattr(page, "request_kinds", ()))


def request_url(kind: str, page=None) -> str:
    if page is None:
        return reverse("intake_request", args=[kind])
    return reverse("intake_page_request", args=[kind, page.pk])


@method_decorator(never_cache, name="dispatch")
@method_decorator(sensitive_post_parameters(), name="dispatch")
class RequestFormView(View):
    """GET shows the form; POST checks it, stores the request and tells the team."""

    http_method_names = ["get", "post"]
    template_name = "intake/request_form.html"

    def setup(self, request, *args, kind, page_id=None, **kwargs):
        super().setup(request, *args, **kwargs)
        if not settings.INTAKE_ENABLED or kind not in kinds.KINDS:
            raise Http404("No such request form")
        self.kind = kinds.KINDS[kind]
        self.about_page = None
        if page_id is not None:
            page = get_object_or_404(
                site_pages().live().public().specific(), pk=page_id
            )
            if kind not in offered_kinds(page):
                raise Http404("This page does not take this kind of request")
            self.about_page = page
        self.team = team_for(self.about_page)
        self.words = IntakeSettings.for_request(request).for_language(get_language())

    def form(self, data=None) -> FamilyRequestForm:
        return FamilyRequestForm(
            data,
            question_label=self.kind.question_label,
            wording=self.words["wording"],
            consent_text=self.words["consent_text"],
        )

    def render(self, form, status=200, template_name=None):
        heading = (
            self.kind.heading % {"title": self.about_page.title}
            if self.about_page
            else self.kind.heading_without_page
        )
        context = {
            "form": form,
            "kind": self.kind,
            "heading": heading,
            "about_page": self.about_page,
            "team": self.team,
            "urgent_text": self.words["urgent_text"],
            "retention_days": settings.INTAKE_RETENTION_DAYS,
        }
        return render(
            self.request, template_name or self.template_name, context, status=status
        )

    def get(self, request, *args, **kwargs):
        if self.team is None:
            return self.not_set_up()
        return self.render(self.form())

    def post(self, request, *args, **kwargs):
        if self.team is None:
            return self.not_set_up()
        form = self.form(request.POST)
        valid = form.is_valid()
        if form.is_spam:
            return self.render(form, 400, "intake/request_refused.html")
        if not valid:
            form.restart_clock()
            return self.render(form)
        if abuse.over_the_limit(request, self.kind.slug):
            return self.render(form, 429, "intake/request_limited.html")
        with transaction.atomic():
            family_request = FamilyRequest.objects.create(
                kind=self.kind.slug,
                team=self.team,
                about_page=self.about_page,
                consent_text=str(form.fields["consent"].label),
                **form.stored_values(),
            )
            transaction.on_commit(
                lambda: notify.request_received(family_request, request)
            )
        token = signing.dumps(
            {
                "team": self.team.pk,
                "kind": self.kind.slug,
                "page": self.about_page.pk if self.about_page else None,
                "receipt": bool(family_request.email),
            },
            salt=SENT_SALT,
        )
        return redirect("intake_sent", token=token)

    def not_set_up(self):
        """No team answers for this page and there is no default team: say whom to
        call instead of taking a request nobody would read."""
        logger.warning(
            "No intake team for %s requests from page %s: set a default team.",
            self.kind.slug,
            self.about_page.pk if self.about_page else "-",
        )
        return self.render(None, 503, "intake/request_unavailable.html")


@never_cache
def request_sent(request, token):
    """After sending: who will call back, by when, and whom to call if it is urgent."""
    if not settings.INTAKE_ENABLED:
        raise Http404("Requests are off")
    try:
        sent = signing.loads(token, salt=SENT_SALT, max_age=SENT_MAX_AGE)
        team = IntakeTeam.objects.get(pk=sent["team"])
        kind = kinds.KINDS[sent["kind"]]
    except (signing.BadSignature, KeyError, TypeError, IntakeTeam.DoesNotExist):
        return redirect("/")
    about_page = (
        Page.objects.filter(pk=sent.get("page")).first() if sent.get("page") else None
    )
    return render(
        request,
        "intake/request_sent.html",
        {
            "team": team,
            "kind": kind,
            "about_page": about_page,
            "receipt": sent.get("receipt"),
            "urgent_text": IntakeSettings.for_request(request).for_language(
                get_language()
            )["urgent_text"],
        },
    )
