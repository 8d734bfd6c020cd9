"""A course's hours of study: what the catalogue shows and a certificate prints."""

QUARTER_HOUR = 15


def reading_minutes(course) -> int:
    """The course's total reading time (its lessons' minutes), to the nearest quarter hour
    (halves round up). course: the published CourseData or a Course row."""
    total = sum(lesson.minutes for module in course.modules for lesson in module.lessons)
    return (total + QUARTER_HOUR // 2) // QUARTER_HOUR * QUARTER_HOUR
