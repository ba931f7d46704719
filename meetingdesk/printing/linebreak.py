"""Where a line of Chinese prose may break, for reportlab's paragraphs (wordWrap "CJK").

reportlab breaks a one-font CJK paragraph wherever the width ends, and its list of
characters that may not begin a line lacks most full-width punctuation: the review report
came out with a line "》；" and numbers such as 2023 could be cut in two. Here a line never
begins with closing punctuation, and a run of Latin letters or digits stays whole: the
character before goes down with it, leaving the line a little short (reportlab does not
spread CJK lines, so it is ragged by that much) rather than starting with "；". A space
where a line breaks ("赞成 195 票" in the count's words) is dropped, not set as an indent.
"""
from __future__ import annotations

from collections.abc import Sequence

from reportlab.lib import textsplit
from reportlab.platypus import paragraph

CANNOT_START = "".join(textsplit.CANNOT_START_LINE) + "，；：！？》〉”’"
_FUZZ = 1e-6


def _bad_break(word: str, at: int) -> bool:
    """Would a line starting at AT begin with closing punctuation or split a 2023?"""
    ch, before = word[at], word[at - 1]
    return ch in CANNOT_START or (ch.isascii() and ch.isalnum() and before.isascii() and before.isalnum())


def split_line_widths(word: str, widths: Sequence[float], max_widths: float | Sequence[float]) -> list[list]:
    """textsplit.dumbSplit's result — [[room left, text], …] — with the breaks moved back as above."""
    limits = list(max_widths) if isinstance(max_widths, (list, tuple)) else [max_widths]
    lines: list[list] = []
    start, n = 0, len(word)
    while start < n:
        limit = limits[min(len(lines), len(limits) - 1)]
        used, end = 0.0, start
        while end < n and (end == start or used + widths[end] <= limit + _FUZZ):
            used += widths[end]
            end += 1
        cut = end
        if end < n:
            while cut > start + 1 and _bad_break(word, cut):
                cut -= 1
            if _bad_break(word, cut):
                cut = end  # no better place on this line: break where the width ends
        lines.append([limit - sum(widths[start:cut]), word[start:cut]])
        start = cut
        while 0 < start < n and word[start] == " ":
            start += 1  # the space of "赞成 9 票" at a break: gone, as between Latin words, not a line's indent
    return lines


def install_line_breaking() -> None:
    """Put the rule into reportlab (idempotent): one-font paragraphs break through
    `split_line_widths`; mixed-font ones (reportlab's cjkFragSplit) at least hang a single
    closing mark in the margin instead of starting a line with it."""
    textsplit.dumbSplit = split_line_widths
    textsplit.ALL_CANNOT_START = paragraph.ALL_CANNOT_START = CANNOT_START
