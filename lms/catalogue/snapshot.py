"""The published course as one immutable, plain-data view: what every learner page renders.

A Snapshot is built from CourseData (the same types the loader, importer, exporter and draft
use), once per published version and process, and shared by every request and thread: nothing
may change it after it is built. The draft preview builds one of its own the same way.
"""
import enum
import threading
from collections import OrderedDict
from dataclasses import dataclass

from lms.content.schema import CourseData, LessonData, ModuleData, ResourceData


class StepKind(enum.StrEnum):
    LESSON = "lesson"
    QUIZ = "quiz"


@dataclass(frozen=True, eq=False)
class Step:
    """One stop on the path through the course: a lesson, or a module's quiz."""

    kind: StepKind
    module: ModuleData
    lesson: LessonData | None = None

    @property
    def key(self) -> tuple[str, str]:
        return (self.kind, self.lesson.slug if self.lesson else self.module.slug)

    @property
    def title(self) -> str:
        return self.lesson.title if self.lesson else f"Quiz: {self.module.title}"

    def __eq__(self, other) -> bool:
        return isinstance(other, Step) and self.key == other.key

    def __hash__(self) -> int:
        return hash(self.key)


@dataclass(frozen=True)
class CachedPage:
    """A page rendered once for every visitor who is not signed in."""

    body: bytes
    etag: str
    mimetype: str


class Snapshot:
    def __init__(self, course: CourseData, version: int, language: str = "en"):
        self.course = course
        self.course_id = course.id
        self.version = version
        # The language its text is in: a Spanish snapshot has the same ids, slugs and steps.
        self.language = language
        self.modules = course.modules
        self.resources = course.resources
        self.glossary = sorted(course.glossary, key=lambda term: term.term.casefold())
        steps = []
        for module in self.modules:
            steps.extend(Step(StepKind.LESSON, module, lesson) for lesson in module.lessons)
            if module.has_quiz:
                steps.append(Step(StepKind.QUIZ, module))
        self.steps = tuple(steps)
        self._index = {step.key: i for i, step in enumerate(self.steps)}
        self._modules = {module.slug: module for module in self.modules}
        self._lessons = {lesson.slug: (module, lesson)
                         for module in self.modules for lesson in module.lessons}
        self._lessons_by_id = {lesson.id: lesson for _, lesson in self._lessons.values()
                               if lesson.id is not None}
        self._resources = {resource.slug: resource for resource in self.resources}
        self.lesson_ids = frozenset(self._lessons_by_id)
        self.quiz_ids = frozenset(m.quiz_id for m in self.modules
                                  if m.has_quiz and m.quiz_id is not None)
        # Rendered pages for visitors who are not signed in, by path; they go with the snapshot
        # (so with its language too).
        self.pages: dict[str, CachedPage] = {}
        # Signed-in learners' pages, by path, role and what the page shows of the learner's
        # state; no personal data, no form token (lms/learn/cache.py learner_page).
        self.learner_pages: dict[tuple, str] = {}
        # Parts of personal pages that are the same for every reader (a checklist's step, a
        # module's progress at given numbers): lms/learn/cache.py once_per_snapshot.
        self.fragments: dict[tuple, str] = {}

    @property
    def lessons(self) -> list[LessonData]:
        return [lesson for _, lesson in self._lessons.values()]

    def module(self, slug: str) -> ModuleData | None:
        return self._modules.get(slug)

    def module_number(self, module: ModuleData) -> int:
        return self.modules.index(module) + 1

    def lesson(self, slug: str) -> LessonData | None:
        found = self._lessons.get(slug)
        return found[1] if found else None

    def lesson_by_id(self, lesson_id: int) -> LessonData | None:
        return self._lessons_by_id.get(lesson_id)

    def module_of(self, lesson: LessonData) -> ModuleData:
        return self._lessons[lesson.slug][0]

    def lesson_step(self, lesson: LessonData) -> Step:
        return Step(StepKind.LESSON, self.module_of(lesson), lesson)

    def quiz_step(self, module: ModuleData) -> Step:
        return Step(StepKind.QUIZ, module)

    def neighbours(self, step: Step) -> tuple[Step | None, Step | None]:
        index = self._index[step.key]
        previous = self.steps[index - 1] if index > 0 else None
        following = self.steps[index + 1] if index + 1 < len(self.steps) else None
        return previous, following

    def resource(self, slug: str) -> ResourceData | None:
        return self._resources.get(slug)

    def resources_for(self, lesson: LessonData) -> list[ResourceData]:
        return [self._resources[slug] for slug in lesson.resources if slug in self._resources]


class SnapshotCache:
    """The current snapshot of each (course, language) in this process (the app's), replaced
    when the course's published version changes.

    Memory stays bounded: at most `size` snapshots, the least recently used dropped first (it
    is rebuilt from the database when asked for again), plus any a request still holds.
    """

    def __init__(self, size: int = 64):
        # Reentrant: building a Spanish snapshot first gets the English one of its version.
        self._lock = threading.RLock()
        self._size = max(size, 2)
        self._current: OrderedDict[tuple[int, str], Snapshot] = OrderedDict()

    def get(self, course_id: int, version: int, language: str, build) -> Snapshot:
        key = (course_id, language)
        current = self._current.get(key)
        if current is not None and current.version == version:
            return current
        with self._lock:  # one thread builds; the others wait for its result
            current = self._current.get(key)
            if current is None or current.version != version:
                current = build(course_id, version, language)
                self._current[key] = current
                self._current.move_to_end(key)
                while len(self._current) > self._size:
                    self._current.popitem(last=False)
            return current

    def __len__(self) -> int:
        return len(self._current)
