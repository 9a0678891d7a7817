"""“Questions to ask your child's care team”: the block on condition and trial pages,
written and shown as the trial shortlist's questions are."""

import pytest
from django.core.exceptions import ValidationError
from wagtail.blocks import StreamValue

from conditions.blocks import (
    MAX_QUESTIONS,
    CareTeamQuestionsBlock,
    MedicalBodyBlock,
    question_lines,
)
from conditions.models import GlossaryTerm
from tests import factories

QUESTIONS = "What is this trial trying to find out?\n\n  Who do we call at night?  \n"


def rendered(questions: str, heading="Questions to ask your child's care team"):
    block = CareTeamQuestionsBlock()
    value = block.clean(block.to_python({"heading": heading, "questions": questions}))
    return block.render(value)


def test_one_question_per_line_as_the_shortlist_writes_them():
    assert question_lines(QUESTIONS) == [
        "What is this trial trying to find out?",
        "Who do we call at night?",
    ]
    html = rendered(QUESTIONS)
    assert '<section class="care-questions care-questions--answers"' in html
    assert '<h2 id="care-questions-heading">' in html
    assert "<li>What is this trial trying to find out?</li>" in html
    assert "<li>Who do we call at night?</li>" in html
    assert html.count("<li>") == 2


def test_editors_text_is_escaped():
    html = rendered("Is <script>alert(1)</script> safe?", heading="<b>Ask</b>")
    assert "<script>" not in html and "<b>" not in html
    assert "&lt;script&gt;" in html and "&lt;b&gt;Ask" in html


@pytest.mark.parametrize(
    "questions, message",
    [
        ("   \n  ", "This field is required"),
        ("\n".join(f"Question {n}?" for n in range(MAX_QUESTIONS + 1)), "Keep it to"),
        ("Why " + "very " * 60 + "long?", "under 250 characters"),
    ],
)
def test_empty_long_or_too_many_questions_are_refused(questions, message):
    block = CareTeamQuestionsBlock()
    with pytest.raises(ValidationError) as caught:
        block.clean(block.to_python({"heading": "Ask", "questions": questions}))
    assert message in str(caught.value.block_errors)


def test_one_questions_list_per_page():
    body = MedicalBodyBlock()
    one = {"type": "questions", "value": {"heading": "Ask", "questions": "Why?"}}
    value = body.to_python([one, one])
    with pytest.raises(ValidationError):
        body.clean(value)
    assert body.clean(body.to_python([one]))


@pytest.mark.django_db
def test_on_a_condition_page_with_its_glossary(client, condition_index):
    GlossaryTerm.objects.create(
        term="side effect", definition="A problem a medicine causes."
    )
    page = factories.ConditionPageFactory(
        parent=condition_index,
        body=[
            (
                "questions",
                {
                    "heading": "Questions to ask your child's care team",
                    "questions": "Which side effect is most common?",
                },
            )
        ],
    )
    html = client.get(page.url).content.decode()
    assert 'id="care-questions-heading"' in html
    assert 'class="glossary-term"' in html.split('id="care-questions-heading"')[1]
    assert "A problem a medicine causes." in html  # in “Words used on this page”


@pytest.mark.django_db
def test_on_a_trial_page_before_whom_to_ask(client, trial_listing):
    trial = factories.ClinicalTrialPageFactory(
        parent=trial_listing,
        body=[("questions", {"heading": "Before you decide", "questions": QUESTIONS})],
    )
    html = client.get(trial.url).content.decode()
    assert "<li>Who do we call at night?</li>" in html
    assert html.index("Before you decide") < html.index("Ask about this trial")
    assert isinstance(trial.body, StreamValue)
