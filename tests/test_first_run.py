"""A newcomer's first `make run`: the banner's commands work pasted into another terminal, and
the install prints no setuptools warnings that read like errors (newcomer review, issue 23)."""
import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def banner(**env) -> list[str]:
    """The lines `make run` echoes, without running anything (`make -n`)."""
    result = subprocess.run(  # noqa: S603 - a fixed command line
        [shutil.which("make"), "-n", "run"], cwd=ROOT, capture_output=True, text=True,
        env={**os.environ, **env}, check=True, timeout=60)
    return [shlex.split(line)[1] for line in result.stdout.splitlines()
            if line.startswith("echo ")]


@pytest.mark.skipif(shutil.which("make") is None, reason="needs make")
def test_the_banner_names_the_courses_and_commands_that_work_elsewhere(tmp_path):
    lines = banner(LMS_INSTANCE_PATH=str(tmp_path), PORT="7422")
    text = "\n".join(lines)
    assert "home page lists the courses" in text
    assert "http://127.0.0.1:7422/courses/restraint-and-seclusion/" in text
    assert "http://127.0.0.1:7422/courses/supporting-families/" in text
    assert f"written to {tmp_path}/outbox/" in text  # not instance/outbox/
    [command] = [line.strip() for line in lines if "users create" in line]
    words = shlex.split(command)
    assert words[0] == f"LMS_INSTANCE_PATH={tmp_path}"  # the same database as the server
    assert Path(words[1]).is_absolute() and words[1].endswith("/.venv/bin/flask")
    assert words[2:4] == ["--app", "lms"]  # FLASK_APP is exported only inside make


@pytest.mark.skipif(shutil.which("make") is None, reason="needs make")
def test_without_an_instance_path_the_banner_names_the_checkouts_outbox():
    text = "\n".join(banner())
    assert f"written to {ROOT}/instance/outbox/" in text
    assert re.search(r"^\s*/\S+/\.venv/bin/flask --app lms users create", text, re.MULTILINE)


def test_building_the_package_gives_no_importable_package_warnings(tmp_path):
    """setuptools warned "Python recognizes 'lms.static' as an importable package" for each data
    folder; the package list now names them (setup.cfg), and their files still ship."""
    for name in ("setup.cfg", "pyproject.toml", "README.md"):
        shutil.copy(ROOT / name, tmp_path)
    shutil.copytree(ROOT / "lms", tmp_path / "lms",
                    ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
    result = subprocess.run(  # noqa: S603 - a fixed command line
        [sys.executable, "-c", "import setuptools; setuptools.setup()", "build_py",
         "--build-lib", str(tmp_path / "out")],
        cwd=tmp_path, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert "importable package" not in result.stdout + result.stderr
    built = tmp_path / "out" / "lms"
    for shipped in ["static/style.css", "static/menu.js", "static/icons/icon-192.png",
                    "translations/es/LC_MESSAGES/messages.po", "auth/common-passwords.txt.gz"]:
        assert (built / shipped).is_file(), shipped
