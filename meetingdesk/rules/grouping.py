"""Splitting the presidium into 执行主席 groups, one group per plenary.

The secretariat wants every member to chair exactly once, the standing chairs spread so
that each plenary has some to host it, and groups of nearly the same size.
"""
from __future__ import annotations

from collections.abc import Hashable, Sequence
from typing import TypeVar

T = TypeVar("T", bound=Hashable)


def group_sizes(total: int, groups: int) -> list[int]:
    """Sizes differing by at most one, the larger ones first."""
    if groups < 1:
        raise ValueError("groups must be at least 1")
    base, extra = divmod(total, groups)
    return [base + (1 if i < extra else 0) for i in range(groups)]


def split(members: Sequence[T], groups: int, *, standing: Sequence[T] = ()) -> list[list[T]]:
    """Deal MEMBERS into GROUPS groups: each member once, sizes within one of each other.

    Standing chairs (those of STANDING that are members) are dealt first, round-robin in
    their own order, so each group gets its share of them and they lead the group; the
    other members follow in the order given (stroke order, as the papers print them).
    """
    members = list(dict.fromkeys(members))
    sizes = group_sizes(len(members), groups)
    chairs = [m for m in dict.fromkeys(standing) if m in set(members)]
    others = [m for m in members if m not in set(chairs)]
    result: list[list[T]] = [[] for _ in range(groups)]
    # Round-robin from group 0 never puts more chairs in a group than its size: the first
    # groups are the larger ones, and len(chairs) <= len(members).
    for i, chair in enumerate(chairs):
        result[i % groups].append(chair)
    turn = len(chairs) % groups
    for member in others:
        while len(result[turn]) >= sizes[turn]:
            turn = (turn + 1) % groups
        result[turn].append(member)
        turn = (turn + 1) % groups
    return result


def is_balanced(groups: Sequence[Sequence[object]]) -> bool:
    sizes = [len(g) for g in groups]
    return not sizes or max(sizes) - min(sizes) <= 1
