"""The vote, the thank-you page and its “What was missing?” comment.

None of these views reads or sets a cookie, and none is cached: they answer a POST, or
(the thank-you page) say ``no-store``. They are CSRF-exempt on purpose; the reasoning,
and what protects them instead, is in feedback/tokens.py. In short: a signed,
time-stamped token in each form, a honeypot field, and at most ``FEEDBACK_RATE``
posts per address (on the shared cache), past which a visitor gets a plain “try again
later” page (429). Bad input is a 400 page or the form again, never a 500.

What a visitor types is never logged (only the path is, and it carries no text), never
e-mailed and never cached; ``sensitive_post_parameters`` keeps it out of error reports.
"""

from django.conf import settings
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods, require_POST
from django_ratelimit.core import is_ratelimited

from netsite.querysets import is_public, site_pages

from . import tokens
from .forms import CommentForm, VoteForm
from .models import PageVote

RATE_GROUP = "feedback"


def rate_limited(request) -> bool:
    """Count this post against the address's allowance; True once it is used up."""
    return is_ratelimited(
        request,
        group=RATE_GROUP,
        key="ip",  # accounts.security.rate_limit_address (RATELIMIT_IP_META_KEY)
        rate=getattr(settings, "FEEDBACK_RATE", "20/h"),
        increment=True,
    )


def message(request, title: str, text: str, status: int):
    """A short page that says what happened and what to do (no form)."""
    return render(
        request, "feedback/message.html", {"title": title, "text": text}, status=status
    )


def too_many(request):
    return message(
        request,
        _("Please try again later"),
        _(
            "We have had a lot of answers from your network recently, so we "
            "did not count this one. Please try again in an hour. Thank you for "
            "helping us improve our pages."
        ),
        429,
    )


def not_recorded(request):
    return message(
        request,
        _("We could not record your answer"),
        _(
            "Something in the form was not as we sent it. Please go back to the "
            "page, reload it and answer again."
        ),
        400,
    )


def link_expired(request):
    return message(
        request,
        _("This link has expired"),
        _(
            "Thank you pages last a day. Your answer was counted; to add a "
            "comment, answer again on the page."
        ),
        400,
    )


def page_taking_feedback(page_id: int):
    """The live, public page with this id whose type asks for feedback, or 404."""
    page = site_pages().filter(pk=page_id).live().specific().first()
    if page is None or not is_public(page) or not getattr(page, "page_feedback", False):
        raise Http404("No page takes feedback with this id.")
    return page


def answer_again(request, page, message: str):
    """The vote form again (with a fresh token) and why: 400."""
    return render(
        request,
        "feedback/answer_again.html",
        {"feedback_page": page, "message": message},
        status=400,
    )


@csrf_exempt
@require_POST
def vote(request):
    """Count one yes or no for a page, then go to the thank-you page."""
    if rate_limited(request):
        return too_many(request)
    form = VoteForm(request.POST)
    if form.caught or not form.is_valid():
        return not_recorded(request)
    page = page_taking_feedback(form.cleaned_data["page"])
    try:
        tokens.check_vote_token(form.cleaned_data["token"], page.pk)
    except tokens.TooFast:
        return answer_again(
            request,
            page,
            _("That was quicker than we expected. Please choose yes or no again."),
        )
    except tokens.TokenError:
        return answer_again(
            request,
            page,
            _(
                "This page was open for a long time, so we could not count that "
                "answer. Please choose yes or no again."
            ),
        )
    answer = PageVote.objects.create(page=page, helpful=form.is_helpful)
    query = urlencode({"vote": tokens.make_comment_token(answer.pk)})
    return redirect(f"{reverse('feedback_thanks')}?{query}", permanent=False)


def _vote_from_token(token: str, *, check_time: bool):
    try:
        vote_id = tokens.comment_token_vote(token, check_time=check_time)
    except tokens.TokenError:
        return None
    return PageVote.objects.select_related("page").filter(pk=vote_id).first()


@never_cache
@csrf_exempt
@sensitive_post_parameters("comment")
@require_http_methods(["GET", "HEAD", "POST"])
def thanks(request):
    """“Thank you”, and an optional “What was missing?” box for one comment."""
    if request.method == "POST":
        return _comment(request)
    token = request.GET.get("vote", "")[:300]
    answer = _vote_from_token(token, check_time=False)
    if answer is None:
        return link_expired(request)
    form = CommentForm(initial={"vote": token})
    return _thanks_page(request, answer, form, sent="sent" in request.GET)


def _thanks_page(request, answer, form, status=200, sent=False):
    page = answer.page.specific
    return render(
        request,
        "feedback/thanks.html",
        {
            "answer": answer,
            "form": form,
            "sent": sent or bool(answer.comment),
            "answered_page": page,
            # Linked only while visitors may still see it.
            "answered_url": page.url if is_public(page) else "",
        },
        status=status,
    )


def _comment(request):
    if rate_limited(request):
        return too_many(request)
    form = CommentForm(request.POST)
    if form.caught:
        return not_recorded(request)
    token = request.POST.get("vote", "")[:300]
    answer = _vote_from_token(token, check_time=False)
    if answer is None:
        return link_expired(request)
    if not form.is_valid():
        return _thanks_page(request, answer, form, status=400)
    try:
        tokens.comment_token_vote(token)
    except tokens.TooFast:
        form.add_error(
            None, _("That was quicker than we expected. Please send it again.")
        )
        return _thanks_page(request, answer, form, status=400)
    text = form.cleaned_data["comment"]
    if text and not answer.comment:
        # One comment per answer: a second post (a reload, a double click) is ignored.
        PageVote.objects.filter(pk=answer.pk, comment__isnull=True).update(comment=text)
    query = urlencode({"vote": token, "sent": 1})
    return redirect(f"{reverse('feedback_thanks')}?{query}")
