"""What a report shows: a table (the same rows on the page and in the CSV) and its chart."""
from dataclasses import dataclass, field

from flask_babel import gettext
from markupsafe import Markup


@dataclass
class Table:
    caption: str
    columns: list[str]
    rows: list[list] = field(default_factory=list)


@dataclass
class Report:
    name: str        # its URL name: /reports/<name> and /reports/<name>.csv
    title: str
    period_label: str
    summary: list[str]              # the chart's text summary, sentence by sentence
    tables: list[Table]
    chart: Markup | None = None
    notes: list[str] = field(default_factory=list)  # how the figures are counted
    csv_table: Table | None = None  # when the tables differ in shape, the CSV's one table

    def table_for_csv(self) -> Table:
        """One header row: the report's own CSV table, its only table, or its tables (of the
        same columns) one after another with a first column naming the table."""
        if self.csv_table is not None:
            return self.csv_table
        if len(self.tables) == 1:
            return self.tables[0]
        first = self.tables[0]
        return Table(first.caption, [gettext("Table"), *first.columns],
                     [[table.caption, *row] for table in self.tables for row in table.rows])
