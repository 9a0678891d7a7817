"""Translations are never silently out of date.

Each translation (a page in a language other than English) records the reviewed
English revision it was made from: the English page's live revision when the
translation was last published. When the English page is published again (approved
in Medical review, for medical pages) and its translatable text changed, every
translation made from an older revision is marked out of date at once, with the date
and the segments that changed. The translated page then shows a plain banner that
links to the English page, until a translator updates it and it is published (through
Medical review where the page needs it), which records the new English revision.

What counts as a change is what wagtail-localize would give a translator to translate
(its segments): a publish that changes only review dates or registry data changes no
translation.
"""

from __future__ import annotations

import datetime
import functools
from dataclasses import dataclass, field

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone


class TranslationStatus(models.Model):
    """Which English revision a translation was made from, and whether the English
    page has changed since."""

    page = models.OneToOneField(
        "wagtailcore.Page",
        on_delete=models.CASCADE,
        related_name="translation_status",
        help_text="The translated page.",
    )
    source_revision = models.ForeignKey(
        "wagtailcore.Revision",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The reviewed English revision this translation was made from.",
    )
    out_of_date_since = models.DateTimeField(
        null=True,
        blank=True,
        help_text="When the English page first changed after this translation was "
        "made; empty while the translation is up to date.",
    )
    english_changed_at = models.DateTimeField(
        null=True,
        blank=True,
        help_text="When the English page last changed after this translation was made.",
    )
    changed_segments = models.JSONField(
        default=list,
        blank=True,
        help_text="What changed in the English text: a list of {field, before, after}.",
    )

    class Meta:
        verbose_name = "translation status"
        verbose_name_plural = "translation statuses"

    def __str__(self):
        return f"{self.page}: {'out of date' if self.out_of_date else 'up to date'}"

    @property
    def out_of_date(self) -> bool:
        return self.out_of_date_since is not None


def _segments(instance) -> dict[str, str]:
    """The translatable text of a page (or revision object): segment path → text."""
    from wagtail_localize.segments import StringSegmentValue
    from wagtail_localize.segments.extract import extract_segments

    return {
        segment.path: segment.string.data
        for segment in extract_segments(instance)
        if isinstance(segment, StringSegmentValue)
    }


def changed_segments(before, after) -> list[dict]:
    """The segments that differ between two versions of a page (added, removed or
    changed), in the order of the newer version; slugs are left out."""
    old, new = _segments(before), _segments(after)
    changes = [
        {"field": path, "before": old.get(path, ""), "after": text}
        for path, text in new.items()
        if old.get(path) != text
    ]
    changes += [
        {"field": path, "before": text, "after": ""}
        for path, text in old.items()
        if path not in new
    ]
    return [change for change in changes if change["field"] != "slug"]


def is_translation(page) -> bool:
    from netsite.i18n import locale_codes

    return locale_codes().get(page.locale_id) != settings.LANGUAGE_CODE


def translation_published(page) -> None:
    """A translation went live: it is now made from the English live revision."""
    source = page.get_translations().filter(
        locale__language_code=settings.LANGUAGE_CODE
    )
    source = source.first()
    TranslationStatus.objects.update_or_create(
        page=page,
        defaults={
            "source_revision_id": source.live_revision_id if source else None,
            "out_of_date_since": None,
            "english_changed_at": None,
            "changed_segments": [],
        },
    )


def english_published(page) -> list[TranslationStatus]:
    """The English page went live: mark its translations made from an older revision
    out of date when the text changed. Returns the statuses marked."""
    live = page.specific
    marked = []
    now = timezone.now()
    for translation in page.get_translations():
        status, _ = TranslationStatus.objects.get_or_create(page=translation)
        if status.source_revision_id == page.live_revision_id:
            continue
        if status.source_revision is None:
            # Made before tracking began: compared with nothing, it is not known to
            # be current, so everything counts as changed.
            before = type(live)()
        else:
            before = status.source_revision.as_object()
        changes = changed_segments(before, live)
        if not changes:
            # Nothing to translate changed: still made from the current text.
            status.source_revision_id = page.live_revision_id
            status.save(update_fields=["source_revision"])
            continue
        status.out_of_date_since = status.out_of_date_since or now
        status.english_changed_at = now
        status.changed_segments = changes
        status.save()
        marked.append(status)
    return marked


def page_published(sender, instance, revision=None, **kwargs) -> None:
    """``page_published`` receiver (connected in ``MedicalReviewConfig.ready``)."""
    if is_translation(instance):
        translation_published(instance)
    else:
        english_published(instance)


def status_for(page) -> TranslationStatus | None:
    """The page's status when it is an out-of-date translation (one query, only on
    translations), else None."""
    if page is None or getattr(page, "pk", None) is None or not is_translation(page):
        return None
    status = TranslationStatus.objects.filter(page_id=page.pk).first()
    return status if status and status.out_of_date else None


def untranslated_segments(page) -> list[str]:
    """The fields of a wagtail-localize translation that no one has translated yet
    (their English text would stand in), by segment path (“overview”, “types.…name”).
    Empty for an English page or a translation edited by hand."""
    from wagtail_localize.models import StringSegment, StringTranslation, Translation

    if not is_translation(page):
        return []
    translation = (
        Translation.objects.filter(
            source__object_id=page.translation_key, target_locale_id=page.locale_id
        )
        .select_related("source")
        .first()
    )
    if translation is None:
        return []
    segments = list(
        StringSegment.objects.filter(source=translation.source).select_related(
            "context"
        )
    )
    done = set(
        StringTranslation.objects.filter(
            locale_id=page.locale_id,
            translation_of_id__in=[segment.string_id for segment in segments],
        ).values_list("translation_of_id", "context_id")
    )
    return [
        segment.context.path
        for segment in segments
        if (segment.string_id, segment.context_id) not in done
    ]


def untranslated_message(fields: list[str]) -> str:
    """Why a translation cannot be approved yet, naming what is left."""
    return (
        "This translation cannot be published yet: these parts are still in English: "
        + ", ".join(fields)
        + ". Translate them (Translate this page), then submit it again."
    )


def keep_live_translations_until_published(create_or_update_translation):
    """Wrap wagtail-localize's ``TranslationSource.create_or_update_translation``.

    Updating a translation without publishing it (syncing it with a changed English
    page, or a translator's draft) saves the page's own row as well as a new revision,
    and for a live page that row is what visitors see: unreviewed text, English
    stand-ins included, would go live without Medical review. After such an update
    the live row is put back as the live revision has it; the update stays the latest
    revision, a draft to review and publish.
    """
    from wagtail.models import Page

    @functools.wraps(create_or_update_translation)
    def wrapper(self, locale, *args, publish=True, **kwargs):
        live_before = None
        if not publish:
            existing = Page.objects.filter(
                translation_key=self.object_id, locale=locale, live=True
            ).first()
            live_before = existing.live_revision_id if existing else None
        result = create_or_update_translation(
            self, locale, *args, publish=publish, **kwargs
        )
        if live_before is not None:
            restore_live_row(
                Page.objects.get(translation_key=self.object_id, locale=locale)
            )
        return result

    return wrapper


def restore_live_row(page) -> None:
    """Put a live page's row back to its live revision, keeping its newer draft."""
    page = page.specific
    if page.live_revision is None:
        return
    draft = page.latest_revision
    live = page.live_revision.as_object()
    live.latest_revision = draft
    live.draft_title = page.draft_title
    live.has_unpublished_changes = True
    live.save(clean=False)


@dataclass
class TranslationEntry:
    """One row of the “Translations to update” report."""

    page: object  # the translation, or the English page when one is missing
    language: str
    status: str  # "out of date" or "missing"
    since: datetime.datetime | None  # out of date since / English published at
    english_changed_at: datetime.datetime | None = None
    changes: list = field(default_factory=list)

    @property
    def title(self) -> str:
        return self.page.get_admin_display_title()

    @property
    def edit_url(self) -> str:
        return reverse("wagtailadmin_pages:edit", args=[self.page.pk])

    @property
    def changed_fields(self) -> str:
        return ", ".join(change["field"] for change in self.changes)


def translations_to_update() -> list[TranslationEntry]:
    """Every out-of-date translation and every live English page with no translation
    in a site language, the longest-waiting first."""
    from wagtail.models import Locale, Page

    languages = dict(settings.LANGUAGES)
    entries = [
        TranslationEntry(
            page=status.page,
            language=languages.get(status.page.locale.language_code, ""),
            status="out of date",
            since=status.out_of_date_since,
            english_changed_at=status.english_changed_at,
            changes=status.changed_segments,
        )
        for status in TranslationStatus.objects.filter(
            out_of_date_since__isnull=False
        ).select_related("page", "page__locale")
    ]
    english = Page.objects.filter(
        locale__language_code=settings.LANGUAGE_CODE, depth__gt=1
    ).live()
    for locale in Locale.objects.exclude(language_code=settings.LANGUAGE_CODE):
        translated = Page.objects.filter(locale=locale).values("translation_key")
        entries += [
            TranslationEntry(
                page=page,
                language=languages.get(locale.language_code, locale.language_code),
                status="missing",
                since=page.first_published_at,
            )
            for page in english.exclude(translation_key__in=translated)
        ]
    far_past = timezone.make_aware(datetime.datetime(1970, 1, 1))
    return sorted(entries, key=lambda entry: entry.since or far_past)
