"""rules.seating: the 主席台's precedence, seat numbers, the order names run, arranging and re-flowing."""
from __future__ import annotations

import random

import pytest

from meetingdesk.rules.seating import (Block, Direction, Numbering, Precedence, arrange, block_sides, label,
                                       podium_places, podium_ranks, reflow, rotated, seat_numbers, seats_in_order)


# ---------------------------------------------------------------- 主席台 (国内政务礼仪)

@pytest.mark.parametrize("seats, ranks", [
    (1, [1]),
    (2, [1, 2]),  # No. 2 on No. 1's left as seated = the hall's right
    (3, [3, 1, 2]),
    (5, [5, 3, 1, 2, 4]),
    (6, [5, 3, 1, 2, 4, 6]),
    (7, [7, 5, 3, 1, 2, 4, 6]),
])
def test_left_is_higher_seen_from_the_hall(seats, ranks):
    assert podium_ranks(seats) == ranks


@pytest.mark.parametrize("seats", range(1, 30))
def test_precedence_is_a_permutation_alternating_outward(seats):
    for side in Precedence:
        ranks = podium_ranks(seats, side)
        assert sorted(ranks) == list(range(1, seats + 1))
        where = {r: i for i, r in enumerate(ranks)}
        centre = (seats - 1) / 2
        # every next rank is no nearer the centre than the one two before it (alternating outward)
        for r in range(3, seats + 1):
            assert abs(where[r] - centre) > abs(where[r - 2] - centre)
        if seats >= 2:
            # 左为上: No. 2 to the hall's right of No. 1; 右为上 mirrors it
            assert (where[2] > where[1]) == (side == Precedence.LEFT)


def test_right_is_higher_mirrors():
    for n in range(1, 12):
        assert podium_ranks(n, Precedence.RIGHT) == podium_ranks(n)[::-1]


def test_even_row_puts_one_and_two_either_side_of_the_centre():
    ranks = podium_ranks(8)
    assert {ranks[3], ranks[4]} == {1, 2}


def test_front_row_takes_the_highest_ranks():
    places = podium_places([3, 5], 8)
    assert places[:3] == [(0, 1), (0, 2), (0, 0)]
    assert [r for r, _c in places[3:]] == [1] * 5
    assert places[3] == (1, 2)  # No. 4 is the middle of the second row
    assert len(podium_places([3], 5)) == 3  # short of seats: the last two have none


# ---------------------------------------------------------------- seat numbers

def test_sequential_and_odd_even_numbers():
    assert seat_numbers(4, Numbering.SEQUENTIAL) == [1, 2, 3, 4]
    assert seat_numbers(4, Numbering.SEQUENTIAL, 21) == [21, 22, 23, 24]
    assert seat_numbers(5, Numbering.ODD_EVEN) == [4, 2, 1, 3, 5]  # odd to the hall's right
    assert seat_numbers(4, Numbering.ODD_EVEN) == [4, 2, 1, 3]


def test_single_numbers_count_outward_from_the_hall_centre():
    assert seat_numbers(4, Numbering.ODD, 11, side=1) == [11, 13, 15, 17]  # right of the centre
    assert seat_numbers(4, Numbering.EVEN, 12, side=-1) == [18, 16, 14, 12]  # left of it
    assert seat_numbers(3, Numbering.EVEN, 1, side=-1) == [6, 4, 2]  # an odd start still gives even


def test_numbers_in_a_row_are_distinct():
    for numbering in Numbering:
        for n in range(1, 40):
            assert len(set(seat_numbers(n, numbering))) == n


def test_block_sides_per_band():
    blocks = [Block("左", "代表", (4,)), Block("中", "代表", (4,)), Block("右", "代表", (4,)),
              Block("后左", "列席", (4,), band=1), Block("后右", "列席", (4,), band=1)]
    assert block_sides(blocks) == [-1, 0, 1, -1, 1]


def test_shorter_rows_are_centred_and_labelled():
    block = Block("一区", "代表", (4, 6), Numbering.SEQUENTIAL, first_row=3)
    assert block.offset(0) == 1 and block.offset(1) == 0
    assert block.has(0, 1) and not block.has(0, 0) and not block.has(0, 5)
    assert label(block, 0, 1) == (3, 1)
    assert label(block, 1, 5) == (4, 6)


# ---------------------------------------------------------------- the order names run

def test_columns_run_front_to_back_then_left_to_right():
    lines = seats_in_order([Block("一区", "代表", (2, 2, 2))], Direction.COLUMNS)
    assert lines == [[[(0, 0, 0), (0, 1, 0), (0, 2, 0)], [(0, 0, 1), (0, 1, 1), (0, 2, 1)]]]
    lines = seats_in_order([Block("一区", "代表", (2, 2, 2))], Direction.ROWS)
    assert lines[0][0] == [(0, 0, 0), (0, 0, 1)]


def _lines(*rows_per_block, direction=Direction.COLUMNS):
    return seats_in_order([Block(f"{i}区", "代表", rows) for i, rows in enumerate(rows_per_block)], direction)


def test_each_delegation_starts_a_fresh_column_when_there_is_room():
    placed = arrange(_lines((4, 4, 4)), [list("abcde"), list("fg")])
    assert placed["a"] == (0, 0, 0) and placed["c"] == (0, 2, 0) and placed["d"] == (0, 0, 1)
    assert placed["f"] == (0, 0, 2)  # not (0, 2, 1) under e


def test_a_delegation_does_not_straddle_blocks_when_the_next_holds_it():
    placed = arrange(_lines((2, 2), (3, 3)), [list("abc"), list("defg")])
    assert {placed[p][0] for p in "defg"} == {1}


def test_packs_tighter_when_seats_are_few():
    # 3 delegations of 3 in 9 seats: fresh columns would need 3 × 2 columns of 2
    placed = arrange(_lines((3, 3, 3)), [list("abc"), list("def"), list("ghi")])
    assert len(placed) == 9 and len(set(placed.values())) == 9


def test_more_people_than_seats_leaves_the_last_unseated():
    placed = arrange(_lines((2, 2)), [list("abcde")])
    assert set(placed) == set("abcd")


def test_pinned_seats_are_left_alone():
    lines = _lines((2, 2))
    placed = arrange(lines, [list("abc")], taken={(0, 0, 0)})
    assert (0, 0, 0) not in placed.values() and len(placed) == 3


def test_arrange_never_gives_a_seat_twice_and_seats_all_who_fit():
    rng = random.Random(7)
    for _ in range(200):
        blocks = [tuple(rng.randint(1, 9) for _ in range(rng.randint(1, 6))) for _ in range(rng.randint(1, 4))]
        lines = _lines(*blocks, direction=rng.choice(list(Direction)))
        seats = sum(sum(b) for b in blocks)
        groups, k = [], 0
        for _ in range(rng.randint(0, 8)):
            n = rng.randint(0, 12)
            groups.append([f"p{k + i}" for i in range(n)])
            k += n
        placed = arrange(lines, groups)
        assert len(set(placed.values())) == len(placed)
        assert len(placed) == min(seats, k)


# ---------------------------------------------------------------- re-flow: as few people moving as possible

def test_reflow_moves_nobody_and_seats_a_newcomer_near_their_place():
    lines = _lines((4, 4, 4))
    groups = [list("abcde"), list("fgh")]
    before = arrange(lines, groups)
    after = reflow(lines, [list("abcxde"), list("fgh")], before)
    assert all(after[p] == before[p] for p in "abcdefgh")
    assert after["x"] not in before.values()
    assert after["x"][0] == 0 and len(set(after.values())) == 9


def test_reflow_frees_the_seats_of_those_who_left():
    lines = _lines((2, 2))
    before = arrange(lines, [list("abcd")])
    after = reflow(lines, [list("acd")], before)
    assert "b" not in after and after["a"] == before["a"] and after["d"] == before["d"]
    again = reflow(lines, [list("acdz")], after)
    assert again["z"] == before["b"]  # the only free seat


def test_reflow_drops_seats_a_smaller_block_no_longer_has():
    before = arrange(_lines((3, 3, 3)), [list("abcdefg")])
    smaller = _lines((3, 3))
    after = reflow(smaller, [list("abcdefg")], before)
    assert len(after) == 6 and len(set(after.values())) == 6
    assert all(after[p] == before[p] for p in "abcdefg" if before[p][1] < 2)  # still there: not moved


def test_reflow_a_seat_given_twice_is_given_once():
    lines = _lines((2, 2))
    after = reflow(lines, [list("ab")], {"a": (0, 0, 0), "b": (0, 0, 0)})
    assert after["a"] == (0, 0, 0) and after["b"] != (0, 0, 0)


def test_reflow_a_new_delegation_follows_the_one_before():
    lines = _lines((4, 4, 4))
    before = arrange(lines, [list("ab"), list("cd")])
    after = reflow(lines, [list("ab"), list("xy"), list("cd")], before)
    assert all(after[p] == before[p] for p in "abcd")
    last_of_ab = max(before["a"], before["b"], key=lambda s: [x for b in lines for ln in b for x in ln].index(s))
    order = [x for b in lines for ln in b for x in ln]
    assert order.index(after["x"]) > order.index(last_of_ab)


def test_rotation_moves_the_first_delegations_to_the_end():
    assert rotated([[1], [2], [3]], 1) == [[2], [3], [1]]
    assert rotated([[1], [2], [3]], 4) == [[2], [3], [1]]
    assert rotated([], 3) == []
