"""Hostile or damaged course zips (security review F3, F7): each gets a clear 400, quickly and
in a page of reasonable size; nothing is imported."""
import io
import struct
import zipfile

import pytest

from tests.authoring.test_transfer import upload
from tests.conftest import MINI_COURSE
from tests.helpers import text_of

LESSON = "01-basics/01-first-lesson.md"


def course_files(**changes: str) -> dict[str, str]:
    files = {str(p.relative_to(MINI_COURSE)): p.read_text()
             for p in MINI_COURSE.rglob("*") if p.is_file()}
    return {**files, **{name.replace("__", "/"): text for name, text in changes.items()}}


def zipped(files: dict[str, str], method=zipfile.ZIP_STORED) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", method) as archive:
        for name, text in files.items():
            archive.writestr(name, text)
    return buffer.getvalue()


def lesson_with_front_matter(front: str) -> str:
    return f"---\ntitle: First lesson\n{front}\n---\nSome text.\n"


def refused(client, raw: bytes) -> str:
    response = upload(client, raw)
    assert response.status_code == 400
    assert len(response.data) < 100_000
    return text_of(response)


def alias_bomb(levels: int) -> str:
    lines = ['l0: &l0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for n in range(1, levels + 1):
        lines.append(f"l{n}: &l{n} [{','.join([f'*l{n - 1}'] * 9)}]")
    return "\n".join(lines) + f"\nresources: [*l{levels}]"


def test_yaml_aliases_are_refused(as_trainer):
    raw = zipped(course_files(**{LESSON: lesson_with_front_matter(alias_bomb(6))}))
    page = refused(as_trainer, raw)
    assert f"{LESSON}:" in page and "anchors and aliases" in page


@pytest.mark.parametrize("front", ["minutes: " + "9" * 5000,
                                   "resources: " + "[" * 50_000,
                                   "resources: " + "{a: " * 50_000])
def test_huge_numbers_and_deep_nesting_are_refused(as_trainer, front):
    page = refused(as_trainer, zipped(course_files(**{LESSON: lesson_with_front_matter(front)})))
    assert f"{LESSON}:" in page


def test_untrusted_values_are_shown_cut_short(as_trainer):
    raw = zipped(course_files(**{LESSON: lesson_with_front_matter(
        f"resources: ['{'x' * 50_000}', {{a: [{'1, ' * 10_000}1]}}]")}))
    page = refused(as_trainer, raw)
    assert "unknown handout" in page and "x" * 50_000 not in page


def test_an_oversized_yaml_file_is_refused(as_trainer):
    glossary = "terms:\n" + "".join(f"  - {{slug: t{n}, term: T, definition: D}}\n"
                                    for n in range(30_000))
    page = refused(as_trainer, zipped(course_files(**{"glossary.yaml": glossary})))
    assert "glossary.yaml" in page and "too large" in page


def patched(raw: bytes, signature: bytes, offset: int, fmt: str, value: int) -> bytes:
    """raw with one header field changed in every header that starts with signature."""
    data, start = bytearray(raw), 0
    while (start := data.find(signature, start)) != -1:
        struct.pack_into(fmt, data, start + offset, value)
        start += 4
    return bytes(data)


LOCAL, CENTRAL = b"PK\x03\x04", b"PK\x01\x02"


def test_damaged_zips_are_refused(as_trainer):
    good = zipped(course_files())
    marker = b"The first lesson."
    damaged = {
        "bad CRC": good.replace(marker, marker.upper(), 1),
        "unknown compression": patched(patched(good, LOCAL, 8, "<H", 99), CENTRAL, 10, "<H", 99),
        "encrypted": patched(patched(good, LOCAL, 6, "<H", 1), CENTRAL, 8, "<H", 1),
        "names differ": good.replace(b"course.yaml", b"course.yamx", 1),
        "lying size": patched(zipped(course_files(), zipfile.ZIP_DEFLATED), CENTRAL, 24, "<I",
                              3),
    }
    for what, raw in damaged.items():
        page = refused(as_trainer, raw)
        assert "damaged" in page or "encrypted" in page or "compression" in page, what
