"""Where reviewer profiles are filled in: the reviewer's own account settings, or
Settings › Reviewer profiles for a Site administrator (each change in the audit log)."""

from django import forms
from django.contrib.auth import get_user_model
from django.db.models import Q
from wagtail.admin.views.account import BaseSettingsPanel
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy

from .forms import CORRECT_PERMISSION
from .profiles import ReviewerProfile
from .setup import REVIEWERS

PROFILE_FIELDS = ["public_name", "credentials", "specialty"]


def may_approve_reviews(user) -> bool:
    """Members of Medical reviewers, and superusers: who approves and so needs a profile."""
    return user.is_superuser or user.groups.filter(name=REVIEWERS).exists()


class OwnReviewerProfileForm(forms.ModelForm):
    """The reviewer's own profile, on the account page among their other settings.

    Left empty, it saves nothing (the account page saves every panel at once, and a
    reviewer changing their password must not be stopped by it); once anything is
    typed, the public name and credentials are both needed. Emptying all three removes
    the profile.
    """

    class Meta:
        model = ReviewerProfile
        fields = PROFILE_FIELDS

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.required = False

    def clean(self):
        cleaned = super().clean()
        if any(cleaned.get(name) for name in PROFILE_FIELDS):
            for name in ("public_name", "credentials"):
                if not cleaned.get(name):
                    self.add_error(name, "Needed for your name on reviewed pages.")
        return cleaned

    def save(self, commit=True):
        if not any(self.cleaned_data.get(name) for name in PROFILE_FIELDS):
            if self.instance.pk:
                self.instance.delete()
            return None
        return super().save(commit=commit)


class ReviewerProfileSettingsPanel(BaseSettingsPanel):
    """Account › Profile: “Your name on reviewed pages”, for those who approve."""

    name = "reviewer_profile"
    title = "Your name on reviewed pages"
    order = 150  # after Name and e-mail (100)
    help_text = (
        "Approving a page writes this on it: “Medically reviewed by Rita Reviewer, MD, "
        "Pediatric Oncology on December 3, 2026”. You need a public name and "
        "credentials to approve."
    )
    form_class = OwnReviewerProfileForm

    def is_active(self):
        return may_approve_reviews(self.user)

    def get_form(self):
        instance = ReviewerProfile.objects.filter(user=self.user).first()
        kwargs = {
            "instance": instance or ReviewerProfile(user=self.user),
            "prefix": self.name,
        }
        if self.request.method == "POST":
            return self.form_class(self.request.POST, **kwargs)
        return self.form_class(**kwargs)


class ReviewRecordPermissionPolicy(ModelPermissionPolicy):
    """Every action on reviewer profiles needs the right to correct review records
    (Site administrators and superusers), not a permission of its own."""

    def __init__(self, model):
        super().__init__(model, auth_model="netsite.SiteSettings")

    def _get_permission_codename(self, action):
        return CORRECT_PERMISSION.split(".", 1)[1]


class ReviewerProfileAdminForm(forms.ModelForm):
    """An administrator's form: the account is one of the people who approve."""

    class Meta:
        model = ReviewerProfile
        fields = ["user", *PROFILE_FIELDS]

    def __init__(self, *args, for_user=None, **kwargs):
        super().__init__(*args, **kwargs)
        approvers = get_user_model().objects.filter(
            Q(is_superuser=True) | Q(groups__name=REVIEWERS), is_active=True
        )
        self.fields["user"].queryset = approvers.distinct().order_by(
            "last_name", "first_name", "username"
        )
        self.fields["user"].label_from_instance = lambda user: (
            user.get_full_name() or user.get_username()
        )


class ReviewerProfileViewSet(ModelViewSet):
    model = ReviewerProfile
    icon = "user"
    menu_label = "Reviewer profiles"
    add_to_settings_menu = True
    list_display = ["signature", "user", "updated_at"]
    copy_view_enabled = False
    inspect_view_enabled = False

    def get_form_class(self, for_update=False):
        return ReviewerProfileAdminForm


reviewer_profile_viewset = ReviewerProfileViewSet("reviewer_profiles")
