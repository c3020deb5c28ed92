"""Near misses: the words of a vocabulary a slip or two away from a word, found without visiting most of them.

A slip is one edit: a letter put in, left out or changed, or two neighbouring letters swapped (the
restricted Damerau-Levenshtein distance, also called optimal string alignment). The vocabulary is
sorted, so the words that share a prefix stand together: the row of the distance table for a
prefix is worked out once for all the words under it (a trie, walked over the sorted list with
bisect). A row's smallest cell is never below the smallest of the row before it (a swap included),
so once a prefix's row is past the limit so is every longer word under it, and the walk leaves
them all unread.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Sequence

_LAST = chr(0x10FFFF)  # the greatest character: no string sorts between one ending in it and the next prefix


def near_words(vocabulary: Sequence[str], word: str, limit: int) -> list[str]:
    """The words of `vocabulary` (sorted, each once) at most `limit` edits from `word`, in vocabulary order."""
    found: list[str] = []
    # Each item: the words vocabulary[first:end] share a prefix `depth` long; `row` is the prefix's row of
    # the table (its distance to each start of `word`), `above` the row of the prefix one shorter, and
    # `last` the prefix's last character (`above` and `last` are what a swap reads).
    stack: list[tuple[int, int, int, list[int] | None, list[int], str]] = [
        (0, len(vocabulary), 0, None, list(range(len(word) + 1)), "")]
    while stack:
        first, end, depth, above, row, last = stack.pop()
        if first < end and len(vocabulary[first]) == depth:  # the prefix is a word itself: it sorts first
            if row[-1] <= limit:
                found.append(vocabulary[first])
            first += 1
        while first < end:
            prefix = vocabulary[first][:depth + 1]
            char = prefix[-1]
            stop = end if char == _LAST else bisect_left(vocabulary, prefix[:-1] + chr(ord(char) + 1), first, end)
            following = _next_row(word, row, above, last, char)
            if min(following) <= limit:
                stack.append((first, stop, depth + 1, row, following, char))
            first = stop
    found.sort()
    return found


def _next_row(word: str, row: list[int], above: list[int] | None, last: str, char: str) -> list[int]:
    """The table row of a prefix one `char` longer than the prefix whose row is `row`."""
    following = [row[0] + 1]
    for j, letter in enumerate(word, 1):
        cost = min(row[j] + 1, following[j - 1] + 1, row[j - 1] + (char != letter))
        if above is not None and j > 1 and char == word[j - 2] and last == letter:
            cost = min(cost, above[j - 2] + 1)
        following.append(cost)
    return following
