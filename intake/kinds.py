"""The kinds of request a family can send, and the words each is shown with.

A page type offers kinds by listing their slugs in ``request_kinds`` (a class
attribute, or a property where it depends on the page, such as a trial being open);
the general contact form needs no page.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class RequestKind:
    slug: str
    #: What staff call it in the admin ("Trial question").
    name: str
    #: The link or button on a page ("Ask about this trial").
    link_label: str
    #: The form's heading; ``{title}`` is the page the family came from.
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
            name="Trial question",
            link_label="Send a question about this trial",
            heading="Ask about this trial: {title}",
            heading_without_page="Ask about a clinical trial",
            question_label="What would you like to ask about this trial?",
        ),
        RequestKind(
            slug="appointment",
            name="Appointment request",
            link_label="Request an appointment",
            heading="Request an appointment: {title}",
            heading_without_page="Request an appointment",
            question_label="What would you like the appointment to be about?",
        ),
        RequestKind(
            slug="second-opinion",
            name="Second-opinion request",
            link_label="Ask for a second opinion",
            heading="Ask for a second opinion: {title}",
            heading_without_page="Ask for a second opinion",
            question_label="What would you like a second opinion on?",
        ),
        RequestKind(
            slug="contact",
            name="Message",
            link_label="Send us a message",
            heading="Send us a message about {title}",
            heading_without_page="Send us a message",
            question_label="Your message",
        ),
    )
}
CHOICES = [(kind.slug, kind.name) for kind in KINDS.values()]
