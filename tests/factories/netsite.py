"""Factories for the shell's page types."""

import factory
import wagtail_factories

from netsite.models import HomePage, StandardPage


class HomePageFactory(wagtail_factories.PageFactory):
    title = "Home"
    intro = "Care for children with cancer."

    class Meta:
        model = HomePage


class StandardPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"About us {n}")
    body = wagtail_factories.StreamFieldFactory({})

    class Meta:
        model = StandardPage
