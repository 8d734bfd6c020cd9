"""`flask storage migrate`: an existing instance's files, in the layout before keys, copied into
the configured store with their SHA-256 checked; run again, it copies nothing."""
from pathlib import Path

import pytest

from lms.storage import file_storage

IMAGE = "0123456789abcdef0123456789abcdef.png"


@pytest.fixture
def old_instance(app, course):
    """Files where the site kept them before the file store (course "mini", the one served)."""
    instance = Path(app.instance_path)
    files = {
        Path(app.config["CERTIFICATE_DIR"]) / "ABCD-EFGH-JKMN-PQRS.pdf":
            "certificates/ABCD-EFGH-JKMN-PQRS.pdf",
        instance / "handouts" / "checklist.pdf": "handouts/mini/checklist.pdf",
        instance / "handouts" / "checklist.es.pdf": "handouts/mini/checklist.es.pdf",
        instance / "uploads" / IMAGE: f"images/mini/{IMAGE}",
    }
    for number, path in enumerate(files):
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(f"file {number} of an old instance".encode())
    return {key: path.read_bytes() for path, key in files.items()}


def stored(app, key):
    with app.app_context():
        return file_storage().get(key)


def test_every_file_arrives_with_the_same_bytes_once(app, runner, old_instance, backend):
    result = runner.invoke(args=["storage", "migrate"])
    assert result.exit_code == 0, result.output
    for key, data in old_instance.items():
        assert stored(app, key) == data, key
    # On the filesystem backend the certificates are already where the store keeps them.
    copied = 3 if backend == "filesystem" else 4
    assert f"{copied} copied, {4 - copied} already there (same SHA-256), 0 failed" in (
        result.output)

    again = runner.invoke(args=["storage", "migrate"])
    assert again.exit_code == 0
    assert "0 copied, 4 already there (same SHA-256), 0 failed" in again.output


# (On the filesystem backend the instance's files are the store: nothing to differ from.)
@pytest.mark.parametrize("backend", ["s3"], indirect=True)
def test_a_stored_copy_that_differs_is_copied_again(app, runner, old_instance, backend):
    runner.invoke(args=["storage", "migrate"])
    with app.app_context():
        file_storage().put("handouts/mini/checklist.pdf", b"damaged", "application/pdf")
    result = runner.invoke(args=["storage", "migrate"])
    assert "copied handouts/mini/checklist.pdf" in result.output
    assert "1 copied, 3 already there" in result.output
    assert stored(app, "handouts/mini/checklist.pdf") == (
        old_instance["handouts/mini/checklist.pdf"])
