"""Modules in the draft: add, rename and summarise, reorder, retire. One transaction each."""
from lms.authoring.draft import (
    MAX_PER_LIST,
    AuthoringError,
    change_draft,
    find_module,
    move,
    taken_slugs,
    unique_slug,
)
from lms.authoring.lessons import URGENT_MESSAGE
from lms.content.schema import CourseData, ModuleData
from lms.courses.models import Course, Module
from lms.refusal import N_


def add_module(course: Course, user_id: int, title: str, summary: str) -> str:
    def mutate(data: CourseData) -> str:
        if len(data.modules) >= MAX_PER_LIST:
            raise AuthoringError(N_("A course holds at most %(limit)s modules."),
                                 limit=MAX_PER_LIST)
        taken = taken_slugs(course.id, Module, "quiz") | {m.slug for m in data.modules}
        slug = unique_slug(title, taken, "module")
        data.modules.append(ModuleData(slug=slug, position=0, title=title, summary=summary))
        return slug
    return change_draft(course, user_id, mutate)


def edit_module(course: Course, user_id: int, slug: str, title: str, summary: str) -> None:
    def mutate(data: CourseData):
        module = find_module(data, slug)
        module.title, module.summary = title, summary
    change_draft(course, user_id, mutate)


def move_module(course: Course, user_id: int, slug: str, delta: int) -> bool:
    return change_draft(course, user_id,
                        lambda data: move(data.modules, find_module(data, slug), delta))


def retire_module(course: Course, user_id: int, slug: str) -> None:
    """Drop the module (and the lessons still in it) from the draft; publishing retires them."""
    def mutate(data: CourseData):
        module = find_module(data, slug)
        if len(data.modules) == 1:
            raise AuthoringError(N_("The course needs at least one module."))
        if data.urgent_lesson in {lesson.slug for lesson in module.lessons}:
            raise AuthoringError(URGENT_MESSAGE)
        data.modules.remove(module)
    change_draft(course, user_id, mutate)
