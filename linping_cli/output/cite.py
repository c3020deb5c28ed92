"""Citations written for a reader (text), a page (Markdown), a bibliography (BibTeX), or as data."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from linping_cli.model.rows import CITATION
from linping_cli.output.cells import citation_text, headline
from linping_cli.output.safe import visible
from linping_cli.output.views import Renderer, View

# A web address Markdown may link as it is (<...>): nothing in it that could end the link or start markup.
_LINKABLE = re.compile(r"https?://[^\s<>`\\]+")


def citations_view(citations: list[dict[str, Any]]) -> View:
    """The citations as data, and written as text for a reader, Markdown for a page and BibTeX for LaTeX."""
    def written(style: Callable[[int, dict[str, Any]], str]) -> Renderer:
        return lambda stream, target: stream.write("".join(style(number, citation)
                                                           for number, citation in enumerate(citations, 1)))

    return View(citations, citations, list(CITATION.fields), citations,
                renderers={"text": written(_text), "markdown": written(_markdown), "bibtex": written(_bibtex)})


def _text(number: int, citation: dict[str, Any]) -> str:
    return visible(citation_text(citation)) + "\n"


def _markdown(number: int, citation: dict[str, Any]) -> str:
    from linping_cli.output.formats import markdown_text

    authors = f"{', '.join(citation['authors'])}, " if citation["authors"] else ""
    head = headline(citation)
    head = markdown_text(head) if citation["title"] is None else f"*{markdown_text(head)}*"
    published = "".join(f", {markdown_text(part)}" for part in (citation["outlet"], citation["published"]) if part)
    file = visible(citation["file"]).replace("`", "'")  # a code span holds anything but its own backquote
    url = citation["url"]
    link = ""
    if url:
        shown = visible(url)
        link = f", <{shown}>" if _LINKABLE.fullmatch(shown) else f", {markdown_text(url)}"
    return (f"- {markdown_text(authors)}{head}{published}, section “{markdown_text(citation['section'])}” "
            f"(file `{file}`){link}\n")


def _bibtex_value(text: str) -> str:
    # Braces and backslashes are BibTeX's own syntax; the rest of the text stays as it is.
    return "".join("\\" + char if char in "{}\\" else char for char in visible(text))


def _bibtex(number: int, citation: dict[str, Any]) -> str:
    fields = {"title": headline(citation)}
    if citation["authors"]:
        fields["author"] = " and ".join(citation["authors"])
    if citation["outlet"]:
        fields["howpublished"] = citation["outlet"]
    if citation["published"]:  # BibTeX reads the year, biblatex the whole date
        fields["year"], fields["date"] = citation["published"][:4], citation["published"]
    if citation["url"]:
        fields["url"] = citation["url"]
    fields["note"] = f"Section: {citation['section']}. File: {citation['file']}"
    body = ",\n".join(f"  {key} = {{{_bibtex_value(value)}}}" for key, value in fields.items())
    return f"@misc{{{citation['entry']}-{number},\n{body}\n}}\n"
