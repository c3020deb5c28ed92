"""Citations written for a reader (text), a page (Markdown), a bibliography (BibTeX), or as data."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from linping_cli.model.rows import CITATION
from linping_cli.output.safe import visible
from linping_cli.output.views import Renderer, View

UNTITLED = "untitled (the file gives no headline)"


def citations_view(citations: list[dict[str, Any]]) -> View:
    """The citations as data, and written as text for a reader, Markdown for a page and BibTeX for LaTeX."""
    def written(style: Callable[[int, dict[str, Any]], str]) -> Renderer:
        return lambda stream, target: stream.write("".join(style(number, citation)
                                                           for number, citation in enumerate(citations, 1)))

    return View(citations, citations, list(CITATION.fields), citations,
                renderers={"text": written(_text), "markdown": written(_markdown), "bibtex": written(_bibtex)})


def _headline(citation: dict[str, Any]) -> str:
    title = citation["title"]
    if title is None:
        return UNTITLED
    return f"{title}: {citation['subtitle']}" if citation["subtitle"] else str(title)


def _text(number: int, citation: dict[str, Any]) -> str:
    authors = f"{', '.join(citation['authors'])}. " if citation["authors"] else ""
    headline = _headline(citation)
    headline = headline[0].upper() + headline[1:] if citation["title"] is None else f"“{headline}”"
    return visible(f"{authors}{headline}. Section “{citation['section']}”. File {citation['file']}.") + "\n"


def _markdown(number: int, citation: dict[str, Any]) -> str:
    from linping_cli.output.formats import markdown_text

    authors = f"{', '.join(citation['authors'])}, " if citation["authors"] else ""
    headline = _headline(citation)
    headline = markdown_text(headline) if citation["title"] is None else f"*{markdown_text(headline)}*"
    file = visible(citation["file"]).replace("`", "'")  # a code span holds anything but its own backquote
    return f"- {markdown_text(authors)}{headline}, section “{markdown_text(citation['section'])}” (file `{file}`)\n"


def _bibtex_value(text: str) -> str:
    # Braces and backslashes are BibTeX's own syntax; the rest of the text stays as it is.
    return "".join("\\" + char if char in "{}\\" else char for char in visible(text))


def _bibtex(number: int, citation: dict[str, Any]) -> str:
    fields = {"title": _headline(citation)}
    if citation["authors"]:
        fields["author"] = " and ".join(citation["authors"])
    fields["note"] = f"Section: {citation['section']}. File: {citation['file']}"
    body = ",\n".join(f"  {key} = {{{_bibtex_value(value)}}}" for key, value in fields.items())
    return f"@misc{{{citation['entry']}-{number},\n{body}\n}}\n"
