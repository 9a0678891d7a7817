from django.urls import path

from . import views

urlpatterns = [
    path("requests/sent/<str:token>/", views.request_sent, name="intake_sent"),
    path(
        "requests/<slug:kind>/",
        views.RequestFormView.as_view(),
        name="intake_request",
    ),
    path(
        "requests/<slug:kind>/<int:page_id>/",
        views.RequestFormView.as_view(),
        name="intake_page_request",
    ),
]
