from django.apps import AppConfig


class MedicalReviewConfig(AppConfig):
    name = "medical_review"
    verbose_name = "Medical review"
