"""Publishing a changed copy of the mini course, as a trainer's import would."""
import shutil
from pathlib import Path

from tests.conftest import MINI_COURSE

LONG_TEXT = " ".join(
    f"Sentence number {n} says what a parent can do, and why it matters for the child."
    for n in range(1, 16)
) + " Read [the law](https://example.org/the-law) for your state."


def publish_edited(runner, folder: Path, edits: dict[str, tuple[str, str]]) -> None:
    """Copy the mini course to `folder` (once), replace text in the named files, and import."""
    if not folder.exists():
        shutil.copytree(MINI_COURSE, folder)
    for name, (old, new) in edits.items():
        path = folder / name
        text = path.read_text()
        assert old in text, (name, old)
        path.write_text(text.replace(old, new))
    result = runner.invoke(args=["content", "import", str(folder)])
    assert result.exit_code == 0, result.output


def publish_long_lesson(runner, folder: Path) -> None:
    """The crisis lesson "Act now" with a long paragraph and an external link."""
    lesson = "02-next-steps/01-act-now.md"
    publish_edited(runner, folder, {lesson: ("**now**.", f"**now**.\n\n{LONG_TEXT}")})
