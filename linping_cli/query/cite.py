"""What to cite for an entry's facts: each article section it rests on, as the article's file gives it."""

from __future__ import annotations

from typing import Any

from linping_cli.model.records import Entry
from linping_cli.store.dataset import Dataset


def citations(dataset: Dataset, entry: Entry) -> list[dict[str, Any]]:
    """One citation per (article, section) the entry, its key figures or its statements cite, in that order.

    Only what the files give: headline (null where a file has none), subtitle, authors, section, file.
    """
    refs = [*entry.source, *(ref for figure in entry.key_figures for ref in figure["source"] or ()),
            *(ref for statement in getattr(entry, "statements", ()) for ref in statement["source"])]
    articles = {source.file: source for source in dataset.sources if source.region == entry.region}
    found = []
    for file, section in dict.fromkeys((ref["file"], ref["section"]) for ref in refs):
        article = articles.get(file)
        found.append({"entry": entry.id, "file": file, "section": section,
                      "title": article.title if article else None,
                      "subtitle": article.subtitle if article else None,
                      "authors": list(article.authors) if article else []})
    return found
