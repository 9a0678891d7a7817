"""Public URLs of the trials app: its Atom feeds (netsite/urls.py includes every
local app's ``urls`` module)."""

from django.urls import path

from .feeds import ConditionTrialsFeed, TrialsFeed

urlpatterns = [
    path("feeds/trials/", TrialsFeed(), name="trials_feed"),
    path(
        "feeds/trials/<slug:slug>/", ConditionTrialsFeed(), name="trials_feed_condition"
    ),
]
