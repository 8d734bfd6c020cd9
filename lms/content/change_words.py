"""The words for an import's or a publish's changes: "1 lesson updated", "2 lessons updated".

Each count is said through ngettext, so it is singular or plural as the number needs, in
English on the command line and in the reader's language on a page (lms/content/importer.py
Changes.summary and Changes.said). The keys are the Changes counter's own.
"""
from collections.abc import Callable

Plural = Callable[..., str]  # ngettext(singular, plural, num) -> text with %(num)d filled in

PHRASES: dict[str, Callable[[int, Plural], str]] = {
    "course created": lambda n, ngettext: ngettext(
        "%(num)d course created", "%(num)d courses created", n),
    "course updated": lambda n, ngettext: ngettext(
        "%(num)d course updated", "%(num)d courses updated", n),
    "modules created": lambda n, ngettext: ngettext(
        "%(num)d module created", "%(num)d modules created", n),
    "modules updated": lambda n, ngettext: ngettext(
        "%(num)d module updated", "%(num)d modules updated", n),
    "modules retired": lambda n, ngettext: ngettext(
        "%(num)d module retired", "%(num)d modules retired", n),
    "lessons created": lambda n, ngettext: ngettext(
        "%(num)d lesson created", "%(num)d lessons created", n),
    "lessons updated": lambda n, ngettext: ngettext(
        "%(num)d lesson updated", "%(num)d lessons updated", n),
    "lessons retired": lambda n, ngettext: ngettext(
        "%(num)d lesson retired", "%(num)d lessons retired", n),
    "quizzes created": lambda n, ngettext: ngettext(
        "%(num)d quiz created", "%(num)d quizzes created", n),
    "quizzes updated": lambda n, ngettext: ngettext(
        "%(num)d quiz updated", "%(num)d quizzes updated", n),
    "questions created": lambda n, ngettext: ngettext(
        "%(num)d question created", "%(num)d questions created", n),
    "questions updated": lambda n, ngettext: ngettext(
        "%(num)d question updated", "%(num)d questions updated", n),
    "questions retired": lambda n, ngettext: ngettext(
        "%(num)d question retired", "%(num)d questions retired", n),
    "handouts created": lambda n, ngettext: ngettext(
        "%(num)d handout created", "%(num)d handouts created", n),
    "handouts updated": lambda n, ngettext: ngettext(
        "%(num)d handout updated", "%(num)d handouts updated", n),
    "handouts removed": lambda n, ngettext: ngettext(
        "%(num)d handout removed", "%(num)d handouts removed", n),
    "glossary terms created": lambda n, ngettext: ngettext(
        "%(num)d glossary term created", "%(num)d glossary terms created", n),
    "glossary terms updated": lambda n, ngettext: ngettext(
        "%(num)d glossary term updated", "%(num)d glossary terms updated", n),
    "glossary terms removed": lambda n, ngettext: ngettext(
        "%(num)d glossary term removed", "%(num)d glossary terms removed", n),
    "translations created": lambda n, ngettext: ngettext(
        "%(num)d translation created", "%(num)d translations created", n),
    "translations updated": lambda n, ngettext: ngettext(
        "%(num)d translation updated", "%(num)d translations updated", n),
    "translations removed": lambda n, ngettext: ngettext(
        "%(num)d translation removed", "%(num)d translations removed", n),
}


def english(singular: str, plural: str, num: int) -> str:
    """ngettext without a catalog: English's rule (one, or other)."""
    return (singular if num == 1 else plural) % {"num": num}


def phrase(key: str, count: int, ngettext: Plural = english) -> str:
    said = PHRASES.get(key)
    return said(count, ngettext) if said else f"{count} {key}"  # a kind not listed yet
