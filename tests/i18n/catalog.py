"""The Spanish catalog as the tests read it: its messages, and what the extractor finds."""
import os
import re
from pathlib import Path

from babel.messages.frontend import CommandLineInterface
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parents[2]
SPANISH = ROOT / "lms" / "translations" / "es" / "LC_MESSAGES" / "messages.po"
_PLACEHOLDER = re.compile(r"%\([a-z_]+\)s|%%|<[^>]+>")


def spanish_catalog():
    with SPANISH.open("rb") as f:
        return read_po(f, locale="es")


def extracted_ids(tmp_path: Path) -> set[str]:
    """Every msgid `pybabel extract` finds in the code and templates today (docs/i18n.md)."""
    pot = tmp_path / "messages.pot"
    here = Path.cwd()
    os.chdir(ROOT)  # babel.cfg's patterns are relative to the repository
    try:
        CommandLineInterface().run(["pybabel", "-q", "extract", "-F", "babel.cfg", "-k", "_l",
                                    "-o", str(pot), "."])
    finally:
        os.chdir(here)
    with pot.open("rb") as f:
        return {m.id if isinstance(m.id, str) else m.id[0] for m in read_po(f) if m.id}


def english_phrases() -> set[str]:
    """The visible English pieces of every message that reads differently in Spanish: the text
    between its placeholders and tags, where at least two words stand together (a single word
    such as "PDF" may be the same in both, or belong to the course's own text)."""
    phrases = set()
    for message in spanish_catalog():
        if not message.id or message.id == message.string:
            continue
        english = message.id if isinstance(message.id, str) else message.id[0]
        for piece in _PLACEHOLDER.split(english):
            piece = " ".join(piece.split()).strip(" .,:;()“”")
            if len(piece.split()) >= 2:
                phrases.add(piece)
    return phrases
