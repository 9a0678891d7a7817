"""How a Medical reviewer is named to families: a profile on their account.

Approval writes the profile's signature ("Rita Reviewer, MD, Pediatric Oncology") into
the page's public "Medically reviewed by" line, so what families read is what the
reviewer (or a Site administrator) wrote down once, not a guess from their login name.
A reviewer cannot approve until their profile has a public name and credentials.
"""

from django.conf import settings
from django.db import models


class ReviewerProfile(models.Model):
    """A Medical reviewer's public name and credentials, as shown on reviewed pages."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="reviewer_profile",
        help_text="The Medical reviewer's account.",
    )
    public_name = models.CharField(
        "public name",
        max_length=100,
        help_text="Your name as families read it on reviewed pages, for example "
        "“Rita Reviewer”.",
    )
    credentials = models.CharField(
        max_length=60,
        help_text="Your degrees or professional credentials, for example “MD” or "
        "“MD, PhD”.",
    )
    specialty = models.CharField(
        max_length=80,
        blank=True,
        help_text="Optional: your specialty, for example “Pediatric Oncology”.",
    )
    updated_at = models.DateTimeField(
        auto_now=True, help_text="When the profile was last changed."
    )

    class Meta:
        verbose_name = "reviewer profile"

    def __str__(self) -> str:
        return self.signature

    @property
    def signature(self) -> str:
        """The public review line's name: "Rita Reviewer, MD, Pediatric Oncology"."""
        parts = (self.public_name, self.credentials, self.specialty)
        return ", ".join(part.strip() for part in parts if part.strip())

    @property
    def is_complete(self) -> bool:
        """A public name and credentials: what approval requires."""
        return bool(self.public_name.strip() and self.credentials.strip())


def signature_for(user) -> str | None:
    """The user's complete review signature, or None when they have none yet."""
    profile = getattr(user, "reviewer_profile", None) if user.pk else None
    if profile is None or not profile.is_complete:
        return None
    return profile.signature
