"""Families' request forms, as an anonymous visitor uses them: where each goes, what is
stored and sent, and every way a bad submission is turned away."""

import logging
import re
import time

import pytest
from django.core import mail, signing
from django.db import connection
from django.test import Client, override_settings
from django.urls import reverse

from intake.models import FamilyRequest
from netsite import spam
from netsite.spam import started_token

from .conftest import SECRETS, form_data, send

pytestmark = pytest.mark.django_db


def url(kind, page=None):
    if page is None:
        return reverse("intake_request", args=[kind])
    return reverse("intake_page_request", args=[kind, page.pk])


def links(client, page) -> list[str]:
    html = client.get(page.url).content.decode()
    return re.findall(r'href="(/requests/[^"]+)"', html)


# --- Where the forms are offered ------------------------------------------------------


def test_pages_offer_the_forms_they_declare(
    client, condition, program, trial, closed_trial, default_team
):
    assert links(client, condition) == [
        url("appointment", condition),
        url("second-opinion", condition),
    ]
    assert links(client, program) == [
        url("appointment", program),
        url("second-opinion", program),
    ]
    assert links(client, trial) == [url("trial", trial)]
    assert links(client, closed_trial) == []  # not taking patients: nothing to ask


@override_settings(INTAKE_ENABLED=False)
def test_with_requests_off_there_are_no_links_and_no_forms(
    client, program, default_team
):
    assert links(client, program) == []
    assert client.get(url("appointment", program)).status_code == 404
    assert client.get(url("contact")).status_code == 404


@pytest.mark.parametrize(
    "path",
    [
        "/requests/nonsense/",
        "/requests/appointment/999999/",
        "/requests/trial/{closed}/",  # a closed trial takes no questions
        "/requests/trial/{program}/",  # a program page offers no trial questions
        "/requests/appointment/{draft}/",  # not live
    ],
)
def test_forms_that_do_not_exist_are_404(
    client, path, closed_trial, program, program_index, default_team
):
    draft = program_index.add_child(
        instance=type(program)(
            title="Draft", slug="draft", overview="<p>x</p>", live=False
        )
    )
    path = path.format(closed=closed_trial.pk, program=program.pk, draft=draft.pk)
    assert client.get(path).status_code == 404
    assert send(client, path, form_data()).status_code == 404


def test_the_form_is_never_cached_and_names_the_team(client, trial, study_team):
    response = client.get(url("trial", trial))
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    assert "private" in response["Cache-Control"]
    html = response.content.decode()
    assert "Ask about this trial: A NET study" in html
    assert "Your message goes to the <strong>Study team</strong>" in html
    assert '<meta name="robots" content="noindex">' in html


# --- Routing --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("kind", "page_name", "team_name"),
    [
        ("trial", "trial", "study_team"),  # the listing's team covers every trial
        ("appointment", "program", "program_team"),
        ("second-opinion", "condition", "program_team"),  # via the program treating it
        ("contact", None, "default_team"),
    ],
)
def test_each_request_reaches_its_team_and_nobody_else(
    client, request, kind, page_name, team_name, default_team, program_team, study_team
):
    page = request.getfixturevalue(page_name) if page_name else None
    team = request.getfixturevalue(team_name)
    response = send(client, url(kind, page), form_data())
    assert response.status_code == 302
    stored = FamilyRequest.objects.get()
    assert (stored.team, stored.kind) == (team, kind)
    assert stored.about_page_id == (page.pk if page else None)
    notices = [m for m in mail.outbox if m.to == [team.inbox_email]]
    assert len(notices) == 1
    assert reverse("family_requests:inspect", args=[stored.pk]) in notices[0].body
    # The other teams hear nothing.
    assert {address for m in mail.outbox for address in m.to} == {
        team.inbox_email,
        SECRETS["email"],
    }


def test_a_condition_without_a_program_team_goes_to_the_default_team(
    client, condition, default_team
):
    send(client, url("appointment", condition), form_data())
    assert FamilyRequest.objects.get().team == default_team


def test_no_team_at_all_asks_the_family_to_call(client, program):
    response = send(client, url("appointment", program), form_data())
    assert response.status_code == 503
    assert "Please call us" in response.content.decode()
    assert not FamilyRequest.objects.exists()


# --- What is stored and sent ----------------------------------------------------------


def test_a_request_is_stored_encrypted_and_the_family_is_told_what_happens_next(
    client, trial, study_team
):
    response = send(client, url("trial", trial), form_data(), follow=True)
    html = response.content.decode()
    assert "Your request has been sent" in html
    assert "Study team" in html and study_team.callback_promise in html
    assert "We have sent a receipt" in html

    stored = FamilyRequest.objects.get()
    for name, value in SECRETS.items():
        assert getattr(stored, name) == value  # decrypted for the team
    # Read the row as the database holds it: not one answer in plain text.
    with connection.cursor() as cursor:
        cursor.execute("SELECT * FROM intake_familyrequest")
        row = " ".join(
            str(bytes(v)) if isinstance(v, memoryview) else str(v)
            for v in cursor.fetchone()
        )
    for value in SECRETS.values():
        assert value not in row


def test_no_email_carries_what_the_family_wrote(client, trial, study_team):
    send(client, url("trial", trial), form_data())
    notice, receipt = mail.outbox
    assert receipt.to == [SECRETS["email"]]
    assert study_team.callback_promise in receipt.body
    for message in (notice, receipt):
        text = message.subject + message.body + str(message.extra_headers)
        for name, value in SECRETS.items():
            if name != "email":
                assert value not in text, name
        assert SECRETS["email"] not in notice.body + notice.subject


def test_no_receipt_without_an_email_address(client, trial, study_team):
    response = send(client, url("trial", trial), form_data(email=""), follow=True)
    assert [m.to for m in mail.outbox] == [[study_team.inbox_email]]
    assert "We have sent a receipt" not in response.content.decode()


def test_nothing_the_family_typed_reaches_the_logs(client, trial, study_team, caplog):
    with caplog.at_level(logging.DEBUG):
        send(client, url("trial", trial), form_data())
        send(client, url("trial", trial), form_data(child_age=""))  # an invalid one
    logged = "\n".join(record.getMessage() for record in caplog.records)
    for value in SECRETS.values():
        assert value not in logged


@override_settings(EMAIL_BACKEND="tests.intake.failing_mail.Backend")
def test_a_mail_server_failure_loses_no_request(client, trial, study_team, caplog):
    response = send(client, url("trial", trial), form_data())
    assert response.status_code == 302
    assert FamilyRequest.objects.count() == 1
    assert "Could not send the team notice for request #" in caplog.text
    for value in SECRETS.values():
        assert value not in caplog.text


def test_editors_wording_is_what_families_read(client, site, program, default_team):
    from intake.models import FieldWording, IntakeSettings

    wording = IntakeSettings.for_site(site)
    wording.consent_text = "Yes, keep this to reply to me."
    wording.save()
    FieldWording.objects.create(
        setting=wording, field="child_age", label="How old is your child?", help_text=""
    )
    html = client.get(url("appointment", program)).content.decode()
    assert "How old is your child?" in html
    assert "Yes, keep this to reply to me." in html
    send(client, url("appointment", program), form_data())
    assert FamilyRequest.objects.get().consent_text == "Yes, keep this to reply to me."


# --- Bad input ------------------------------------------------------------------------


def test_missing_answers_show_the_form_again_with_an_error_summary(
    client, program, default_team
):
    response = send(
        client,
        url("appointment", program),
        form_data(requester_name="", child_age="", consent="", phone="", email=""),
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "<title>Error: " in html
    assert 'class="error-summary" role="alert"' in html
    for anchor, message in [
        ("id_requester_name", "Enter your name"),
        ("id_child_age", "Enter the child&#x27;s age"),
        ("id_phone", "Enter a phone number or an e-mail address"),
        ("id_consent", "Tick the box to agree"),
    ]:
        assert f'<a href="#{anchor}">{message}' in html
        # and inline, where the input names it in aria-describedby
        assert f'id="{anchor}-error"' in html
    assert 'aria-describedby="id_child_age-hint id_child_age-error"' in html
    # What was typed is kept, so nothing has to be typed again.
    assert SECRETS["question"] in html
    assert not FamilyRequest.objects.exists() and not mail.outbox


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("requester_name", "Ana\r\nBcc: victim@example.com", "Write this on one line"),
        ("email", "ana@example.org\nBcc: victim@example.com", "Enter a valid email"),
        ("email", "not-an-address", "Enter a valid email"),
        ("phone", "call me", "at least 7 digits"),
        ("question", "x" * 2001, "at most 2000 characters"),
        ("requester_name", "x" * 121, "at most 120 characters"),
        ("diagnosis", "NET\x00\x1b[31m", "special (invisible) characters"),
        ("question", "Hello \u202egnp.exe", "special (invisible) characters"),
        ("relationship", "boss", "Select a valid choice"),
    ],
)
def test_bad_answers_are_refused_with_a_clear_message(
    client, program, default_team, field, value, message
):
    response = send(client, url("appointment", program), form_data(**{field: value}))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not FamilyRequest.objects.exists() and not mail.outbox


def test_the_honeypot_turns_a_script_away(client, program, default_team):
    response = send(
        client, url("appointment", program), form_data(website="http://spam.example")
    )
    assert response.status_code == 400
    assert "We could not send this" in response.content.decode()
    assert "617-555-0111" in response.content.decode()  # the team's number to call
    assert not FamilyRequest.objects.exists() and not mail.outbox


@pytest.mark.parametrize(
    ("started", "message"),
    [
        (lambda: started_token(time.time()), "This was sent very quickly"),
        (lambda: started_token(time.time() - 3 * 86400), "open too long"),
        (lambda: "1700000000:forged", "open too long"),
        (lambda: "", "open too long"),
    ],
)
def test_too_fast_stale_or_forged_forms_are_shown_again(
    client, program, default_team, started, message
):
    response = send(client, url("appointment", program), form_data(started=started()))
    assert response.status_code == 200
    html = response.content.decode()
    assert message in html
    assert not FamilyRequest.objects.exists()
    # The form comes back with a fresh clock, so the same answers can be sent again.
    fresh = re.search(r'name="started" value="([^"]+)"', html).group(1)
    assert time.time() - signing.loads(fresh, salt=spam.SALT) < 5


@override_settings(INTAKE_RATE_LIMIT="3/h")
def test_past_the_rate_limit_the_family_is_asked_to_call(client, program, default_team):
    for _ in range(3):
        assert send(client, url("appointment", program), form_data()).status_code == 302
    response = send(client, url("appointment", program), form_data())
    assert response.status_code == 429
    html = response.content.decode()
    assert "Please call us instead" in html and "617-555-0111" in html
    assert FamilyRequest.objects.count() == 3
    # Per form: the general contact form still works from the same address.
    assert send(client, url("contact"), form_data()).status_code == 302


def test_wrong_methods_are_refused(client, program, default_team):
    for method in ("put", "delete", "patch"):
        assert getattr(client, method)(url("appointment", program)).status_code == 405


def test_a_post_without_the_csrf_token_is_refused(program, default_team):
    client = Client(enforce_csrf_checks=True)
    response = send(client, url("appointment", program), form_data())
    assert response.status_code == 403
    assert not FamilyRequest.objects.exists()


def test_the_sent_page_cannot_be_forged(client, default_team):
    assert client.get("/requests/sent/not-a-token/").status_code == 302
    assert client.get("/requests/sent/eyJ0ZWFtIjo5OTl9:x:y/").status_code == 302


@override_settings(PAGE_CACHE_TIMEOUT=300)
def test_forms_and_confirmations_stay_out_of_the_page_cache(
    client, program, default_team
):
    for _ in range(2):
        form = client.get(url("appointment", program))
        assert form.get("X-Page-Cache") != "HIT"
    sent = send(client, url("appointment", program))
    for _ in range(2):
        page = client.get(sent["Location"])
        assert page.status_code == 200 and page.get("X-Page-Cache") != "HIT"


def test_a_request_from_the_spanish_page_reaches_the_same_team(
    client, es_home, program, program_team, default_team
):
    """A translation's requests are routed by its English original, and the family
    reads the form in Spanish."""
    from django.utils import translation  # noqa: PLC0415

    from tests.conftest import translate  # noqa: PLC0415

    spanish = translate(program)
    with translation.override("es"):
        links = re.findall(
            r'href="(/es/requests/[^"]+)"',
            client.get(spanish.url).content.decode(),
        )
        form = url("appointment", spanish)
    assert form in links
    html = client.get(form).content.decode()
    assert '<html lang="es">' in html and "Su mensaje llega a" in html
    # The team's own (English) words are marked as English for screen readers.
    assert '<strong lang="en">Endocrine intake team</strong>' in html
    assert f'<span lang="en">{program_team.callback_promise}</span>' in html
    assert send(client, form).status_code == 302
    assert FamilyRequest.objects.get().team == program_team
    receipt = next(m for m in mail.outbox if m.to == [SECRETS["email"]])
    assert receipt.subject.startswith("Recibimos su solicitud")
    assert "Gracias por comunicarse con" in receipt.body
