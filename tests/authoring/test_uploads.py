"""Lesson images: type checked by content, size limited, stored per course, served typed."""
import io
import struct
import zlib
from pathlib import Path

from tests.authoring.helpers import add_lesson, publish
from tests.helpers import text_of


def tiny_png() -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(
            ">I", zlib.crc32(kind + data))
    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    pixels = zlib.compress(b"\x00\xff\x00\x00")
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(
        b"IEND", b"")


def upload(client, data: bytes, name: str, alt="A red square"):
    return client.post("/manage/mini/images", data={"image": (io.BytesIO(data), name), "alt": alt},
                       content_type="multipart/form-data")


def test_an_uploaded_image_gives_a_snippet_and_shows_in_a_lesson(app, as_trainer, client):
    response = upload(as_trainer, tiny_png(), "square.png")
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    snippet = html.split('id="snippet" value="')[1].split('"')[0]
    assert snippet.startswith("![A red square](/uploads/") and snippet.endswith(".png)")
    url = snippet.split("(")[1].rstrip(")")
    name = url.rsplit("/", 1)[1]
    assert (Path(app.instance_path) / "images" / "mini" / name).read_bytes() == tiny_png()

    add_lesson(as_trainer, title="With a picture", body=f"Look:\n\n{snippet}\n")
    publish(as_trainer)
    assert f'<img src="{url}" alt="A red square">' in client.get(
        "/courses/mini/lessons/with-a-picture").get_data(as_text=True)
    served = client.get(url)
    assert served.status_code == 200 and served.mimetype == "image/png"
    assert served.headers["X-Content-Type-Options"] == "nosniff"


def test_files_that_are_not_images_or_lie_about_their_type_are_refused(as_trainer):
    svg = b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>'
    for data, name, message in [
        (svg, "pic.svg", "not a PNG, JPEG, GIF or WebP image"),
        (b"<html><script>alert(1)</script>", "pic.png", "not a PNG, JPEG, GIF or WebP image"),
        (tiny_png(), "pic.gif", "is a PNG image"),
    ]:
        response = upload(as_trainer, data, name)
        assert response.status_code == 400 and message in text_of(response), name


def test_images_over_2_mb_are_refused(as_trainer):
    big = tiny_png() + b"\x00" * (2 * 1024 * 1024)
    response = upload(as_trainer, big, "big.png")
    assert response.status_code == 413
    assert "too large" in text_of(response)


def test_only_stored_names_are_served(client, course):
    assert client.get("/uploads/../secret_key").status_code == 404
    assert client.get("/uploads/" + "0" * 32 + ".png").status_code == 404
