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


def distribution(counts: dict[str, int], total: int | None = None) -> dict[str, object]:
    """Counts that add up to a total shown beside them (one question's answers), safe to show.

    Every count of 1 to 9 is hidden. Then, while exactly one non-zero count is hidden, or the
    hidden counts together hold 1 to 9 people, the smallest count still shown is hidden too:
    the total less the shown counts then never gives one hidden count, nor a group of 1 to 9.
    Once anything is hidden, the zeros are hidden with it (a zero beside a hidden count would
    narrow it to fewer options). Under 10 in all, everything is hidden; nothing, all zeros.
    `total` defaults to the sum; when larger (answers not listed), the rest counts as hidden.
    The total itself is shown as people(total): hidden under 10, like every count here.
    """
    total = sum(counts.values()) if total is None else total
    if total == 0:
        return dict.fromkeys(counts, 0)
    if total < MIN_GROUP:
        return dict.fromkeys(counts, HIDDEN)
    hidden = {key for key, value in counts.items() if people(value) is HIDDEN}
    unlisted = total - sum(counts.values())

    def needs_more() -> bool:
        in_hidden = sum(counts[key] for key in hidden) + unlisted
        return 0 < in_hidden < MIN_GROUP or sum(1 for key in hidden if counts[key]) == 1

    while needs_more():
        shown = [key for key in counts if key not in hidden and counts[key]]
        if not shown:
            break
        hidden.add(min(shown, key=counts.get))
    if hidden:
        hidden |= {key for key, value in counts.items() if value == 0}
    return {key: HIDDEN if key in hidden else value for key, value in counts.items()}


def split(part: int, whole: int) -> bool:
    """Whether `part` of `whole` may be shown when `whole` is shown beside it: neither the part
    nor the rest may be a group of 1 to 9 (the rest is the whole less the part)."""
    return distribution({"part": part, "rest": whole - part}, whole)["part"] is not HIDDEN
