from django.urls import path

from . import views

urlpatterns = [
    path("feedback/vote/", views.vote, name="feedback_vote"),
    path("feedback/thanks/", views.thanks, name="feedback_thanks"),
]
