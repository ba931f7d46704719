"""建议办理情况统计: the figures behind the 办理情况报告, in the words the standing committees' reports
print them (seeds 001 line 3099, 002 lines 506–513 and 966–970, 003 lines 485 and 509), so the
drafter of the report copies sentences, not numbers:

* 一、总体情况 — "会议期间代表建议194件，闭会期间代表建议85件" (seed 002), "（其中重点代表建议3件）"
  and "按照归口办理的原则，43个…承担了办理工作任务" (seed 001), "279件建议已全部办理完毕，办复率100%，
  代表对办理结果满意和基本满意率100%" (seed 002), "代表反馈意见满意78件，基本满意10件，不满意0件"
  (seed 001), "满意率98.3%，基本满意率1.7%" (seed 003);
* 二、会议期间 and 三、闭会期间代表建议 — the fields "其中，涉及经济发展方面的建议17件，占总数的17.3%；…"
  and "确定39个承办单位" (seed 003), the 重点 "将第11号、30号…等6件列为重点建议" (seed 003), the
  ratings "代表满意的176件，占90.7%；基本满意18件，占9.3%" (seed 002);
* 附：建议办理情况统计表 — the same figures as a ruled table, per period and in all.

Every figure is services.suggestions.stats' (a 议案 turned into a suggestion counts as a 建议; one
returned for rewriting is not counted until accepted); the rates are rules.suggestions.percent's
(one decimal, "100%"). A rate is of the suggestions rated, 办复率 of those counted. Dated by the
day it is printed (截至…).
"""
from __future__ import annotations

import datetime as dt

from reportlab.lib.enums import TA_JUSTIFY, TA_LEFT
from reportlab.platypus import Flowable, KeepTogether, Spacer

from meetingdesk.rules.numerals import chinese_date
from meetingdesk.rules.suggestions import BETWEEN, SESSION, UNCLASSIFIED, number_words
from meetingdesk.services import suggestions
from meetingdesk.services.suggestions import PeriodStats, SuggestionStats

from .bodies import headed_paper
from .coverage import Printed
from .documents import BODY, SIZE
from .fonts import HEI
from .frame import FRAME_WIDTH, Paper, para, style
from .tables import Column, table

KIND = "handling_report_stats"
TITLE = "建议办理情况统计"
HEADING = style("handling-stats-heading", font=HEI, size=SIZE, leading=30, align=TA_JUSTIFY, first_indent=2 * SIZE,
                space_after=2)
AS_OF = style("handling-stats-as-of", size=12, leading=18)
CAPTION = style("handling-stats-caption", font=HEI, size=14, leading=26, align=TA_LEFT)
TABLE_SIZE = 12
TABLE_LEADING = 16
TABLE_WIDTH = 400
X = (FRAME_WIDTH - TABLE_WIDTH) / 2
FIGURE = 80
COLUMNS = (Column("项　目", align="left"), Column(SESSION, FIGURE), Column(BETWEEN, FIGURE), Column("合计", FIGURE))
ALL = "全部"


def as_of(today: dt.date) -> str:
    return f"（截至{chinese_date(today)}）"


# ---------------------------------------------------------------- the sentences


def overall(s: SuggestionStats) -> list[str]:
    """一、总体情况: the counts by period and 重点, 办复率, the ratings and their rates."""
    a, b, n = s.session, s.between, s.all
    parts = [f"议案{s.motions}件"] if s.motions else []
    parts.append(f"会议期间代表建议{a.total}件" + (f"（其中重点代表建议{a.key}件）" if a.key else ""))
    parts.append(f"闭会期间代表建议{b.total}件" + (f"（其中重点代表建议{b.key}件）" if b.key else ""))
    first = "本次会议交办" + "，".join(parts) + f"，共计代表建议{n.total}件。"
    if a.from_motions:
        first += f"会议期间代表建议中，由议案原案转为代表建议的{a.from_motions}件。"
    if n.units:
        first += f"按照归口办理的原则，{n.units}个承办单位承担了办理工作任务。"
    if n.returned:
        first += f"另有{n.returned}件建议不符合要求，已退回代表修改，未计入。"
    out = [first]
    if n.total:
        out.append(replied_text(n) + ratings_text(n))
    return out


def replied_text(p: PeriodStats) -> str:
    """279件建议已全部办理完毕，办复率100%，代表对办理结果满意和基本满意率100%。 (seed 002; the rate of
    those rated) — or …已办复17件，办复率94.4%…"""
    done = "已全部办理完毕" if p.replied == p.total else f"已办复{p.replied}件"
    text = f"{p.total}件建议{done}，办复率{p.replied_rate}"
    if p.ratings.rated:
        text += f"，代表对办理结果满意和基本满意率{p.ratings.content_rate}"
    return text + "。"


def ratings_text(p: PeriodStats) -> str:
    """代表反馈意见满意78件，基本满意10件，不满意0件 (seed 001)，满意率98.3%，基本满意率1.7% (seed 003)。"""
    r = p.ratings
    if not r.rated:
        return f"已答复的{r.unrated}件尚待代表评价。" if r.unrated else ""
    text = f"代表反馈意见满意{r.satisfied}件，基本满意{r.basic}件，不满意{r.unsatisfied}件"
    text += f"，满意率{r.satisfied_rate}，基本满意率{r.basic_rate}"
    if r.unsatisfied:
        text += f"，不满意率{r.unsatisfied_rate}"
    if r.unrated:
        text += f"；另有{r.unrated}件尚待代表评价"
    return text + "。"


def fields_text(p: PeriodStats, opening: str) -> str:
    """区…期间提出建议98件。其中，涉及经济发展方面的建议17件，占总数的17.3%；…。"""
    named = [f for f in p.fields if f.name != UNCLASSIFIED]
    text = f"{opening}{p.total}件。"
    if not named:
        return text
    parts = [f"涉及{f.name}方面的建议{f.count}件，占总数的{f.percent}" for f in named]
    parts += [f"尚未分类的建议{f.count}件，占总数的{f.percent}" for f in p.fields if f.name == UNCLASSIFIED]
    return text + "其中，" + "；".join(parts) + "。"


def key_text(p: PeriodStats) -> str:
    """将第11号、30号、33号、65号、71号、92号等6件列为重点建议。 (闭会第1号、第3号 between sessions)"""
    if not p.key:
        return ""
    if p.period == BETWEEN:
        numbers = "、".join(number_words(BETWEEN, n) if i == 0 else f"第{n}号" for i, n in enumerate(p.key_numbers))
    else:
        numbers = "第" + "、".join(f"{n}号" for n in p.key_numbers)
    return f"将{numbers}等{p.key}件列为重点建议。"


def period_ratings_text(p: PeriodStats, subject: str) -> str:
    """194件建议已全部办复完毕，代表满意的176件，占90.7%；基本满意18件，占9.3%。 (seed 002)"""
    r = p.ratings
    done = "已全部办复完毕" if p.replied == p.total else f"已办复{p.replied}件，办复率{p.replied_rate}"
    text = f"{subject}{p.total}件建议{done}"
    if r.rated:
        text += f"，代表满意的{r.satisfied}件，占{r.satisfied_rate}；基本满意{r.basic}件，占{r.basic_rate}"
        if r.unsatisfied:
            text += f"；不满意{r.unsatisfied}件，占{r.unsatisfied_rate}"
    if r.unrated:
        text += f"；尚待代表评价{r.unrated}件"
    return text + "。"


def period_texts(p: PeriodStats) -> list[str]:
    """二、会议期间代表建议 / 三、闭会期间代表建议: fields, units, 重点, ratings."""
    if not p.total:
        return [f"{p.period}代表没有提出建议。" if not p.returned
                else f"{p.period}代表提出的{p.returned}件建议均已退回修改，尚未受理。"]
    opening = "本次会议期间提出建议" if p.period == SESSION else "闭会期间代表提出建议"
    first = fields_text(p, opening)
    if p.units:
        first += f"对上述建议，按涉及内容和归口办理的原则，确定{p.units}个承办单位"
        first += "。" if p.assigned == p.total else f"，已交办{p.assigned}件，尚未交办{p.total - p.assigned}件。"
    else:
        first += "上述建议尚未交办。"
    out = [first + key_text(p)]
    if p.assigned:
        subject = "会议期间代表提出的" if p.period == SESSION else "闭会期间代表提出的"
        out.append(period_ratings_text(p, subject))
    return out


def sections(s: SuggestionStats) -> list[tuple[str, list[str]]]:
    """(heading, paragraphs) of the paper's prose."""
    return [("一、总体情况", overall(s)), ("二、会议期间代表建议", period_texts(s.session)),
            ("三、闭会期间代表建议", period_texts(s.between))]


# ---------------------------------------------------------------- the table


def table_rows(s: SuggestionStats, fields: list[str]) -> list[list[str]]:
    """项目 | 会议期间 | 闭会期间 | 合计, every figure of the report."""
    periods = (s.session, s.between, s.all)

    def line(label: str, value) -> list[str]:
        return [label, *(str(value(p)) for p in periods)]

    def share(name: str):
        def value(p: PeriodStats) -> str:
            found = next((f for f in p.fields if f.name == name), None)
            return f"{found.count}（{found.percent}）" if found else "0"
        return value

    rows = [line("建议件数", lambda p: p.total),
            line("　其中：议案转为建议", lambda p: p.from_motions),
            line("　　　　重点建议", lambda p: p.key)]
    shown = [name for name in fields if any(f.name == name for p in periods for f in p.fields)]
    rows += [line(f"　涉及{name}" if name != UNCLASSIFIED else "　尚未分类", share(name)) for name in shown]
    rows += [line("承办单位（个）", lambda p: p.units), line("已交办", lambda p: p.assigned),
             line("已办复", lambda p: p.replied), line("办复率", lambda p: p.replied_rate),
             line("代表满意", lambda p: p.ratings.satisfied), line("基本满意", lambda p: p.ratings.basic),
             line("不满意", lambda p: p.ratings.unsatisfied), line("尚待评价", lambda p: p.ratings.unrated),
             line("满意率", lambda p: p.ratings.satisfied_rate), line("基本满意率", lambda p: p.ratings.basic_rate),
             line("满意和基本满意率", lambda p: p.ratings.content_rate),
             line("退回修改（未计入）", lambda p: p.returned)]
    return rows


def prepare() -> Paper:
    today = dt.date.today()
    s = suggestions.stats(today)
    fields = [f.name for f in suggestions.list_fields()] + [UNCLASSIFIED]
    texts = sections(s)
    rows = table_rows(s, fields)
    items = [Printed(name, "领域") for name in fields]

    def body() -> list[Flowable]:
        out: list[Flowable] = [para(as_of(today), AS_OF), Spacer(1, 6)]
        for heading, paragraphs in texts:
            out.append(para(heading, HEADING))
            out += [para(text, BODY) for text in paragraphs]

        def caption(continued: bool) -> list[Flowable]:
            return [para("附：建议办理情况统计表" + ("（续）" if continued else ""), CAPTION)]

        out += [Spacer(1, 6), KeepTogether([table(COLUMNS, rows, size=TABLE_SIZE, leading=TABLE_LEADING, x=X,
                                                  total=TABLE_WIDTH, caption=caption, min_rows=2, space_before=10)])]
        return out

    return headed_paper(KIND, TITLE, "", items, body)
