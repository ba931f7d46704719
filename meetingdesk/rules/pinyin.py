"""Finding a name by what a clerk types at the check-in desk: characters, pinyin or its initials.

"ljg", "liujg", "liujingang" and "刘锦" all find 刘锦刚. A character with several readings
(单 dan/shan, 曾 zeng/ceng) matches by any of them, because a clerk types the reading
the delegate is called by, which a dictionary cannot know.
"""
from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

Readings = tuple[tuple[str, ...], ...]  # per character, its readings without tones


@lru_cache(maxsize=None)  # unbounded: at 50,000 names a fixed size fell off a cliff
def readings(name: str) -> Readings:
    """The toneless readings of each Han character of NAME; other characters are dropped."""
    from pypinyin import Style, pinyin  # its dictionary loads on the first search, not at import

    chars = [c for c in name if "\u3400" <= c <= "\u9fff" or "\uf900" <= c <= "\ufaff"]
    if not chars:
        return ()
    found = pinyin("".join(chars), style=Style.NORMAL, heteronym=True, errors="ignore")
    return tuple(tuple(dict.fromkeys(r.lower() for r in options if r.isascii() and r.isalpha()))
                 for options in found)


def initials(name: str) -> str:
    """The first reading's initials, as a clerk would write them down: 刘锦刚 → ljg."""
    return "".join(options[0][0] for options in readings(name) if options)


def matches(query: str, name: str) -> bool:
    """Does QUERY find NAME: a run of its characters, or pinyin from its first character on,
    each character typed as its initial, a longer start of its reading, or the whole reading."""
    query = query.strip().lower().replace(" ", "")
    if not query:
        return False
    if not query.isascii():
        return query in name.replace("\u3000", "").replace(" ", "")
    if not query.isalpha():
        return False
    return _spells(query, readings(name))


def _spells(query: str, chars: Readings) -> bool:
    # positions in QUERY reachable after spelling a prefix of the name's characters
    reach = {0}
    for options in chars:
        following = set()
        for at in reach:
            for reading in options:
                # each character may be typed by any non-empty start of one of its readings
                for end in range(at + 1, min(len(query), at + len(reading)) + 1):
                    if query[at:end] == reading[: end - at]:
                        following.add(end)
        if len(query) in following:
            return True
        reach = following
        if not reach:
            return False
    return False


def search(query: str, names: Sequence[str]) -> list[int]:
    """Indexes of NAMES that QUERY finds, in their given order."""
    return [i for i, name in enumerate(names) if matches(query, name)]
