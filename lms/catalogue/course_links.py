"""Links inside a course's own text, written as the single-course site had them (`/glossary#term`,
`/lessons/<slug>`, ...): each course's pages point them at its own pages, so a course's
glossary link never lands in another course's glossary (nor takes a 301 on the way)."""
import re

from lms.content.schema import CourseData

_SITE_LINK = re.compile(r'href="/(glossary|introduction|lessons/|modules/|resources)')


def within_course(html: str, course_slug: str) -> str:
    return _SITE_LINK.sub(lambda m: f'href="/courses/{course_slug}/{m.group(1)}', html)


def scope_links(course: CourseData) -> CourseData:
    """The course's rendered text with its site links pointed inside the course (in place)."""
    slug = course.slug
    course.intro_html = within_course(course.intro_html, slug)
    for module in course.modules:
        for lesson in module.lessons:
            lesson.body_html = within_course(lesson.body_html, slug)
    for resource in course.resources:
        resource.body_html = within_course(resource.body_html, slug)
    for term in course.glossary:
        term.definition_html = within_course(term.definition_html, slug)
    return course
