"""The Spanish editors' forms (issue 15): lesson, module, handout, quiz and glossary, with the
limits the Spanish files have (content/translation_files.py). Each builder returns the form and its
`sections`: (heading, [(field, English text)]) so the page shows the English beside each field.
The quiz's and the glossary's shape (questions, choices, terms) comes from the English.
The Spanish already saved fills a form on GET only: on POST a field left out must stay empty."""
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import StringField, TextAreaField
from wtforms.validators import DataRequired, Length, Optional

from lms.auth.forms import strip
from lms.authoring.forms import MARKDOWN_HELP
from lms.content.schema import (
    MAX_BODY,
    MAX_CHOICE,
    MAX_EXPLANATION,
    MAX_PROMPT,
    MAX_SUMMARY,
    MAX_TITLE,
    CourseData,
    ModuleData,
    ResourceData,
    TermData,
)

MAX_HANDOUT_SUMMARY = 500  # as the handout loader's limit
MAX_TERM, MAX_DEFINITION = 120, 2000  # as the glossary loader's limits


def _required(message, limit):
    return [DataRequired(message=message), Length(max=limit)]


class SpanishLessonForm(FlaskForm):
    """A lesson's Spanish text: minutes, handouts and flags always come from the English."""

    title = StringField(_l("Spanish title"), filters=[strip],
                        validators=[DataRequired(), Length(max=MAX_TITLE)])
    body_md = TextAreaField(_l("Spanish text"), description=MARKDOWN_HELP,
                            validators=[DataRequired(), Length(max=MAX_BODY)])


class SpanishModuleForm(FlaskForm):
    title = StringField(_l("Spanish title"), filters=[strip],
                        validators=[DataRequired(), Length(max=MAX_TITLE)])
    summary = TextAreaField(_l("Spanish summary (optional)"), filters=[strip],
                            validators=[Optional(), Length(max=MAX_SUMMARY)])


class SpanishHandoutForm(FlaskForm):
    title = StringField(_l("Spanish title"), filters=[strip],
                        validators=[DataRequired(), Length(max=MAX_TITLE)])
    summary = TextAreaField(_l("Spanish summary (optional)"), filters=[strip],
                            validators=[Optional(), Length(max=MAX_HANDOUT_SUMMARY)])
    body_md = TextAreaField(_l("Spanish text"), description=MARKDOWN_HELP,
                            validators=[DataRequired(), Length(max=MAX_BODY)])


class SpanishCourseForm(FlaskForm):
    """The course's description in Spanish: its title and summary (course.es.yaml)."""

    title = StringField(_l("Spanish course title"), filters=[strip],
                        validators=[DataRequired(), Length(max=MAX_TITLE)])
    summary = TextAreaField(_l("Spanish summary"), filters=[strip],
                            validators=[DataRequired(), Length(max=MAX_SUMMARY)])


class SpanishIntroductionForm(FlaskForm):
    """The course's introduction in Spanish (introduction.es.md)."""

    title = StringField(_l("Spanish title"), filters=[strip],
                        validators=[DataRequired(), Length(max=MAX_TITLE)])
    body_md = TextAreaField(_l("Spanish text"), description=MARKDOWN_HELP,
                            validators=[DataRequired(), Length(max=MAX_BODY)])


def course_form(course: CourseData, spanish: dict):
    form = SpanishCourseForm(data=spanish)
    return form, [(None, [(form.title, course.title), (form.summary, course.summary)])]


def course_text(form, saved: dict) -> dict:
    """Keeps what the form does not edit (the edition note of course.es.yaml)."""
    kept = {k: v for k, v in saved.items() if k not in ("title", "summary", "source_sha256")}
    return {**kept, "title": form.title.data, "summary": form.summary.data}


def introduction_form(course: CourseData, spanish: dict):
    form = SpanishIntroductionForm(data=spanish)
    return form, [(None, [(form.title, course.intro_title), (form.body_md, course.intro_md)])]


def introduction_text(form) -> dict:
    return {"title": form.title.data, "body_md": form.body_md.data}


def module_form(module: ModuleData, spanish: dict):
    form = SpanishModuleForm(data=spanish)
    return form, [(None, [(form.title, module.title), (form.summary, module.summary)])]


def module_text(form) -> dict:
    return {"title": form.title.data, "summary": form.summary.data or ""}


def handout_form(handout: ResourceData, spanish: dict):
    form = SpanishHandoutForm(data=spanish)
    return form, [(None, [(form.title, handout.title), (form.summary, handout.summary),
                          (form.body_md, handout.body_md)])]


def handout_text(form) -> dict:
    return {"title": form.title.data, "summary": form.summary.data or "",
            "body_md": form.body_md.data}


def quiz_form(module: ModuleData, spanish: dict):
    """One required field per English prompt, choice and explanation (q1_prompt, q1_choice2...)."""
    fields, data, sections = {}, {"title": spanish.get("title")}, []
    if module.quiz_title:
        fields["title"] = StringField(
            _l("Spanish quiz title"), filters=[strip],
            validators=_required(_l("Enter the Spanish quiz title."), MAX_TITLE))
    else:  # the English quiz has no title of its own either
        fields["title"] = StringField(_l("Spanish quiz title (optional)"), filters=[strip],
                                      validators=[Optional(), Length(max=MAX_TITLE)])
    theirs = {q.get("key"): q for q in spanish.get("questions", [])}
    for n, question in enumerate(module.questions, start=1):
        other = theirs.get(question.key, {})
        label = _l("Question %(n)s", n=n)
        fields[f"q{n}_prompt"] = TextAreaField(
            _l("%(question)s: Spanish question", question=label), filters=[strip],
            validators=_required(_l("Enter the Spanish question."), MAX_PROMPT))
        data[f"q{n}_prompt"] = other.get("prompt")
        choices = other.get("choices", [])
        for c in range(1, len(question.choices) + 1):
            fields[f"q{n}_choice{c}"] = StringField(
                _l("%(question)s: Spanish answer %(c)s", question=label, c=c), filters=[strip],
                validators=_required(_l("Enter the Spanish answer."), MAX_CHOICE))
            data[f"q{n}_choice{c}"] = choices[c - 1] if len(choices) == len(question.choices) \
                else None
        fields[f"q{n}_explanation"] = TextAreaField(
            _l("%(question)s: Spanish explanation", question=label), filters=[strip],
            validators=_required(_l("Enter the Spanish explanation."), MAX_EXPLANATION))
        data[f"q{n}_explanation"] = other.get("explanation")
    form = type("SpanishQuizForm", (FlaskForm,), fields)(data=data)
    sections.append((None, [(form.title, module.quiz_title or "")]))
    for n, question in enumerate(module.questions, start=1):
        rows = [(form[f"q{n}_prompt"], question.prompt)]
        rows += [(form[f"q{n}_choice{c}"], choice["text"])
                 for c, choice in enumerate(question.choices, start=1)]
        rows.append((form[f"q{n}_explanation"], question.explanation))
        sections.append((_l("Question %(n)s", n=n), rows))
    return form, sections


def quiz_text(form, module: ModuleData) -> dict:
    return {"title": form.title.data or None, "questions": [
        {"key": q.key, "prompt": form[f"q{n}_prompt"].data,
         "choices": [form[f"q{n}_choice{c}"].data for c in range(1, len(q.choices) + 1)],
         "explanation": form[f"q{n}_explanation"].data}
        for n, q in enumerate(module.questions, start=1)]}


def glossary_form(terms: list[TermData], prefill: bool):
    """Each term's Spanish term and definition (t1_term, t1_definition...)."""
    fields, data = {}, {}
    for n, term in enumerate(terms, start=1):
        spanish = (term.translations.get("es") or {}) if prefill else {}
        fields[f"t{n}_term"] = StringField(
            _l("Spanish term for “%(term)s”", term=term.term), filters=[strip],
            validators=_required(_l("Enter the Spanish term."), MAX_TERM))
        fields[f"t{n}_definition"] = TextAreaField(
            _l("Spanish definition of “%(term)s”", term=term.term), filters=[strip],
            validators=_required(_l("Enter the Spanish definition."), MAX_DEFINITION),
            render_kw={"rows": 5, "class": "short-text"})  # a few sentences, dozens on the page
        data[f"t{n}_term"], data[f"t{n}_definition"] = spanish.get("term"), spanish.get(
            "definition_md")
    form = type("SpanishGlossaryForm", (FlaskForm,), fields)(data=data)
    sections = [(term.term, [(form[f"t{n}_term"], term.term),
                             (form[f"t{n}_definition"], term.definition_md)])
                for n, term in enumerate(terms, start=1)]
    return form, sections


def glossary_definitions(form, terms: list[TermData]) -> list:
    """The glossary form's Markdown fields: the definitions (a term is plain text)."""
    return [form[f"t{n}_definition"] for n in range(1, len(terms) + 1)]


def glossary_texts(form, terms: list[TermData]) -> dict[str, dict]:
    return {term.slug: {"term": form[f"t{n}_term"].data,
                        "definition_md": form[f"t{n}_definition"].data}
            for n, term in enumerate(terms, start=1)}
