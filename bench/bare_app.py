"""The floor of the page benchmarks: a bare Flask app rendering a Jinja page of a given size
(BARE_PAGE_BYTES), with no database, served by the same gunicorn settings as the site."""
import os

from flask import Flask, render_template_string

SIZE = int(os.environ.get("BARE_PAGE_BYTES", "7000"))
TEMPLATE = """<!doctype html><html lang="en"><head><meta charset="utf-8">
<title>{{ title }}</title></head><body><main><h1>{{ title }}</h1>
{% for paragraph in paragraphs %}<p>{{ paragraph }}</p>
{% endfor %}</main></body></html>"""
PARAGRAPH = "Plain words for a parent reading on a phone. " * 5

app = Flask(__name__)


@app.get("/")
def page():
    count = max(1, SIZE // (len(PARAGRAPH) + 8))
    return render_template_string(TEMPLATE, title="A lesson", paragraphs=[PARAGRAPH] * count)
