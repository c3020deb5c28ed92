"""Citations written for a reader (text), a page (Markdown), a bibliography (BibTeX) or a script (JSON)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

CITE_FORMATS = ("text", "markdown", "bibtex", "json")
UNTITLED = "untitled (the file gives no headline)"


def write_citations(citations: list[dict[str, Any]], fmt: str) -> str:
    if fmt == "json":
        import json

        return json.dumps(citations, ensure_ascii=False, indent=2) + "\n"
    return "".join(_WRITERS[fmt](number, citation) for number, citation in enumerate(citations, 1))


def _headline(citation: dict[str, Any]) -> str:
    title = citation["title"]
    if title is None:
        return UNTITLED
    return f"{title}: {citation['subtitle']}" if citation["subtitle"] else str(title)


def _text(number: int, citation: dict[str, Any]) -> str:
    authors = f"{', '.join(citation['authors'])}. " if citation["authors"] else ""
    headline = _headline(citation)
    headline = headline[0].upper() + headline[1:] if citation["title"] is None else f"“{headline}”"
    return f"{authors}{headline}. Section “{citation['section']}”. File {citation['file']}.\n"


def _markdown(number: int, citation: dict[str, Any]) -> str:
    authors = f"{', '.join(citation['authors'])}, " if citation["authors"] else ""
    headline = _headline(citation)
    headline = headline if citation["title"] is None else f"*{headline}*"
    return f"- {authors}{headline}, section “{citation['section']}” (file `{citation['file']}`)\n"


def _bibtex_value(text: str) -> str:
    # Braces and backslashes are BibTeX's own syntax; the rest of the text stays as it is.
    return "".join("\\" + char if char in "{}\\" else char for char in text)


def _bibtex(number: int, citation: dict[str, Any]) -> str:
    fields = {"title": _headline(citation)}
    if citation["authors"]:
        fields["author"] = " and ".join(citation["authors"])
    fields["note"] = f"Section: {citation['section']}. File: {citation['file']}"
    body = ",\n".join(f"  {key} = {{{_bibtex_value(value)}}}" for key, value in fields.items())
    return f"@misc{{{citation['entry']}-{number},\n{body}\n}}\n"


_WRITERS: dict[str, Callable[[int, dict[str, Any]], str]] = {"text": _text, "markdown": _markdown, "bibtex": _bibtex}
