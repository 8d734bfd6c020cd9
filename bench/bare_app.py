"""The floor of the page benchmarks: a bare Flask app rendering a Jinja page of a given size
(BARE_PAGE_BYTES), with no database, served by the same gunicorn settings as the site.

The page is a template file rendered with render_template, so Jinja compiles it once per process
and Flask's environment caches it, as it does the site's templates. (render_template_string
compiled the template on every request, which made the floor about three times slower than a
real bare page and every ratio against it too flattering.)
"""
import os

from flask import Flask, render_template

SIZE = int(os.environ.get("BARE_PAGE_BYTES", "7000"))
PARAGRAPH = "Plain words for a parent reading on a phone. " * 5
COUNT = max(1, SIZE // (len(PARAGRAPH) + 8))

app = Flask(__name__, template_folder="bare_templates")


@app.get("/")
def page():
    return render_template("bare_page.html", title="A lesson", paragraphs=[PARAGRAPH] * COUNT)
