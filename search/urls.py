"""Public URLs of site search (netsite/urls.py includes every local app's ``urls``)."""

from django.urls import path

from . import views

urlpatterns = [path("search/", views.search, name="search")]
