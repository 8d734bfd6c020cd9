"""CSV files that spreadsheet programs open correctly and that cannot run formulas."""
import csv
import io

from flask import Response

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


def csv_text(table: Table) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([safe_cell(column) for column in table.columns])
    writer.writerows([safe_cell(cell) for cell in row] for row in table.rows)
    return BOM + out.getvalue()


def csv_response(table: Table, filename: str) -> Response:
    return Response(csv_text(table).encode("utf-8"), mimetype="text/csv", headers={
        "Content-Disposition": f'attachment; filename="{filename}"',
    })
