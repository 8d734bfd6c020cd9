"""Nothing piles up unseen in instance/ (F12): unapplied import zips are purged after a day,
and trainers can delete an uploaded image."""
import os
import time
from pathlib import Path

from lms.authoring import archive
from lms.authoring.tasks import purge_unapplied_imports
from lms.config import settings_from_env
from tests.authoring.test_uploads import tiny_png, upload
from tests.helpers import text_of


def test_unapplied_imports_are_purged_after_a_day(app):
    with app.app_context():
        fresh = archive.stash(b"a zip waiting for Apply")
        stale = archive.stash(b"a zip nobody applied")
    old = time.time() - 25 * 60 * 60
    os.utime(Path(app.instance_path) / "imports" / f"{stale}.zip", (old, old))
    with app.app_context():
        assert purge_unapplied_imports() == 1
        assert archive.unstash(fresh) == b"a zip waiting for Apply"
        assert archive.unstash(stale) is None
    beat = settings_from_env(Path(app.instance_path))["CELERY"]["beat_schedule"]
    assert any(e["task"] == "lms.authoring.tasks.purge_unapplied_imports" for e in beat.values())


def uploaded_name(client) -> str:
    html = upload(client, tiny_png(), "square.png").get_data(as_text=True)
    return html.split('id="snippet" value="')[1].split('"')[0].rsplit("/", 1)[1].rstrip(")")


def test_a_trainer_deletes_an_uploaded_image(app, as_trainer):
    name = uploaded_name(as_trainer)
    assert f'action="/manage/mini/images/{name}/delete"' in as_trainer.get(
        "/manage/mini/images").get_data(as_text=True)
    response = as_trainer.post(f"/manage/mini/images/{name}/delete", follow_redirects=True)
    assert "The image is deleted." in text_of(response)
    assert name not in response.get_data(as_text=True)
    assert as_trainer.get(f"/uploads/{name}").status_code == 404
    assert not (Path(app.instance_path) / "images" / "mini" / name).exists()


def test_deleting_an_unknown_or_malformed_image_is_a_404(as_trainer):
    for name in ["0" * 32 + ".png", "..%2fsecret_key", "secret_key"]:
        assert as_trainer.post(f"/manage/mini/images/{name}/delete").status_code == 404


def test_learners_cannot_delete_images(app, as_trainer, auth, learner):
    name = uploaded_name(as_trainer)
    auth.logout()
    auth.login()
    assert as_trainer.post(f"/manage/mini/images/{name}/delete").status_code == 403
    assert (Path(app.instance_path) / "images" / "mini" / name).exists()
