"""Public URLs of the trials app (included by netsite/urls.py by module path)."""

from django.urls import path

from .feeds import ConditionTrialsFeed, TrialsFeed

urlpatterns = [
    path("", TrialsFeed(), name="trials_feed"),
    path("<slug:slug>/", ConditionTrialsFeed(), name="trials_feed_condition"),
]
