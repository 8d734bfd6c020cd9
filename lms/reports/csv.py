"""CSV files that spreadsheet programs open correctly and that cannot run formulas."""
import csv
import io

from flask import Response
from flask_babel import gettext

from lms.reports.privacy import Hidden
from lms.reports.tables import Table

BOM = "\ufeff"  # so Excel reads the file as UTF-8
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value) -> object:
    """Text that a spreadsheet would take for a formula is prefixed with an apostrophe (OWASP's
    advice); numbers stay numbers."""
    if isinstance(value, bool) or value is None:
        return "" if value is None else ("yes" if value else "no")
    if isinstance(value, int | float):
        return value
    text = str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def _figure_columns(table: Table) -> list[int]:
    """The columns of counts and percentages: past the first (a label), any cell a number or
    hidden. Each gets a "suppressed" column beside it, so a hidden cell can be left empty and
    a spreadsheet's sums still work."""
    return [index for index in range(1, len(table.columns))
            if any(isinstance(row[index], int | float | Hidden)
                   and not isinstance(row[index], bool) for row in table.rows)]


def _with_flags(row: list, figures: list[int]) -> list:
    cells = []
    for index, cell in enumerate(row):
        if index in figures:
            hidden = isinstance(cell, Hidden)
            cells += ["" if hidden else cell, hidden]
        else:
            cells.append(cell)
    return cells


def csv_text(table: Table) -> str:
    figures = _figure_columns(table)
    header = []
    for index, column in enumerate(table.columns):
        header.append(column)
        if index in figures:
            header.append(gettext("%(column)s, suppressed", column=column))
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([safe_cell(column) for column in header])
    writer.writerows([safe_cell(cell) for cell in _with_flags(row, figures)]
                     for row in table.rows)
    return BOM + out.getvalue()


def csv_response(table: Table, filename: str) -> Response:
    return Response(csv_text(table).encode("utf-8"), mimetype="text/csv", headers={
        "Content-Disposition": f'attachment; filename="{filename}"',
    })
