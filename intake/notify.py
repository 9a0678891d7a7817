"""The two e-mails a request sends, neither with a word of what the family wrote.

The team is told that a request arrived and where to read it (the admin, after
signing in); the family gets a receipt saying who will call back and by when. E-mail
crosses servers we do not control, so health details never go into it.
"""

import logging
from urllib.parse import urljoin

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _

from netsite.models import SiteSettings

logger = logging.getLogger(__name__)


def request_received(family_request, request) -> None:
    """Tell the team, and send the family a receipt if they gave an e-mail address.

    A mail server that fails must not lose the request (it is already stored) or show
    the family an error: the failure is logged by request number only.
    """
    site_settings = SiteSettings.for_request(request)
    context = {
        "family_request": family_request,
        "team": family_request.team,
        "kind": family_request.get_kind_display(),
        "center_name": site_settings.center_name,
        "urgent_phone": family_request.team.urgent_phone or site_settings.phone,
        "admin_url": urljoin(
            settings.WAGTAILADMIN_BASE_URL,
            reverse("family_requests:inspect", args=[family_request.pk]),
        ),
    }
    _send(
        "team notice",
        family_request,
        subject=f"New request for {family_request.team.name}",
        template="intake/emails/team_notice.txt",
        context=context,
        to=family_request.team.inbox_email,
    )
    if family_request.email:
        _send(
            "receipt",
            family_request,
            subject=_("We received your request – %(center)s")
            % {"center": site_settings.center_name},
            template="intake/emails/receipt.txt",
            context=context,
            to=family_request.email,
        )


def _send(what, family_request, *, subject, template, context, to) -> None:
    try:
        send_mail(
            subject=subject,
            message=render_to_string(template, context),
            from_email=None,
            recipient_list=[to],
        )
    except Exception:  # noqa: BLE001 - any mail failure: the request is stored anyway
        logger.error(  # no traceback: it would carry the addresses
            "Could not send the %s for request #%s", what, family_request.pk
        )
