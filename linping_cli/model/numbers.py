"""How a number is written for a reader: as the dataset writes it, every digit and the precision kept."""

from __future__ import annotations

from typing import Any


def format_number(value: Any) -> str:
    """1175.09, 810, 16.0 (a precision the article gives is kept); "" for none."""
    if value is None:
        return ""
    return repr(value) if isinstance(value, float) else str(value)
