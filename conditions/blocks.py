"""Blocks of the bodies of condition and trial pages (trial pages reuse them: trials
depend on conditions), and “Questions to ask your child's care team”, written the
same way as the trial shortlist's questions and shown by the same template."""

from django.core.exceptions import ValidationError
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError

from netsite.blocks import BodyStreamBlock

QUESTIONS_HEADING = "Questions to ask your child's care team"
MAX_QUESTIONS = 12
MAX_QUESTION_LENGTH = 250


def question_lines(text: str) -> list[str]:
    """One question per line, blank lines left out: how editors write the questions
    of a questions block and of the trial shortlist."""
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


class QuestionsValue(blocks.StructValue):
    @property
    def question_list(self) -> list[str]:
        return question_lines(self.get("questions"))


class CareTeamQuestionsBlock(blocks.StructBlock):
    """“Questions to ask your child's care team”: a short list families can print
    and take to the next appointment. One per page."""

    heading = blocks.CharBlock(
        default=QUESTIONS_HEADING,
        max_length=120,
        help_text="Usually “Questions to ask your child's care team”.",
    )
    questions = blocks.TextBlock(
        rows=6,
        help_text=f"One question per line, as a parent would ask it (up to "
        f"{MAX_QUESTIONS}, each under {MAX_QUESTION_LENGTH} characters). Printed "
        "with room to write the answers.",
    )

    def clean(self, value):
        result = super().clean(value)
        lines = question_lines(result.get("questions"))
        problem = None
        if not lines:
            problem = "Write at least one question."
        elif len(lines) > MAX_QUESTIONS:
            problem = (
                f"Keep it to {MAX_QUESTIONS} questions (there are {len(lines)}): "
                "families print this list."
            )
        elif too_long := [line for line in lines if len(line) > MAX_QUESTION_LENGTH]:
            problem = (
                f"Keep each question under {MAX_QUESTION_LENGTH} characters: "
                f"“{too_long[0][:40]}…” is longer."
            )
        if problem:
            raise StructBlockValidationError(
                block_errors={"questions": ValidationError(problem)}
            )
        return result

    class Meta:
        icon = "help"
        label = QUESTIONS_HEADING
        template = "conditions/blocks/care_team_questions_block.html"
        value_class = QuestionsValue


class MedicalBodyBlock(BodyStreamBlock):
    """The body of condition and trial pages: the shared blocks, and the questions."""

    questions = CareTeamQuestionsBlock()

    class Meta:
        # One list per page: it is one printed checklist, with one heading id.
        block_counts = {"questions": {"max_num": 1}}
