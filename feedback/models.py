"""“Was this page helpful?”: one row per answer, and nothing about who gave it.

A row holds the page, yes or no, the time, and (if the visitor wrote one) what was
missing, encrypted. No address, cookie, session or user is stored or derived: the rate limit
(feedback/views.py) counts addresses in the cache for an hour and forgets them.
"""

from django.db import models
from django.utils import timezone
from fernet_fields import EncryptedTextField

COMMENT_MAX_LENGTH = 1000


class PageVote(models.Model):
    """A visitor's answer to “Was this page helpful?” on one page."""

    page = models.ForeignKey(
        "wagtailcore.Page",
        on_delete=models.CASCADE,
        related_name="+",
        help_text="The page the visitor answered about.",
    )
    helpful = models.BooleanField(
        help_text="Yes: the page helped. No: it did not.",
    )
    created_at = models.DateTimeField(
        default=timezone.now, help_text="When the visitor answered."
    )
    # Encrypted at rest, like families' requests (FERNET_KEYS): visitors are asked not
    # to type personal details, and some will. None when there is no comment
    # (encrypted text can only be asked whether it is there).
    comment = EncryptedTextField(
        null=True,
        blank=True,
        max_length=COMMENT_MAX_LENGTH,
        help_text="What the visitor said was missing, if anything (optional).",
    )

    # Votes show on no public page: saving one must not empty the page cache
    # (netsite/page_cache.py watches every model of the site's own apps otherwise).
    page_cache_watch = False

    class Meta:
        verbose_name = "page feedback answer"
        # Read-only in the admin for the roles (accounts/roles.py); votes come only
        # from visitors, so there is nothing to add or change.
        default_permissions = ("view",)
        indexes = [models.Index(fields=["page", "created_at"])]

    def __str__(self):
        return f"{'Yes' if self.helpful else 'No'} on page {self.page_id}"
