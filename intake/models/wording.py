"""What the request forms say, editable in Settings › Request forms without a deploy."""

from django.db import models
from django.utils.translation import gettext_noop
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.models import Orderable

#: The form fields whose label and help text editors may reword (intake/forms.py).
REWORDABLE_FIELDS = [
    ("requester_name", "Your name"),
    ("relationship", "Your relationship to the child"),
    ("email", "E-mail"),
    ("phone", "Phone"),
    ("best_time", "Best time to call"),
    ("child_age", "The child's age"),
    ("diagnosis", "Diagnosis"),
    ("treated_where", "Where treated so far"),
    ("question", "The question"),
]


#: The words families read unless editors change them; the other languages' forms use
#: these, translated (editors' wording is English).
DEFAULT_CONSENT = gettext_noop(
    "I agree that the team that answers my request may keep what I wrote here to "
    "reply to me."
)
DEFAULT_URGENT = gettext_noop(
    "If your child is unwell now, call your care team, or 911 in an emergency. Do "
    "not use this form for anything urgent."
)


@register_setting(icon="mail")
class IntakeSettings(ClusterableModel, BaseSiteSetting):
    """The words on the families' request forms: the consent line, the note about
    emergencies, and any field label or hint worded differently from the default."""

    consent_text = models.CharField(
        max_length=300,
        default=DEFAULT_CONSENT,
        help_text="The box families tick before sending. The form adds who can read the "
        "request and when it is deleted, so that part is always right.",
    )
    urgent_text = models.CharField(
        max_length=300,
        default=DEFAULT_URGENT,
        help_text="Shown at the top of every request form and on the confirmation page.",
    )

    panels = [
        FieldPanel("urgent_text"),
        FieldPanel("consent_text"),
        InlinePanel(
            "wordings",
            heading="Field labels and hints",
            label="Field",
            help_text="Add a row to word a field differently on every request form. "
            "Fields without a row keep their usual wording.",
        ),
    ]
    page_cache_watch = False  # only on the request forms, which are never cached

    class Meta:
        verbose_name = "request forms"

    def for_language(self, language: str) -> dict:
        """The words on the forms in ``language``: the editors' in the site's first
        language (English), the defaults translated in any other."""
        from django.conf import settings
        from django.utils.translation import gettext

        if language == settings.LANGUAGE_CODE:
            return {
                "urgent_text": self.urgent_text,
                "consent_text": self.consent_text,
                "wording": list(self.wordings.all()),
            }
        return {
            "urgent_text": gettext(DEFAULT_URGENT),
            "consent_text": gettext(DEFAULT_CONSENT),
            "wording": [],
        }


class FieldWording(Orderable):
    """One field's label and hint, as editors want families to read them."""

    setting = ParentalKey(
        IntakeSettings, on_delete=models.CASCADE, related_name="wordings"
    )
    field = models.CharField(
        max_length=30,
        choices=REWORDABLE_FIELDS,
        help_text="The field to reword.",
    )
    label = models.CharField(
        max_length=120,
        help_text="The question, one per field, in plain words (e.g. “Your name”).",
    )
    help_text = models.CharField(
        max_length=250,
        blank=True,
        help_text="A hint under the question (e.g. “So we know whom to ask for”). "
        "Leave empty for none.",
    )

    panels = [FieldPanel("field"), FieldPanel("label"), FieldPanel("help_text")]

    class Meta(Orderable.Meta):
        constraints = [
            models.UniqueConstraint(
                fields=["setting", "field"], name="intake_one_wording_per_field"
            )
        ]
