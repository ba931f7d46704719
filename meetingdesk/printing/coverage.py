"""Before a PDF is written: can the bundled fonts draw every character it will print?

A character no face has would come out as an empty box, so it is refused with a
message naming the person (or the place) it belongs to.
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from meetingdesk.services.errors import ServiceError

from .fonts import missing_chars

MAX_LISTED = 10


class FontCoverageError(ServiceError):
    """Some text to be printed has characters no bundled font can draw."""

    def __init__(self, problems: list[tuple[str, str, str]]) -> None:
        self.problems = problems  # (text, where, character)
        lines = [f"无法打印“{text}”（{where}）中的“{ch}”（U+{ord(ch):04X}）：字体中没有这个字"
                 for text, where, ch in problems[:MAX_LISTED]]
        if len(problems) > MAX_LISTED:
            lines.append(f"……共 {len(problems)} 处。")
        lines.append("请核对这些字（或改用字体中有的写法）后再打印。")
        super().__init__("\n".join(lines))


@dataclass(frozen=True)
class Printed:
    """One piece of text a paper prints, and where it comes from (for the error message)."""

    text: str
    where: str  # 长青街代表团 列席 / 吴家山街代表团 讨论地点 / 会议名称


def check_coverage(items: Iterable[Printed]) -> None:
    """Raise FontCoverageError listing every character no bundled face can draw."""
    problems: list[tuple[str, str, str]] = []
    for item in items:
        for ch in missing_chars(item.text):
            problems.append((item.text, item.where, ch))
    if problems:
        raise FontCoverageError(problems)
