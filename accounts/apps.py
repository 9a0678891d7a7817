from django.apps import AppConfig
from django.db.models.signals import post_save


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = "Staff accounts and roles"

    def ready(self):
        # Pages created directly under the home page (from the admin, the demo-content
        # loader or any other code) get their role permissions and, for sections that
        # hold medical pages, the Medical review workflow. See accounts/roles.py.
        from wagtail.models import get_page_models

        from .roles import section_created

        for model in get_page_models():
            post_save.connect(
                section_created,
                sender=model,
                dispatch_uid=f"accounts-section-{model._meta.label}",
            )
