"""How a number is written for a reader: as the dataset writes it, every digit and the precision kept."""

from __future__ import annotations

from typing import Any


def format_number(value: Any) -> str:
    """1175.09, 810, 16.0 (a precision the article gives is kept); "" for none."""
    if value is None:
        return ""
    return repr(value) if isinstance(value, float) else str(value)


# An unstated count of an order, as each language writes it: 数百 (value 100, qualifier "several") is several
# hundred, never a count of 100.
ORDERS: dict[float, tuple[str, str]] = {
    10: ("数十", "dozens"), 100: ("数百", "several hundred"), 1000: ("数千", "several thousand"),
    10**4: ("数万", "tens of thousands"), 10**5: ("数十万", "hundreds of thousands"),
    10**6: ("数百万", "several million"), 10**7: ("数千万", "tens of millions"),
    10**8: ("数亿", "hundreds of millions")}


def order_words(value: Any, lang: str | None = None) -> str | None:
    """数百 / several hundred for 100 (数百 with lang zh, several hundred with en); None for a value of no order."""
    words = ORDERS.get(value) if isinstance(value, (int, float)) else None
    if words is None:
        return None
    return words[1] if lang == "en" else words[0] if lang == "zh" else f"{words[0]} / {words[1]}"
