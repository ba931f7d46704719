"""代表变动公告: the standing committee's 公告 of the delegates' changes since the previous session,
worded as seed 000 words the one that opens its collection (lines 75–85).

Under "武汉市东西湖区人民代表大会常务委员会公告", four paragraphs, every name, count, reason and
meeting read from the roster (services.mandates):

1. the 法定名额 and the 实有代表 at the previous session; the ended mandates grouped by reason —
   "…代表段钧、…、李勇因工作变动调离本行政区域，以上 8 名代表的代表资格自行终止。径河街代表小组
   代表冯宇、…因工作调整辞去代表职务。根据《…代表法》的有关规定，以上 4 名代表的代表资格依法
   终止。" — and the offices that ended with them ("同时，李勇、冯善德同志的…常务委员会委员职务，
   李黎同志的…社会建设委员会副主任委员职务相应终止。");
2. the 补选: the laws (BY_ELECTION_LAWS, the province's, as the seed cites them), the names in
   stroke order "（按姓名笔画排序）", their number and the 常委会 meeting that confirmed them;
3. "…现有代表 210 名。"; 4. "特此公告。"

What the session file does not hold is not made up: the seed's clause naming the 补选 work plan
and the 11 选举单位 and 15 选区 ("按照《…实施方案》安排，区人大常委会吴家山街工委、…11 个选举单位
共 15 个选区") is printed only as the option BY_ELECTION gives it; without it the 选区 recorded for
the 补选 delegates are named, and none when none are recorded.
Posted on its own: no running header; numbered, as it may run over a page.
"""
from __future__ import annotations

from reportlab.platypus import Flowable, Spacer

from meetingdesk.services import mandates, session, settings
from meetingdesk.services.errors import ServiceError
from meetingdesk.services.mandates import Changes, Ended, ReasonGroup

from .coverage import Printed
from .documents import paragraphs
from .frame import TITLE as TITLE_STYLE, Paper, para

KIND = "changes_notice"
TITLE = "代表变动公告"
HEADING = "人民代表大会常务委员会公告"

DEPUTIES_LAW = "《中华人民共和国全国人民代表大会和地方各级人民代表大会代表法》"
BY_ELECTION_LAWS = ("《中华人民共和国全国人民代表大会和地方各级人民代表大会选举法》"
                    "《湖北省县乡两级人民代表大会代表选举实施细则》和《湖北省各级人民代表大会代表补选办法》")
# The grounds of 代表法 第四十九条 on which the 常委会 records the end (依法终止); moving away ends
# the mandate by itself (自行终止); any other end is said plainly (代表资格终止).
LAW_ENDING = mandates.REASON_ORDER[1:6]


def _count(n: int) -> str:
    """以上 8 名代表的 / 其 (one person)"""
    return f"以上 {n} 名代表的" if n > 1 else "其"


def named(c: Changes, ended: tuple[Ended, ...]) -> str:
    """东西湖区第十一届人民代表大会代表段钧、徐桂娣 (placed in no delegation), 径河街代表小组代表
    冯宇、金银湖街代表小组代表黄玉莲 (each with the 代表小组 of the delegation)."""
    loose = [mandates.prose_name(e.row) for e in ended if not e.row.delegation]
    placed = [f"{mandates.team_group(e.row.delegation)}代表{mandates.prose_name(e.row)}"
              for e in ended if e.row.delegation]
    parts = ([f"{c.congress}代表{'、'.join(loose)}"] if loose else []) + placed
    return "、".join(parts)


def reason_sentence(c: Changes, group: ReasonGroup) -> str:
    who, n = named(c, group.ended), len(group.ended)
    if group.self_ending:
        return f"{who}{group.reason}，{_count(n)}代表资格自行终止。"
    if group.reason in LAW_ENDING:
        return f"{who}{group.reason}。根据{DEPUTIES_LAW}的有关规定，{_count(n)}代表资格依法终止。"
    return f"{who}{group.reason}，{_count(n)}代表资格终止。"


def office_text(c: Changes, body: str, title: str) -> str:
    """区人大常委会 委员 -> 东西湖区第十一届人民代表大会常务委员会委员; a special committee's post
    (社会建设委员会副主任委员) under the congress."""
    if body == "区人大常委会":
        return f"{c.congress}常务委员会{title}"
    return f"{c.congress}{title}"


def offices_sentence(c: Changes) -> str:
    if not c.offices:
        return ""
    held = [f"{'、'.join(g.names)}同志的{office_text(c, g.body, g.title)}职务" for g in c.offices]
    return f"同时，{'，'.join(held)}相应终止。"


def first_paragraph(c: Changes) -> str:
    quota = f"{c.congress}代表法定名额为 {c.statutory} 名，" if c.statutory else ""
    text = f"{quota}{c.previous_session}时实有代表 {c.previous} 名。"
    if c.ended:
        text += f"{c.previous_session}后，" + "".join(reason_sentence(c, g) for g in c.by_reason)
        text += offices_sentence(c)
    return text


def recorded_where(c: Changes) -> str:
    """The 选区 recorded for the 补选 delegates: 第二选区、第十选区 2 个选区; '' when not all are."""
    if not c.constituencies_recorded:
        return ""
    names = [g.constituency for g in c.by_constituency]
    return "、".join(names) + (f" {len(names)} 个选区" if len(names) > 1 else "")


def by_election_paragraph(c: Changes, where: str) -> str:
    n = c.by_elected_count
    names = "、".join(mandates.prose_name(m) for m in c.by_elected)
    elected = (f"选举产生了{names}（按姓名笔画排序）等 {n} 名{c.congress}代表。" if n > 1
               else f"选举产生了{names}为{c.congress}代表。")
    meetings = "、".join(c.in_full(m) for m in c.confirmed_by) or c.standing_committee
    if len(c.confirmed_by) > 1:
        meetings += "分别"
    valid = f"新当选的 {n} 名代表的资格有效。" if n > 1 else "新当选代表的资格有效。"
    return (f"根据{BY_ELECTION_LAWS}的规定，{where}开展了代表补选工作，{elected}"
            f"经{c.standing_committee}代表资格审查委员会审查，{meetings}确认，{valid}")


def wording(c: Changes, by_election: str | None = None) -> list[str]:
    """The paragraphs of the 公告; BY_ELECTION, the 常委会's own words on how and where the 补选
    was held, stands before "开展了代表补选工作" instead of the recorded 选区."""
    texts = [first_paragraph(c)]
    if c.by_elected:
        where = recorded_where(c) if by_election is None else by_election.strip()
        texts.append(by_election_paragraph(c, where))
    texts += [f"{c.congress}现有代表 {c.current} 名。", "特此公告。"]
    return texts


def heading(city: str, region: str) -> str:
    """武汉市东西湖区人民代表大会常务委员会公告"""
    return f"{city}{region}{HEADING}"


def prepare(by_election: str | None = None) -> Paper:
    """BY_ELECTION: how and where the 补选 was held, as the 常委会 words it (the work plan, the
    选举单位 and 选区); by default the session's setting (会议 ▸ 代表补选情况…), else the
    recorded 选区."""
    info = session.session_info()
    if by_election is None:
        by_election = settings.get(settings.BY_ELECTION_WHERE) or None
    c = mandates.changes()
    if not c.ended and not c.by_elected:
        raise ServiceError(f"名单中没有终止资格或补选的代表，没有{TITLE}可印。"
                           "请先在“代表团”页登记代表的资格终止或补选。")
    title = heading(info.city, info.region)
    texts = wording(c, by_election)
    printed = [Printed(title, "标题"), Printed(by_election or "", "补选情况")]
    printed += [Printed(mandates.prose_name(e.row), f"{e.row.delegation or TITLE} 终止资格的代表") for e in c.ended]
    printed += [Printed(mandates.team_group(e.row.delegation), "代表小组") for e in c.ended if e.row.delegation]
    printed += [Printed(g.title, "相应终止的职务") for g in c.offices]
    printed += [Printed(mandates.prose_name(m), f"{m.delegation} 补选的代表") for m in c.by_elected]
    printed += [Printed(g.constituency, "选区") for g in c.by_constituency]
    printed += [Printed(m, "资格确认会议") for m in c.confirmed_by]

    def story() -> list[Flowable]:
        return [Spacer(1, 6), para(title, TITLE_STYLE), Spacer(1, 18), *paragraphs(texts)]

    # the seed's runs to more than a page at 三号: numbered, though posted on its own
    return Paper(KIND, TITLE, info.full_title, printed, story, running_header=False)
