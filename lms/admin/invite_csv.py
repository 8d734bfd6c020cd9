"""Invitations from a CSV file: columns email, name (optional), role, courses (course short
names separated by spaces or semicolons). Each row is invited or not on its own, and the
admin is told what became of every row; a file that is not such a CSV is refused whole."""
from __future__ import annotations

import csv
import io
import re

from flask import current_app

from lms.admin.invites import (
    DAILY_LIMIT,
    REFUSED,
    TWICE,
    Outcome,
    all_courses,
    check,
    invite,
    left_today,
)
from lms.extensions import db
from lms.refusal import N_, Refusal

MAX_BYTES = 1024 * 1024
MAX_ROWS = 1000
COLUMNS = ("email", "name", "role", "courses")
COURSE_SEPARATORS = re.compile(r"[\s;,]+")


class NotACsv(Refusal):
    """The file as a whole cannot be read as the invitations CSV; the message says why."""


NOT_CSV = N_("This file is not a CSV file. Save the spreadsheet as CSV (comma-separated "
             "values) with the columns email, name, role and courses, and upload that.")


def _text(raw: bytes) -> str:
    if b"\x00" in raw:
        raise NotACsv(NOT_CSV)
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        return raw.decode("cp1252")  # what older spreadsheet programs save as "CSV"
    except UnicodeDecodeError:
        raise NotACsv(NOT_CSV) from None


def _delimiter(first_line: str) -> str:
    """Comma, or the semicolon or tab some spreadsheets save in its place."""
    for delimiter in (",", ";", "\t"):
        if delimiter in first_line:
            return delimiter
    return ","


def read_rows(raw: bytes) -> list[tuple[int, dict]]:
    """(line number, {column: value}) of every row that is not blank; raises NotACsv."""
    if len(raw) > MAX_BYTES:
        raise NotACsv(N_("The file is larger than 1 MB. Split it into smaller files."))
    text = _text(raw).lstrip()
    if not text:
        raise NotACsv(N_("The file is empty."))
    reader = csv.reader(io.StringIO(text, newline=""),
                        delimiter=_delimiter(text.splitlines()[0]))
    try:
        header = [column.strip().lower() for column in next(reader)]
        if "email" not in header or "role" not in header:
            raise NotACsv(N_("The first row must name the columns: email, name, role, courses "
                             "(email and role are needed)."))
        rows = []
        for row in reader:
            if not any(cell.strip() for cell in row):
                continue
            if len(rows) == MAX_ROWS:
                raise NotACsv(N_("The file has more than %(count)s rows. Split it into "
                                 "smaller files."), count=MAX_ROWS)
            values = dict(zip(header, row, strict=False))
            rows.append((reader.line_num, {column: (values.get(column) or "").strip()
                                           for column in COLUMNS}))
    except csv.Error:
        raise NotACsv(NOT_CSV) from None
    if not rows:
        raise NotACsv(N_("The file has no rows under its column names."))
    return rows


def invite_rows(actor_id: int, rows: list[tuple[int, dict]],
                language: str) -> list[tuple[int, Outcome]]:
    """Invite each row that can be; what became of each row, in order. Commits."""
    courses = {course.slug: course for course in all_courses()}
    left = left_today(actor_id)
    seen: set[str] = set()
    outcomes = []
    for line, row in rows:
        outcome = check(row["email"], row["role"], COURSE_SEPARATORS.split(row["courses"]),
                        row["name"], courses)
        if not isinstance(outcome, Outcome):
            if outcome.email in seen:
                outcome = Outcome(outcome.email, REFUSED, TWICE)
            elif left < 1:
                outcome = Outcome(outcome.email, REFUSED, DAILY_LIMIT,
                                  {"limit": current_app.config["INVITATIONS_PER_DAY"]})
            else:
                seen.add(outcome.email)
                left -= 1
                outcome = invite(actor_id, outcome, language)
        outcomes.append((line, outcome))
    db.session.commit()
    return outcomes
