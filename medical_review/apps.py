from django.apps import AppConfig


class MedicalReviewConfig(AppConfig):
    name = "medical_review"
    verbose_name = "Medical review"

    def ready(self):
        from wagtail.signals import page_published

        from .translations import page_published as mark_translations

        # Translations made from an older English revision are marked out of date
        # as the English page goes live (medical_review/translations.py).
        page_published.connect(mark_translations, dispatch_uid="translation-status")

        # A translation goes live only when published (through Medical review).
        from wagtail_localize.models import TranslationSource

        from .translations import keep_live_translations_until_published

        if not hasattr(TranslationSource.create_or_update_translation, "__wrapped__"):
            TranslationSource.create_or_update_translation = (
                keep_live_translations_until_published(
                    TranslationSource.create_or_update_translation
                )
            )
