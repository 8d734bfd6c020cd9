"""Small groups are never shown: every count of fewer than 10 people reads "fewer than 10"."""
from dataclasses import dataclass

from flask_babel import gettext
from flask_babel import lazy_gettext as _l

MIN_GROUP = 10
FEWER = _l("fewer than 10")


@dataclass(frozen=True)
class Hidden:
    """A figure withheld because its group is too small; tables and CSV print the words."""

    def __str__(self) -> str:
        return str(FEWER)


HIDDEN = Hidden()


def small_counts_note() -> str:
    """The note every report ends with."""
    return gettext("Counts of 1 to 9 are shown as “fewer than 10”.")


def people(count: int | None):
    """A count of people as it may be shown: 0, 10 and up, or hidden."""
    count = count or 0
    return count if count == 0 or count >= MIN_GROUP else HIDDEN


def share(part: int | None, whole: int | None):
    """A percentage, shown only when both the part and the whole may be shown."""
    part, whole = part or 0, whole or 0
    if whole < MIN_GROUP or people(part) is HIDDEN:
        return HIDDEN
    return round(100 * part / whole)


def distribution(counts: dict[str, int]) -> dict[str, object]:
    """Counts of one question's answers, safe to show beside their total.

    Each small group is hidden; when exactly one is, the next smallest is hidden too, so no
    hidden figure can be worked out by subtracting the others from the total; and when fewer
    than 10 answered at all, every cell is hidden, zeros included (one answer and four zeros
    would say what that one person answered).
    """
    if sum(counts.values()) < MIN_GROUP:
        return {key: HIDDEN for key in counts}
    shown = {key: people(value) for key, value in counts.items()}
    hidden = [key for key, value in shown.items() if value is HIDDEN]
    if len(hidden) == 1:
        visible = [key for key, value in counts.items() if key not in hidden and value > 0]
        if visible:
            shown[min(visible, key=counts.get)] = HIDDEN
    return shown
