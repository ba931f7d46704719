"""How many candidates an election may have, and when a preliminary vote (预选) is needed.

地方组织法 第三十条 and 选举法 第三十一条、第五十七条, as the session's 选举和表决办法 applies them.
Each rule gives the number of candidates above the seats as (lowest, highest); None is no limit.
"""
from __future__ import annotations

import math
import re
from fractions import Fraction

MIN_NOMINATORS = 10
MODES = ("差额", "等额")

# rule -> (lowest extra, highest extra) as a fraction of the seats or a number of persons
RULES: dict[str, tuple[Fraction | int, Fraction | int | None]] = {
    "常委会委员": (Fraction(1, 10), Fraction(1, 5)),  # 多十分之一至五分之一
    "正职": (0, 1),  # 一般多一人；只提名一人时可以等额
    "副职": (1, 3),  # 多一人至三人
    "上级人大代表": (Fraction(1, 5), Fraction(1, 2)),  # 选举法 第三十一条
    "补选代表": (0, None),  # 选举法 第五十七条: 补选代表可以差额，也可以等额
    # 地方组织法: 补选常委会主任、副主任、秘书长、委员，政府、监察委员会、法院、检察院的领导人员，
    # 候选人数可以多于应选人数，也可以同应选人数相等; nominated like any officer.
    "补选": (0, None),
}
# Elections of deputies (to the next higher congress): nominated by parties and organisations
# or by ten delegates, never by the presidium (选举法 第三十条). Every other rule (officers,
# their 补选 included) is nominated by the presidium or by ten delegates, never by parties.
DEPUTY_RULES = ("上级人大代表", "补选代表")
RULE_TEXT = {
    "常委会委员": "候选人数应比应选人数多十分之一至五分之一",
    "正职": "候选人数一般应多一人，也可以同应选人数相等",
    "副职": "候选人数应比应选人数多一人至三人",
    "上级人大代表": "代表候选人的人数应多于应选代表名额五分之一至二分之一",
    "补选代表": "候选人数可以多于应选名额，也可以同应选名额相等",
    "补选": "补选时候选人数可以多于应选人数，也可以同应选人数相等",
}
# How the election dialog offers each rule.
RULE_LABELS = {
    "常委会委员": "常委会委员（多十分之一至五分之一）",
    "正职": "正职（多一人或等额）",
    "副职": "副职（多一人至三人）",
    "上级人大代表": "上级人大代表（多五分之一至二分之一）",
    "补选代表": "补选上级人大代表（差额或等额）",
    "补选": "补选正副职和委员（差额或等额）",
}


# The organ an office belongs to ("" when none of these: the program does not guess).
BODIES = ("常委会", "政府", "监察委员会", "法院", "检察院", "上级人大", "")
BODY_TEXT = {
    "常委会": "人大常委会", "政府": "人民政府", "监察委员会": "监察委员会", "法院": "人民法院",
    "检察院": "人民检察院", "上级人大": "上级人民代表大会（代表）", "": "其他",
}
# In the order they are tried: a deputy to the higher congress before anything else its
# office's text names, 常务委员会 before the other 委员会.
_BODY_PATTERNS = (
    ("上级人大", re.compile(r"出席.*人民代表大会代表|人大代表$|人民代表大会代表$")),
    ("常委会", re.compile(r"常务委员会|常委会")),
    ("监察委员会", re.compile(r"监察委员会|监委")),
    ("法院", re.compile(r"法院")),
    ("检察院", re.compile(r"检察院|检察长")),
    ("政府", re.compile(r"人民政府|[区县市]长$")),
)
# 地方组织法: 常委会组成人员不得担任国家行政机关、监察机关、审判机关和检察机关的职务.
INCOMPATIBLE: frozenset[frozenset[str]] = frozenset(
    frozenset(("常委会", other)) for other in ("政府", "监察委员会", "法院", "检察院"))
# 常委会组成人员 are elected from the delegates of the congress (地方组织法).
DELEGATES_ONLY = ("常委会",)


def body_of(office: str) -> str:
    """The organ of OFFICE as its text names it: 常务委员会 → 常委会, 人民政府/区长/副区长 → 政府,
    监察委员会, 人民法院 → 法院, 人民检察院 → 检察院, 出席…人民代表大会代表 → 上级人大; else ""."""
    text = "".join(office.split())
    for body, pattern in _BODY_PATTERNS:
        if pattern.search(text):
            return body
    return ""


def incompatible(body_a: str, body_b: str) -> bool:
    """One person may not hold offices of both organs (常委会 with 行政、监察、审判、检察)."""
    return frozenset((body_a, body_b)) in INCOMPATIBLE


def delegates_only(body: str) -> bool:
    """Only serving delegates of this congress may stand (常委会组成人员)."""
    return body in DELEGATES_ONLY


def _extra(value: Fraction | int, seats: int, rounding) -> int:
    return rounding(value * seats) if isinstance(value, Fraction) else value


def candidate_range(rule: str, seats: int) -> tuple[int, int | None]:
    """(fewest, most) candidates the rule allows for SEATS; most None means no upper limit.

    Fractions of persons round towards the allowed band: at least ⌈low⌉ more, at most ⌊high⌋
    more, and never fewer than one more when the rule requires more candidates at all.
    """
    low, high = RULES[rule]
    least = _extra(low, seats, math.ceil)
    if high is None:
        return seats + least, None
    most = max(_extra(high, seats, math.floor), least)
    return seats + least, seats + most


def legal_range(rule: str, mode: str, seats: int) -> tuple[int, int | None]:
    """(fewest, most) candidates the law allows this election as the 办法 holds it (差额/等额):
    等额 is the seats themselves; 差额 is at least one more than the seats."""
    if mode == "等额":
        return seats, seats
    least, most = candidate_range(rule, seats)
    return max(least, seats + 1), most


def range_words(least: int, most: int | None) -> str:
    """8 人 / 3 至 5 人 / 3 人以上"""
    if most is None:
        return f"{least} 人以上"
    return f"{least} 人" if least == most else f"{least} 至 {most} 人"


def decided_problem(rule: str, mode: str, seats: int, decided: int | None) -> str | None:
    """Whether the number of candidates the 办法 decided (DECIDED; None: it decided none) lies in
    the legal range for the rule and mode (seed 000 第三条: 委员候选人为8人, for 7 seats)."""
    if decided is None or seats < 1:
        return None
    least, most = legal_range(rule, mode, seats)
    if decided < least or (most is not None and decided > most):
        return (f"应选 {seats} 人的{mode}选举，候选人数应为 {range_words(least, most)}"
                f"（{RULE_TEXT[rule] if mode == '差额' else '等额选举候选人数等于应选名额'}），"
                f"办法决定的候选人数不能是 {decided} 人。")
    return None


def count_problem(rule: str, mode: str, seats: int, candidates: int, decided: int | None = None) -> str | None:
    """Whether CANDIDATES fits the election as the 办法 decided it (差额/等额, and DECIDED, the
    number of candidates it fixed, when it fixed one)."""
    if seats < 1:
        return "应选名额至少为 1。"
    if mode == "等额":
        if RULES[rule][0] != 0:
            return f"本项选举{RULE_TEXT[rule]}，不能等额选举。"
        if candidates != seats:
            return f"等额选举的候选人数应等于应选名额 {seats} 人，现为 {candidates} 人。"
        return None
    if decided is not None and not decided_problem(rule, mode, seats, decided):
        if candidates != decided:
            return f"差额选举应选 {seats} 人，办法决定候选人为 {decided} 人，现为 {candidates} 人。"
        return None
    least, most = legal_range(rule, mode, seats)
    if candidates < least:
        return f"差额选举应选 {seats} 人，候选人至少 {least} 人，现为 {candidates} 人。"
    if most is not None and candidates > most:
        return f"应选 {seats} 人，{RULE_TEXT[rule]}，候选人至多 {most} 人，现为 {candidates} 人。"
    return None


def most_candidates(rule: str, mode: str, seats: int, decided: int | None = None) -> int | None:
    """The most candidates the 办法 allows: the number it decided, else the legal maximum
    (等额: the seats themselves); None is no limit. The preliminary vote decides this many places."""
    if decided is not None and not decided_problem(rule, mode, seats, decided):
        return decided
    return seats if mode == "等额" else candidate_range(rule, seats)[1]


def needs_preliminary(rule: str, mode: str, seats: int, nominees: int, decided: int | None = None) -> bool:
    """More nominees than the 办法 allows as candidates: a preliminary vote decides (办法 第六条)."""
    most = most_candidates(rule, mode, seats, decided)
    return most is not None and nominees > most
