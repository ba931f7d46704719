"""What the count decides: validity of a round, who is elected, what passes, the quorum.

As the 选举和表决办法 of seed 000 (articles 11, 14, 15) and the Election Law put it:
- a round is void when more ballots come back than were issued;
- a ballot marking more names than the seats is void for that election;
- elected, or passed, is more than half of ALL serving delegates, not of those present;
- more qualified candidates than seats: the most votes win; a tie at the cut-off is voted
  again among the tied; fewer qualified than seats: the rest stay vacant (缺额).
Every decision carries its arithmetic, in the words the scrutineers read out.
"""
from __future__ import annotations

from collections.abc import Hashable, Sequence
from dataclasses import dataclass, field

# The quorum a vote needs: the 办法 of seed 000 says 超过全体代表的三分之二; the law's
# default for convening a session is 三分之二以上 (two thirds or more).
QUORUM_RULES = {
    "超过三分之二": "到会代表必须超过全体代表的三分之二",
    "三分之二以上": "到会代表须有全体代表的三分之二以上",
}


def majority(all_delegates: int) -> int:
    """The fewest votes that are more than half of all delegates."""
    return all_delegates // 2 + 1


def quorum_needed(all_delegates: int, rule: str = "超过三分之二") -> int:
    """The fewest delegates present that meet the quorum rule."""
    if rule == "超过三分之二":
        return all_delegates * 2 // 3 + 1
    if rule == "三分之二以上":
        return -(-all_delegates * 2 // 3)
    raise ValueError(f"unknown quorum rule {rule}")


def quorum_met(present: int, all_delegates: int, rule: str = "超过三分之二") -> bool:
    return present >= quorum_needed(all_delegates, rule)


def quorum_text(present: int | None, all_delegates: int, rule: str = "超过三分之二") -> str:
    """The quorum in words; PRESENT None (not counted yet) says what is needed."""
    need = quorum_needed(all_delegates, rule)
    start = f"全体代表 {all_delegates} 人，{QUORUM_RULES[rule]}，即至少 {need} 人；"
    if present is None:
        return start + "尚未填写到会人数。"
    verdict = "符合法定人数" if present >= need else "不足法定人数"
    return start + f"到会 {present} 人，{verdict}。"


@dataclass(frozen=True)
class RoundCheck:
    valid: bool
    text: str


def check_round(issued: int, returned: int, what: str = "选票") -> RoundCheck:
    """Returned ≤ issued: the round stands; more returned than issued voids it (办法 第十四条)."""
    if returned > issued:
        return RoundCheck(False, f"发出{what} {issued} 张，收回 {returned} 张，收回多于发出，本次投票无效，应重新投票。")
    return RoundCheck(True, f"发出{what} {issued} 张，收回 {returned} 张，收回等于或少于发出，本次投票有效。")


def ballot_valid(names_marked_yes: int, seats: int) -> bool:
    """A ballot choosing more people than the seats (candidates and write-ins) is void."""
    return names_marked_yes <= seats


@dataclass(frozen=True)
class Votes:
    key: Hashable  # the caller's id of a candidate or write-in
    name: str
    yes: int
    no: int = 0
    abstain: int = 0


@dataclass(frozen=True)
class Outcome:
    threshold: int
    elected: tuple[Votes, ...]
    revote: tuple[Votes, ...] = ()  # tied at the cut-off: voted again for revote_seats
    revote_seats: int = 0
    vacancies: int = 0
    lines: tuple[str, ...] = field(default=())  # the arithmetic and the rule that decided


def decide_election(votes: Sequence[Votes], seats: int, all_delegates: int) -> Outcome:
    threshold = majority(all_delegates)
    lines = [f"全体代表 {all_delegates} 人，过半数为 {threshold} 票；应选 {seats} 人。"]
    ranked = sorted(votes, key=lambda v: -v.yes)
    qualified = [v for v in ranked if v.yes >= threshold]
    for v in ranked:
        verdict = "超过半数" if v.yes >= threshold else "未过半数"
        lines.append(f"{v.name}：赞成 {v.yes} 票，反对 {v.no} 票，弃权 {v.abstain} 票，{verdict}。")
    if len(qualified) <= seats:
        vacancies = seats - len(qualified)
        if vacancies:
            lines.append(f"获得过半数赞成票的 {len(qualified)} 人，少于应选名额，缺额 {vacancies} 人（办法第十五条）。")
        else:
            lines.append(f"获得过半数赞成票的 {len(qualified)} 人，等于应选名额，均当选。")
        return Outcome(threshold, tuple(qualified), vacancies=vacancies, lines=tuple(lines))
    above, at_cut, remaining = _cut_off(qualified, seats)
    cut = at_cut[0].yes
    if len(at_cut) == remaining:
        lines.append(f"获得过半数赞成票的 {len(qualified)} 人，多于应选名额，以得票多的 {seats} 人当选。")
        return Outcome(threshold, tuple(above + at_cut), lines=tuple(lines))
    names = "、".join(v.name for v in at_cut)
    lines.append(f"获得过半数赞成票的 {len(qualified)} 人，多于应选名额；{names} 得票相等（{cut} 票），"
                 f"不能确定当选人，应就票数相等的人再次投票，选出 {remaining} 人（办法第十五条）。")
    return Outcome(threshold, tuple(above), tuple(at_cut), remaining, lines=tuple(lines))


def _cut_off(ranked: Sequence[Votes], places: int) -> tuple[list[Votes], list[Votes], int]:
    """Of RANKED (most votes first, more than PLACES of them): those above the vote at the last
    place, those level with it, and how many places remain for the level ones."""
    cut = ranked[places - 1].yes
    above = [v for v in ranked if v.yes > cut]
    return above, [v for v in ranked if v.yes == cut], places - len(above)


@dataclass(frozen=True)
class ItemOutcome:
    passed: bool
    threshold: int
    text: str


def decide_item(title: str, yes: int, no: int, abstain: int, all_delegates: int) -> ItemOutcome:
    threshold = majority(all_delegates)
    passed = yes >= threshold
    text = (f"{title}：赞成 {yes} 票，反对 {no} 票，弃权 {abstain} 票；全体代表 {all_delegates} 人，"
            f"过半数为 {threshold} 票，{'通过' if passed else '未通过'}。")
    return ItemOutcome(passed, threshold, text)


# ---------------------------------------------------------------- preliminary vote (预选)


def preliminary_quorum_met(present: int, delegation_delegates: int) -> bool:
    """办法 第八条: more than half of a delegation's delegates must take part in its 预选."""
    return present * 2 > delegation_delegates


def decide_preliminary(votes: Sequence[Votes], places: int) -> Outcome:
    """办法 第七、九条: the official candidates are the PLACES with the most votes (summed over
    the delegations); a tie at the cut-off is voted again among the tied. No majority applies."""
    ranked = sorted(votes, key=lambda v: -v.yes)
    lines = [f"应确定正式候选人 {places} 人，按预选得票多少的顺序确定。"]
    lines += [f"{v.name}：{v.yes} 票。" for v in ranked]
    if len(ranked) <= places:
        lines.append(f"预选候选人 {len(ranked)} 人，不多于应确定的人数，均列为正式候选人。")
        return Outcome(0, tuple(ranked), lines=tuple(lines))
    above, at_cut, remaining = _cut_off(ranked, places)
    cut = at_cut[0].yes
    if len(at_cut) == remaining:
        lines.append(f"得票多的 {places} 人列为正式候选人。")
        return Outcome(0, tuple(above + at_cut), lines=tuple(lines))
    names = "、".join(v.name for v in at_cut)
    lines.append(f"{names} 得票相等（{cut} 票），不能确定正式候选人，应就得票相等的候选人再次预选，"
                 f"确定 {remaining} 人（办法第九条）。")
    return Outcome(0, tuple(above), tuple(at_cut), remaining, lines=tuple(lines))
