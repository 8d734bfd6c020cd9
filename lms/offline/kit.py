"""Which pages a phone keeps for a parent without a connection: the crisis kit."""
import hashlib
import json
from dataclasses import dataclass

from flask import url_for

from lms.catalogue.snapshot import Snapshot
from lms.content.schema import ModuleData

# The static files a kit page needs to look and work right offline.
KIT_ASSETS = ("style.css", "listen.js", "offline.js", "favicon.svg")


@dataclass(frozen=True)
class CrisisKit:
    pages: list[str]
    assets: list[str]
    offline_page: str
    content_versions: tuple[tuple[int, int], ...]

    @property
    def version(self) -> str:
        """Changes with every publish and every new static file: the browser fetches the kit
        again into a fresh cache and drops the old one."""
        data = json.dumps([self.content_versions, self.pages, self.assets, self.offline_page])
        return hashlib.sha256(data.encode()).hexdigest()[:12]

    def as_json(self) -> dict:
        return {"version": self.version, "pages": self.pages, "assets": self.assets,
                "offline": self.offline_page}


def crisis_module(snapshot: Snapshot) -> ModuleData | None:
    """The "what to do if it happens" module: the one holding the course's urgent lesson."""
    lesson = snapshot.lesson(snapshot.course.urgent_lesson or "")
    return snapshot.module_of(lesson) if lesson is not None else None


def course_pages(snapshot: Snapshot) -> list[str]:
    """A course's part of the kit: its crisis module's page and lessons, the list of handouts
    and every handout (page and PDF); nothing for a course that marks no urgent lesson."""
    module = crisis_module(snapshot)
    if module is None:
        return []
    course = snapshot.course.slug
    pages = [url_for("learn.module", course=course, slug=module.slug)]
    pages += [url_for("learn.lesson", course=course, slug=lesson.slug)
              for lesson in module.lessons]
    if snapshot.resources:
        pages.append(url_for("learn.resources", course=course))
    for resource in snapshot.resources:
        pages.append(url_for("learn.resource", course=course, slug=resource.slug))
        pages.append(url_for("learn.resource_pdf", course=course, slug=resource.slug))
    return pages


def crisis_kit(snapshots: list[Snapshot]) -> CrisisKit:
    """The home page (the installed app opens there) and each listed course's crisis pages."""
    pages = [url_for("portal.home")]
    for snapshot in snapshots:
        pages += course_pages(snapshot)
    assets = [url_for("static", filename=name) for name in KIT_ASSETS]
    return CrisisKit(pages, assets, url_for("offline.offline_page"),
                     tuple((s.course_id, s.version) for s in snapshots))
