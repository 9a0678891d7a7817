"""Every step of a request a family can see is valid HTML (Nu Html Checker): the form,
the form with errors, the confirmation, the limit and refusal pages."""

import pytest
from django.test import override_settings
from django.urls import reverse

from tests.html_validator import needs_vnu, vnu_errors

from .conftest import form_data, send

pytestmark = [*needs_vnu, pytest.mark.django_db]


@override_settings(INTAKE_RATE_LIMIT="1/h")
def test_every_request_step_is_valid_html(client, trial, study_team, tmp_path):
    url = reverse("intake_page_request", args=["trial", trial.pk])
    sent = send(client, url)
    pages = {
        "form": client.get(url),
        "errors": send(client, url, form_data(child_age="", consent="")),
        "sent": client.get(sent["Location"]),
        "limited": send(client, url),
        "refused": send(client, url, form_data(website="x")),
    }
    assert [r.status_code for r in pages.values()] == [200, 200, 200, 429, 400]
    errors = vnu_errors({k: r.content for k, r in pages.items()}, tmp_path)
    assert errors == []
