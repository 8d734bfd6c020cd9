"""Issue 23 item 3: publishing names each changed item, with a link to what changed in it,
before the publish (from the draft) and after it (as the publish recorded it)."""
import re

from tests.authoring.helpers import add_lesson, edit_lesson, publish
from tests.helpers import text_of


def links(html: str, prefix: str) -> list[str]:
    return sorted(set(re.findall(rf'href="({re.escape(prefix)}[^"#]+)"', html)))


def test_the_review_page_lists_each_changed_item_with_a_link_to_its_diff(as_trainer):
    edit_lesson(as_trainer, "second-lesson", 0, title="Second lesson",
                body="A <b>bold</b> new line.\n")
    add_lesson(as_trainer, title="Keeping records")
    page = as_trainer.get("/manage/mini/publish")
    text = text_of(page)
    assert "Second lesson (lesson, changed)" in text
    assert "Keeping records (lesson, added)" in text
    assert "Basics (module, changed)" in text  # its list of lessons grew
    assert "First lesson" not in text  # unchanged items are not listed
    html = page.get_data(as_text=True)
    assert "/manage/mini/publish/changes/lesson/second-lesson" in links(
        html, "/manage/mini/publish/changes/")

    diff = as_trainer.get("/manage/mini/publish/changes/lesson/second-lesson")
    assert diff.status_code == 200
    body = diff.get_data(as_text=True)
    # A readable line diff, the text escaped, with <ins> and <del> marks.
    assert "<ins>A &lt;b&gt;bold&lt;/b&gt; new line.</ins>" in body
    assert "<del>" in body and "Removed" in text_of(diff)
    assert "Between what learners see now and the draft (changed)." in text_of(diff)
    assert "<b>bold</b>" not in body


def test_after_publishing_the_message_names_each_item_and_its_diff_stays(as_trainer):
    edit_lesson(as_trainer, "second-lesson", 0, body="Rewritten for the new edition.\n")
    response = publish(as_trainer)
    message = response.get_data(as_text=True).split('class="flashes"')[1].split("</div>")[0]
    assert "Second lesson (lesson, changed)" in text_of(response)
    item_link, = links(message, "/manage/mini/published/")[1:]  # [0]: the whole list
    whole = links(message, "/manage/mini/published/")[0]
    assert re.fullmatch(r"/manage/mini/published/\d+", whole)
    assert item_link == f"{whole}/lesson/second-lesson"

    diff = as_trainer.get(item_link)
    assert diff.status_code == 200
    assert "<ins>Rewritten for the new edition.</ins>" in diff.get_data(as_text=True)
    summary = text_of(as_trainer.get(whole))
    assert "This publish changed 1 item." in summary
    assert "Second lesson (lesson, changed)" in summary
    # The draft is gone, but what the publish changed is kept: a later publish keeps its own.
    edit_lesson(as_trainer, "later", 0, title="Later", body="Once more.\n")
    publish(as_trainer)
    assert as_trainer.get(item_link).status_code == 200


def test_a_spanish_edit_is_listed_as_such(as_trainer):
    as_trainer.post("/manage/mini/lessons/first-lesson/es", data={
        "title": "Primera lección", "body_md": "## Hola\n\nOtro texto.\n", "action": "save"})
    text = text_of(as_trainer.get("/manage/mini/publish"))
    assert "First lesson (lesson in Spanish, changed)" in text
    diff = as_trainer.get("/manage/mini/publish/changes/lesson-es/first-lesson")
    assert "<ins>Otro texto.</ins>" in diff.get_data(as_text=True)


def test_unknown_changes_are_a_clear_404(as_trainer):
    edit_lesson(as_trainer, "second-lesson", 0, body="Changed.\n")
    for url in ("/manage/mini/publish/changes/widget/second-lesson",
                "/manage/mini/publish/changes/lesson/first-lesson",  # not changed
                "/manage/mini/publish/changes/lesson/no-such-lesson",
                "/manage/mini/published/999999",
                "/manage/mini/published/999999/lesson/second-lesson",
                "/manage/mini/published/1/widget/x"):
        assert as_trainer.get(url).status_code == 404, url
    assert as_trainer.get("/manage/mini/published/-1").status_code == 404
    assert as_trainer.get("/manage/mini/published/99999999999999999999999").status_code == 404


def test_a_moved_lesson_shows_in_its_modules_not_as_a_changed_lesson(as_trainer):
    as_trainer.post("/manage/mini/lessons/first-lesson/move", data={"direction": "down"})
    text = text_of(as_trainer.get("/manage/mini/publish"))
    assert "Basics (module, changed)" in text
    assert "(lesson, changed)" not in text
    diff = as_trainer.get("/manage/mini/publish/changes/module/basics").get_data(as_text=True)
    assert re.search(r"<ins>  (First|Second) lesson</ins>", diff)
    assert re.search(r"<del>  (First|Second) lesson</del>", diff)
