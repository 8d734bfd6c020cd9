"""What each learner page shows, from a snapshot: shared by the live pages and the preview."""
from lms.catalogue.snapshot import Snapshot
from lms.content.schema import LessonData, ModuleData
from lms.progress.services import CourseProgress


def home_page(snapshot: Snapshot, progress: CourseProgress | None) -> dict:
    return dict(snapshot=snapshot, course=snapshot.course, progress=progress)


def module_page(snapshot: Snapshot, module: ModuleData, progress: CourseProgress | None) -> dict:
    module_progress = None
    if progress is not None:
        module_progress = next(m for m in progress.modules if m.module_slug == module.slug)
    return dict(snapshot=snapshot, course=snapshot.course, module=module,
                number=snapshot.module_number(module), progress=progress,
                module_progress=module_progress)


def lesson_page(snapshot: Snapshot, lesson: LessonData, progress: CourseProgress | None) -> dict:
    step = snapshot.lesson_step(lesson)
    previous, following = snapshot.neighbours(step)
    return dict(snapshot=snapshot, course=snapshot.course, lesson=lesson, module=step.module,
                previous=previous, following=following,
                resources=snapshot.resources_for(lesson),
                done=bool(progress and progress.is_done(step)),
                final_step=bool(progress and progress.is_last_missing(step)))


def quiz_page(snapshot: Snapshot, module: ModuleData, progress: CourseProgress | None) -> dict:
    step = snapshot.quiz_step(module)
    previous, following = snapshot.neighbours(step)
    return dict(snapshot=snapshot, course=snapshot.course, module=module,
                questions=module.questions, quiz_title=module.quiz_title,
                asked=module.asked, pool=len(module.questions),
                previous=previous, following=following, pass_mark=snapshot.course.pass_mark,
                final_step=bool(progress and progress.is_last_missing(step)))


def result_page(snapshot: Snapshot, module: ModuleData, results: list) -> dict:
    """What to reread for each question: the lesson the question names, while the course
    still has it; otherwise (None) the module."""
    return dict(reread={result.question.key: snapshot.lesson(result.question.lesson)
                        if result.question.lesson else None for result in results})
