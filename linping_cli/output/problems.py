"""validate's problems: every one as data; for a person, the first few of each kind and how many more."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from typing import IO

from linping_cli.model.errors import Problem
from linping_cli.model.rows import PROBLEM
from linping_cli.output.safe import visible
from linping_cli.output.views import Target, View

PROBLEMS_PER_KIND = 20
_KIND = re.compile(r"[^'\"(0-9]*")  # a message up to its first quoted name or number: what kind it is


def problems_view(problems: Sequence[Problem]) -> View:
    records = [problem.as_dict() for problem in problems]

    def lines(stream: IO[str], target: Target) -> None:
        stream.writelines(f"{line}\n" for line in capped(problems))

    return View(records, records, list(PROBLEM.fields), records, renderers={"table": lines})


def capped(problems: Sequence[Problem]) -> list[str]:
    """Problems as lines, the first few of each kind and then how many more: a badly broken dataset
    stays readable. The other formats list every one."""
    lines, shown, kinds = [], Counter[str](), []
    for problem in problems:
        kind = _KIND.match(problem.message).group().strip()  # type: ignore[union-attr]
        if shown[kind] == 0:
            kinds.append(kind)
        shown[kind] += 1
        if shown[kind] <= PROBLEMS_PER_KIND:
            lines.append(visible(str(problem)))
    lines += [f"... and {shown[kind] - PROBLEMS_PER_KIND} more like {kind!r} (--format json lists them all)"
              for kind in kinds if shown[kind] > PROBLEMS_PER_KIND]
    return lines
