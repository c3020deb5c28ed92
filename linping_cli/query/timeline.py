"""Every dated item of a dataset in order: events, plans and their deadlines, launches, figures' years, foundings.

A date keeps its precision ("2024", "2024-02", "2025-05-09"), never padded to a made-up day;
coarser dates sort before finer ones within the same period. --from and --to keep the items
whose period overlaps the range, so --from 2025-03 keeps an item dated only "2025".
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import Any

from linping_cli.model.errors import UserError
from linping_cli.model.kinds import DATE_PATTERN, ENUMS
from linping_cli.model.records import Entry, outside_fields
from linping_cli.model.rows import TIMELINE_ITEM

_DATE = re.compile(DATE_PATTERN)
_PRECISION = dict(enumerate(ENUMS["precision"], 1))
# (type, field holding the date, field saying it is inferred, what it marks)
_DATED = (
    ("event", "date", "date_inferred", "held"),
    ("plan", "year", "year_inferred", "set out"),
    ("plan", "deadline", "deadline_inferred", "deadline"),
    ("product", "year", "year_inferred", "launched"),
    ("figure", "year", "year_inferred", "figure for the year"),
    ("company", "founded", "founded_inferred", "founded"),
)


def parse_bound(text: str, option: str) -> tuple[int, ...]:
    """YYYY, YYYY-MM or YYYY-MM-DD as a tuple of its parts; a UserError otherwise."""
    match = _DATE.fullmatch(text.strip())
    parts = tuple(int(part) for part in match.groups() if part) if match else ()
    if not parts or (len(parts) > 1 and not 1 <= parts[1] <= 12) or (len(parts) > 2 and not 1 <= parts[2] <= 31):
        raise UserError(f"{option} takes a date as YYYY, YYYY-MM or YYYY-MM-DD, not {text!r}")
    return parts


def _overlaps(parts: tuple[int, ...], start: tuple[int, ...] | None, end: tuple[int, ...] | None) -> bool:
    """Whether the period `parts` names overlaps [start, end], each compared at the coarser precision."""
    if start is not None and parts[:len(start)] < start[:len(parts)]:
        return False
    return end is None or parts[:len(end)] <= end[:len(parts)]


def timeline(entries: Iterable[Entry], *, start: tuple[int, ...] | None = None, end: tuple[int, ...] | None = None,
             types: Sequence[str] = (), tags: Sequence[str] = ()) -> list[dict[str, Any]]:
    wanted_tags = {tag.casefold() for tag in tags}
    items = []
    for entry in entries:
        if (types and entry.type not in types) or (
                wanted_tags and not wanted_tags <= {tag.casefold() for tag in entry.tags}):
            continue
        for type_name, field, inferred, what in _DATED:
            value = getattr(entry, field, None) if entry.type == type_name else None
            if value is None:
                continue
            date = str(value)
            parts = tuple(int(part) for part in date.split("-"))
            if not _overlaps(parts, start, end):
                continue
            items.append({"date": date, "precision": _PRECISION[len(parts)],
                          "inferred": bool(getattr(entry, inferred)), "what": what,
                          "entry": entry.id, "type": entry.type, "name": entry.name, "name_en": entry.name_en,
                          "source": entry.source, "region": entry.region,
                          "name_en_outside": "name_en" in outside_fields(entry.outside),
                          "_key": parts})
    items.sort(key=lambda item: (item["_key"], item["region"] or "", item["entry"]))
    return [{key: item[key] for key in TIMELINE_ITEM.fields} for item in items]
