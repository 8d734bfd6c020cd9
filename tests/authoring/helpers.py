"""Steps a trainer takes in the authoring pages, as form posts."""
import re

from tests.helpers import text_of

REVIEWED = "2026-11-02"  # the mini course's review date, so a save changes only what it says
NEW_BODY = "## Why it matters\n\nA new lesson body.\n\n> **Important:** Keep notes.\n"


def add_lesson(client, module="basics", title="Keeping records", body=NEW_BODY, minutes=6):
    return client.post(f"/manage/mini/modules/{module}/lessons/new", data={
        "title": title, "minutes": minutes, "body_md": body, "revision": "0", "action": "save",
        "reviewed": REVIEWED})


def edit_lesson(client, slug, revision, title="Second lesson", body="Changed text.\n",
                minutes=4, note=""):
    return client.post(f"/manage/mini/lessons/{slug}/edit", data={
        "title": title, "minutes": minutes, "body_md": body, "revision": str(revision),
        "note": note, "action": "save", "reviewed": REVIEWED})


def publish(client, new_edition=None, note=""):
    page = client.get("/manage/mini/publish")
    version = page.get_data(as_text=True).split('name="version" type="hidden" value="')[1]
    data = {"version": version.split('"')[0]}
    if new_edition:
        data.update(new_edition="y", edition=new_edition, edition_note=note)
    response = client.post("/manage/mini/publish", data=data, follow_redirects=True)
    assert "Published" in text_of(response), text_of(response)
    return response


def outline_line(response, anchor: str) -> str:
    """What Manage course shows on an item's line of the outline (before its Actions menu), e.g.
    anchor "lesson-first-lesson" or "module-basics"."""
    html = response.get_data(as_text=True)
    line = html.split(f'id="{anchor}"', 1)[1].split("<details", 1)[0].split(">", 1)[1]
    return " ".join(re.sub(r"<[^>]+>", " ", line).split())
