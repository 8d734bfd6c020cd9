"""Reading a submitted quiz form: every question answered, every choice one that exists.

The form posts each choice's shown position; the answers read here are the question's own
choice indices (ShownQuestion.order maps one to the other)."""
from flask_babel import gettext
from werkzeug.datastructures import MultiDict

from lms.numbers import whole_number
from lms.progress.draw import ShownQuestion


def field_name(question_key: str) -> str:
    return f"q-{question_key}"


def parse_answers(questions: list[ShownQuestion],
                  form: MultiDict) -> tuple[dict[str, list[int]], dict[str, str]]:
    """Return (answers by question key, error message by question key)."""
    answers: dict[str, list[int]] = {}
    errors: dict[str, str] = {}
    for question in questions:
        raw = form.getlist(field_name(question.key))
        numbers = {whole_number(v, len(question.choices) - 1) for v in raw}
        chosen = sorted(n for n in numbers if n is not None)
        if len(chosen) != len(set(raw)):
            errors[question.key] = gettext(
                "That answer is not one of the choices. Please choose again.")
        elif not chosen:
            errors[question.key] = gettext("Please answer this question.")
        elif len(chosen) > 1 and not question.is_multiple:
            errors[question.key] = gettext("Choose one answer.")
        answers[question.key] = sorted(question.order[n] for n in chosen)
    return answers, errors
