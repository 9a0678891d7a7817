"""The kinds of request a family can send, and the words each is shown with.

A page type offers kinds by listing their slugs in ``request_kinds`` (a class
attribute, or a property where it depends on the page, such as a trial being open);
the general contact form needs no page.
"""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class RequestKind:
    slug: str
    #: What staff call it in the admin ("Trial question").
    name: str
    #: The link or button on a page ("Ask about this trial").
    link_label: str
    #: The form's heading; ``%(title)s`` is the page the family came from.
    heading: str
    #: The form's heading when there is no page ("Contact us").
    heading_without_page: str
    #: What the question box asks.
    question_label: str


KINDS = {
    kind.slug: kind
    for kind in (
        RequestKind(
            slug="trial",
            name=_("Trial question"),
            link_label=_("Send a question about this trial"),
            heading=_("Ask about this trial: %(title)s"),
            heading_without_page=_("Ask about a clinical trial"),
            question_label=_("What would you like to ask about this trial?"),
        ),
        RequestKind(
            slug="appointment",
            name=_("Appointment request"),
            link_label=_("Request an appointment"),
            heading=_("Request an appointment: %(title)s"),
            heading_without_page=_("Request an appointment"),
            question_label=_("What would you like the appointment to be about?"),
        ),
        RequestKind(
            slug="second-opinion",
            name=_("Second-opinion request"),
            link_label=_("Ask for a second opinion"),
            heading=_("Ask for a second opinion: %(title)s"),
            heading_without_page=_("Ask for a second opinion"),
            question_label=_("What would you like a second opinion on?"),
        ),
        RequestKind(
            slug="contact",
            name=_("Message"),
            link_label=_("Send us a message"),
            heading=_("Send us a message about %(title)s"),
            heading_without_page=_("Send us a message"),
            question_label=_("Your message"),
        ),
    )
}
CHOICES = [(kind.slug, kind.name) for kind in KINDS.values()]
