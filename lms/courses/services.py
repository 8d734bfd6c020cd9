"""Reading the published course: its outline, and a lesson with its neighbours."""

from dataclasses import dataclass

from flask import abort
from sqlalchemy import select
from sqlalchemy.orm import selectinload, with_loader_criteria

from lms.courses.models import Course, GlossaryTerm, Lesson, Module, Question, Quiz, Resource
from lms.extensions import db


@dataclass(frozen=True)
class Step:
    """One stop on the path through the course: a lesson, or a module's quiz."""

    kind: str  # "lesson" or "quiz"
    module: Module
    lesson: Lesson | None = None

    @property
    def title(self) -> str:
        return self.lesson.title if self.lesson else f"Quiz: {self.module.title}"


@dataclass
class Outline:
    course: Course
    modules: list[Module]

    @property
    def lessons(self) -> list[Lesson]:
        return [lesson for module in self.modules for lesson in module.lessons]

    @property
    def quizzes(self) -> list[Quiz]:
        return [module.active_quiz for module in self.modules if module.active_quiz]

    @property
    def steps(self) -> list[Step]:
        steps = []
        for module in self.modules:
            steps.extend(Step("lesson", module, lesson) for lesson in module.lessons)
            if module.active_quiz:
                steps.append(Step("quiz", module))
        return steps

    def module(self, slug: str) -> Module:
        return next((m for m in self.modules if m.slug == slug), None) or abort(404)

    def lesson(self, slug: str) -> Lesson:
        return next((each for each in self.lessons if each.slug == slug), None) or abort(404)


def find_course() -> Course | None:
    """The course this site serves (the data model allows more; the first is this one)."""
    return db.session.scalar(select(Course).order_by(Course.id).limit(1))


def current_course() -> Course:
    """The course this site serves, or a 404 page when none has been imported yet."""
    return find_course() or abort(404)


def load_outline(course: Course | None = None) -> Outline:
    """The published modules, lessons and quizzes, in order, in a fixed number of queries."""
    course = course or current_course()
    modules = db.session.scalars(
        select(Module)
        .where(Module.course_id == course.id, Module.retired.is_(False))
        .order_by(Module.position)
        .options(
            selectinload(Module.lessons),
            selectinload(Module.quiz).selectinload(Quiz.questions),
            with_loader_criteria(Lesson, Lesson.retired.is_(False)),
            with_loader_criteria(Question, Question.retired.is_(False)),
        )
    ).all()
    return Outline(course, list(modules))


def neighbours(steps: list[Step], current: Step) -> tuple[Step | None, Step | None]:
    index = next(i for i, step in enumerate(steps) if step == current)
    previous = steps[index - 1] if index > 0 else None
    following = steps[index + 1] if index + 1 < len(steps) else None
    return previous, following


def lesson_resources(course: Course, lesson: Lesson) -> list[Resource]:
    if not lesson.resource_slugs:
        return []
    found = db.session.scalars(
        select(Resource).where(
            Resource.course_id == course.id, Resource.slug.in_(lesson.resource_slugs)
        )
    ).all()
    order = {slug: i for i, slug in enumerate(lesson.resource_slugs)}
    return sorted(found, key=lambda r: order[r.slug])


def all_resources(course: Course) -> list[Resource]:
    return list(
        db.session.scalars(
            select(Resource).where(Resource.course_id == course.id).order_by(Resource.position)
        )
    )


def resource_by_slug(course: Course, slug: str) -> Resource:
    resource = db.session.scalar(
        select(Resource).where(Resource.course_id == course.id, Resource.slug == slug)
    )
    return resource or abort(404)


def glossary(course: Course) -> list[GlossaryTerm]:
    return list(
        db.session.scalars(
            select(GlossaryTerm)
            .where(GlossaryTerm.course_id == course.id)
            .order_by(GlossaryTerm.term)
        )
    )
