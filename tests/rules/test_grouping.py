"""Balanced 执行主席 groups: every member once, sizes within one, standing chairs spread."""
from __future__ import annotations

from collections import Counter

import pytest
from hypothesis import given
from hypothesis import strategies as st

from meetingdesk.rules.grouping import group_sizes, is_balanced, split


def test_sizes_differ_by_at_most_one_larger_first():
    assert group_sizes(46, 3) == [16, 15, 15]
    assert group_sizes(45, 3) == [15, 15, 15]
    assert group_sizes(2, 3) == [1, 1, 0]
    with pytest.raises(ValueError):
        group_sizes(5, 0)


def test_standing_chairs_lead_each_group_in_turn():
    members = list("abcdefghij")
    groups = split(members, 3, standing=["h", "b", "e"])
    assert [g[0] for g in groups] == ["h", "b", "e"]
    assert sorted(x for g in groups for x in g) == members
    # a standing chair who is not a member is ignored
    assert split(["a", "b"], 2, standing=["z"]) == [["a"], ["b"]]


@given(st.lists(st.integers(0, 500), unique=True, max_size=80), st.integers(1, 12), st.data())
def test_every_member_exactly_once_and_sizes_within_one(members, groups, data):
    standing = data.draw(st.lists(st.sampled_from(members), unique=True) if members else st.just([]))
    result = split(members, groups, standing=standing)
    assert len(result) == groups
    assert Counter(x for g in result for x in g) == Counter(members)
    assert is_balanced(result)
    counts = [sum(1 for x in g if x in standing) for g in result]
    assert max(counts) - min(counts) <= 1  # standing chairs spread evenly too
