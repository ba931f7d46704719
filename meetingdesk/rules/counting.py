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

from .bylaw import REVOTE_RULES, WRITE_IN_LISTED_RULES, Bylaw
from .words import Quorum

# The quorum a vote needs: the 办法 of seed 000 says 超过全体代表的三分之二; the law's
# default for convening a session is 三分之二以上 (two thirds or more).
QUORUM_RULES = {
    Quorum.MORE_THAN_TWO_THIRDS: "到会代表必须超过全体代表的三分之二",
    Quorum.TWO_THIRDS_OR_MORE: "到会代表须有全体代表的三分之二以上",
}


def majority(all_delegates: int) -> int:
    """The fewest votes that are more than half of all delegates."""
    return all_delegates // 2 + 1


def quorum_needed(all_delegates: int, rule: str = Quorum.MORE_THAN_TWO_THIRDS) -> int:
    """The fewest delegates present that meet the quorum rule."""
    if rule == Quorum.MORE_THAN_TWO_THIRDS:
        return all_delegates * 2 // 3 + 1
    if rule == Quorum.TWO_THIRDS_OR_MORE:
        return -(-all_delegates * 2 // 3)
    raise ValueError(f"unknown quorum rule {rule}")


def quorum_met(present: int, all_delegates: int, rule: str = Quorum.MORE_THAN_TWO_THIRDS) -> bool:
    return present >= quorum_needed(all_delegates, rule)


def quorum_text(present: int | None, all_delegates: int, rule: str = Quorum.MORE_THAN_TWO_THIRDS) -> str:
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
    annulled: bool = False  # the round did not stand: nobody elected, no vacancy, voted again


def decide_election(votes: Sequence[Votes], seats: int, all_delegates: int, bylaw: Bylaw | None = None, *,
                    revote: bool = False) -> Outcome:
    """Who is elected. REVOTE: a vote again among candidates tied at the cut-off, decided by the
    session's 办法 (seed 000 第十五条: 以得票多的当选; or a majority of all delegates again)."""
    bylaw = bylaw or Bylaw()
    cite = bylaw.cite("当选")
    threshold = majority(all_delegates)
    if revote and bylaw.revote_rule == "得票多":
        return _decide_by_most(votes, seats, threshold, all_delegates, cite)
    lines = [f"全体代表 {all_delegates} 人，过半数为 {threshold} 票；应选 {seats} 人。"]
    if revote:
        lines.append(f"再次投票{bylaw_rule_text(bylaw)}{cite}。")
    ranked = sorted(votes, key=lambda v: -v.yes)
    qualified = [v for v in ranked if v.yes >= threshold]
    for v in ranked:
        verdict = "超过半数" if v.yes >= threshold else "未过半数"
        lines.append(f"{v.name}：赞成 {v.yes} 票，反对 {v.no} 票，弃权 {v.abstain} 票，{verdict}。")
    if len(qualified) <= seats:
        vacancies = seats - len(qualified)
        if vacancies:
            lines.append(f"获得过半数赞成票的 {len(qualified)} 人，少于应选名额，{_vacancy_text(bylaw, vacancies)}{cite}。")
        else:
            lines.append(f"获得过半数赞成票的 {len(qualified)} 人，等于应选名额，均当选。")
        return Outcome(threshold, tuple(qualified), vacancies=vacancies, lines=tuple(lines))
    above, at_cut, remaining = _cut_off(qualified, seats)
    cut = at_cut[0].yes
    if len(at_cut) == remaining:
        lines.append(f"获得过半数赞成票的 {len(qualified)} 人，多于应选名额，以得票多的 {seats} 人当选{cite}。")
        return Outcome(threshold, tuple(above + at_cut), lines=tuple(lines))
    names = "、".join(v.name for v in at_cut)
    lines.append(f"获得过半数赞成票的 {len(qualified)} 人，多于应选名额；{names} 得票相等（{cut} 票），"
                 f"不能确定当选人，应就票数相等的人再次投票，选出 {remaining} 人{cite}。")
    return Outcome(threshold, tuple(above), tuple(at_cut), remaining, lines=tuple(lines))


def bylaw_rule_text(bylaw: Bylaw) -> str:
    return REVOTE_RULES[bylaw.revote_rule]


def _vacancy_text(bylaw: Bylaw, vacancies: int) -> str:
    if bylaw.vacancy_rule == "另行选举":
        return f"不足的 {vacancies} 个名额另行选举"
    return f"缺额 {vacancies} 人"


def _decide_by_most(votes: Sequence[Votes], seats: int, threshold: int, all_delegates: int,
                    cite: str) -> Outcome:
    """A re-vote under 以得票多的当选: no majority is required, only more votes than the others;
    a tie at the cut-off again is voted again."""
    lines = [f"再次投票，应选 {seats} 人，以得票多的当选{cite}（不再要求全体代表 {all_delegates} 人的过半数）。"]
    ranked = sorted(votes, key=lambda v: -v.yes)
    lines += [f"{v.name}：赞成 {v.yes} 票，反对 {v.no} 票，弃权 {v.abstain} 票。" for v in ranked]
    ranked = [v for v in ranked if v.yes > 0]  # no vote at all elects nobody
    if len(ranked) <= seats:
        vacancies = seats - len(ranked)
        lines.append("得票的候选人均当选。" if not vacancies else f"得票的 {len(ranked)} 人当选，缺额 {vacancies} 人。")
        return Outcome(0, tuple(ranked), vacancies=vacancies, lines=tuple(lines))
    above, at_cut, remaining = _cut_off(ranked, seats)
    if len(at_cut) == remaining:
        lines.append(f"以得票多的 {seats} 人当选。")
        return Outcome(0, tuple(above + at_cut), lines=tuple(lines))
    names = "、".join(v.name for v in at_cut)
    lines.append(f"{names} 得票仍相等（{at_cut[0].yes} 票），应就票数相等的人再次投票，选出 {remaining} 人{cite}。")
    return Outcome(0, tuple(above), tuple(at_cut), remaining, lines=tuple(lines))


def void_election(seats: int, reason: str) -> Outcome:
    """A round that does not stand elects nobody and leaves no vacancy: it is voted again."""
    return Outcome(0, (), lines=(f"{reason}本项选举无效，应重新投票，应选 {seats} 人均未产生。",), annulled=True)


def _cut_off(ranked: Sequence[Votes], places: int) -> tuple[list[Votes], list[Votes], int]:
    """Of RANKED (most votes first, more than PLACES of them): those above the vote at the last
    place, those level with it, and how many places remain for the level ones."""
    cut = ranked[places - 1].yes
    above = [v for v in ranked if v.yes > cut]
    return above, [v for v in ranked if v.yes == cut], places - len(above)


ITEM_STATES = ("通过", "未通过", "未录入", "无效")


@dataclass(frozen=True)
class ItemOutcome:
    passed: bool
    threshold: int
    text: str
    state: str = ""  # one of ITEM_STATES


def decide_item(title: str, yes: int, no: int, abstain: int, all_delegates: int, bylaw: Bylaw | None = None, *,
                entered: bool = True, void_reason: str = "") -> ItemOutcome:
    """Passed with more than half of all delegates; an item nobody entered is 未录入 (never
    未通过), and an item on a 表决票 round that does not stand is 无效."""
    threshold = majority(all_delegates)
    if not entered:
        return ItemOutcome(False, threshold, f"{title}：票数未录入。", "未录入")
    if void_reason:
        return ItemOutcome(False, threshold, f"{title}：{void_reason}表决无效，应重新投票表决。", "无效")
    passed = yes >= threshold
    text = (f"{title}：赞成 {yes} 票，反对 {no} 票，弃权 {abstain} 票；全体代表 {all_delegates} 人，"
            f"过半数为 {threshold} 票，{'通过' if passed else '未通过'}。")
    return ItemOutcome(passed, threshold, text, "通过" if passed else "未通过")


def sort_write_ins(candidates: Sequence[Votes], write_ins: Sequence[Votes], bylaw: Bylaw,
                   delegates: frozenset[str] | None = None) -> tuple[list[Votes], list[str]]:
    """The votes that take part in the decision, and a line for every write-in set aside.

    A write-in that is a candidate's own name follows the 办法's rule (counted for the candidate,
    or void), and says so; where only delegates may be elected (DELEGATES given: 常委会组成人员),
    a write-in who is not a delegate is an invalid write-in, shown, never elected."""
    by_name = {v.name: i for i, v in enumerate(candidates)}
    counted = list(candidates)
    lines = []
    for w in write_ins:
        name = w.key[1] if isinstance(w.key, tuple) else w.name
        if name in by_name:
            rule = WRITE_IN_LISTED_RULES[bylaw.write_in_listed]
            if bylaw.write_in_listed == "计入候选人":
                i = by_name[name]
                c = counted[i]
                counted[i] = Votes(c.key, c.name, c.yes + w.yes, c.no, c.abstain)
                lines.append(f"另选人“{name}”与候选人同名，{rule}：{name}加 {w.yes} 票。")
            else:
                lines.append(f"另选人“{name}”与候选人同名，{rule}（{w.yes} 票不计）。")
            continue
        if delegates is not None and name not in delegates:
            lines.append(f"另选人“{name}”不是本级人民代表大会代表，所得 {w.yes} 票为无效另选"
                         "（常务委员会组成人员须从代表中选出），不能当选。")
            continue
        counted.append(w)
    return counted, lines


# ---------------------------------------------------------------- figures that cannot be


@dataclass(frozen=True)
class Row:
    """One row of figures as a clerk enters it: a candidate, a write-in or an item."""

    key: Hashable
    label: str
    yes: int = 0
    no: int = 0
    abstain: int = 0
    void: int = 0


@dataclass(frozen=True)
class ElectionFigures:
    key: Hashable
    office: str
    seats: int
    void: int  # ballots void for this election (多选 and the like)
    rows: tuple[Row, ...]  # candidates and write-ins


@dataclass(frozen=True)
class Impossible:
    """A figure that cannot be: KEY is the caller's row key (or the paper), COLUMN the field."""

    key: Hashable
    column: str
    message: str
    error: bool = True


COLUMNS = {"yes": "赞成", "no": "反对", "abstain": "弃权", "void": "无效", "issued": "发出", "returned": "收回"}


def impossible(papers: dict[str, tuple[int, int]], elections: Sequence[ElectionFigures], items: Sequence[Row],
               all_delegates: int | None, present: int | None) -> list[Impossible]:
    """Every figure of one box (or of all boxes summed) that cannot be true, before anything is
    decided: more votes than valid ballots, more void than returned, more than all delegates, more
    marks than seats × valid ballots, more ballots returned than delegates present (选举法: 所投的
    票数多于投票人数的无效). Ballots issued above those present is only a notice."""
    found: list[Impossible] = []

    def over_all(key: Hashable, column: str, value: int, label: str) -> None:
        if all_delegates is not None and value > all_delegates:
            found.append(Impossible(key, column, f"{label}{COLUMNS[column]} {value}，多于全体代表 {all_delegates} 人。"))

    for paper, (issued, returned) in papers.items():
        over_all(paper, "issued", issued, paper)
        over_all(paper, "returned", returned, paper)
        if present is not None and returned > present:
            found.append(Impossible(paper, "returned", f"{paper}收回 {returned} 张，多于到会代表 {present} 人"
                                                        "（所投的票数多于投票人数的无效）。"))
        if present is not None and issued > present:
            found.append(Impossible(paper, "issued", f"{paper}发出 {issued} 张，多于到会代表 {present} 人。",
                                    error=False))
    ballots = papers.get("选票", (0, 0))[1]
    for e in elections:
        if e.void > ballots:
            found.append(Impossible(e.key, "void", f"{e.office}废票 {e.void} 张，多于收回的选票 {ballots} 张。"))
        valid = max(ballots - e.void, 0)
        over_all(e.key, "void", e.void, f"{e.office}废票")
        for r in e.rows:
            for column in ("yes", "no", "abstain"):
                over_all(r.key, column, getattr(r, column), r.label)
            total = r.yes + r.no + r.abstain
            if total > valid:
                found.append(Impossible(r.key, "yes", f"{r.label}：赞成、反对、弃权合计 {total} 票，多于有效选票 "
                                                      f"{valid} 张（收回 {ballots}，废票 {e.void}）。"))
        marks = sum(r.yes for r in e.rows)
        if marks > e.seats * valid:
            found.append(Impossible(e.key, "yes", f"{e.office}：所有候选人和另选人的赞成票合计 {marks} 票，多于应选 "
                                                  f"{e.seats} 人 × 有效选票 {valid} 张 = {e.seats * valid} 票"
                                                  "（所选人数多于应选人数的选票为废票）。"))
    returned_votes = papers.get("表决票", (0, 0))[1]
    for r in items:
        for column in ("yes", "no", "abstain", "void"):
            over_all(r.key, column, getattr(r, column), r.label)
        total = r.yes + r.no + r.abstain + r.void
        if total > returned_votes:
            found.append(Impossible(r.key, "yes", f"{r.label}：赞成、反对、弃权、无效合计 {total} 票，多于收回的表决票 "
                                                  f"{returned_votes} 张。"))
    return found


# ---------------------------------------------------------------- preliminary vote (预选)


def preliminary_quorum_met(present: int, delegation_delegates: int) -> bool:
    """办法 第八条: more than half of a delegation's delegates must take part in its 预选."""
    return present * 2 > delegation_delegates


def decide_preliminary(votes: Sequence[Votes], places: int, bylaw: Bylaw | None = None) -> Outcome:
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
                 f"确定 {remaining} 人{(bylaw or Bylaw()).cite('再次预选')}。")
    return Outcome(0, tuple(above), tuple(at_cut), remaining, lines=tuple(lines))
