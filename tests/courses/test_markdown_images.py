"""Lesson images come only from this site's uploads, however the path is spelled (F11)."""
import pytest

from lms.courses.markdown import render_markdown


@pytest.mark.parametrize("src", [
    "/uploads/%2e%2e/profile/data.json",
    "/uploads/.%2E/admin/certificates",
    "/uploads/%2E%2e%2fprofile",
    "/uploads/..%5cprofile",
    "/uploads/..\\profile",
    "/uploads/sub/../../lessons/x",
    "/uploads//evil.example/x.png",
    "/uploads/./x.png",
    "/uploads/%2e%2e/x.png",
    "/uploads/mini/../x.png",
    "/uploads/mini/sub/x.png",
    "/uploads/mini/./x.png",
])
def test_dot_segments_in_any_spelling_are_refused(src):
    assert "src=" not in render_markdown(f"![x]({src})")


def test_an_uploaded_image_is_kept():
    name = "0123456789abcdef0123456789abcdef.png"
    assert f'<img src="/uploads/{name}" alt="x">' in render_markdown(f"![x](/uploads/{name})")


def test_an_image_of_a_course_is_kept():
    name = "0123456789abcdef0123456789abcdef.png"
    assert f'<img src="/uploads/mini/{name}" alt="x">' in render_markdown(
        f"![x](/uploads/mini/{name})")
