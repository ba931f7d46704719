"""交办清单 and 建议办理情况统计, read back from their PDFs.

The statistics paper must say what the standing committees' reports say (seeds 001, 002, 003), from
data built here through services.suggestions (tests/services/test_suggestions.py's helpers): each
seed's figures make a session, and the seed's sentences are looked for in the printed text. The
seeds' words are quoted with their spaces taken out (seed 003's "17 件" → "17件") and, where seed 001
has half-width punctuation ("(其中…)", ","), with the full-width the paper prints.
"""
from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from meetingdesk import printing
from meetingdesk.services import motions, session, suggestions
from meetingdesk.services.suggestions import ReplyInput

from ..services.test_suggestions import (
    LATER, RECEIVED, _between, _delegates, _fields, _handle, _register, _units,
)
from .pdftext import compact, pages_text

D = dt.date
FOOTER = re.compile(r"第\d+页共\d+页")


def paper_text(kind: str, folder: Path) -> str:
    """KIND's PDF as one text without spaces, the running header and the page numbers."""
    out = folder / f"{kind}.pdf"
    printing.write_pdf(kind, out)
    header = compact(session.session_info().full_title + printing.title_of(kind))
    pages = [FOOTER.sub("", compact(text)) for text in pages_text(out)]
    return "".join(page.replace(header, "", 1) if i else page for i, page in enumerate(pages))


def _big_motion(leads: list[int]) -> None:
    """A 大会议案 of ten delegates: a motion, not a suggestion."""
    mid = motions.register_motion(motions.MotionInput("议案", "关于加大优质教育资源培植力度的议案", lead_member_id=leads[0],
                                                      signer_member_ids=tuple(leads[:10]), received_at=RECEIVED))
    motions.review_motion(mid, "列为大会议案")


# ---------------------------------------------------------------- the seeds' sentences


def test_seed_001_counts_key_units_and_ratings(empty_session, tmp_path):
    """Seed 001 line 3099: 议案1件,代表建议74件(其中重点代表建议3件);闭会期间代表建议14件。按照归口办理的原则,
    43个区直部门和单位承担了办理工作任务。…代表反馈意见满意78件,基本满意10件,不满意0件。"""
    leads = _delegates(40)
    units = _units(43)
    _register(leads, 74)
    _big_motion(leads)
    suggestions.take_over()
    _between(leads, 14)
    rows = suggestions.list_suggestions(period="会议期间")
    for number in (5, 23, 41):
        suggestions.set_key(rows[number - 1].suggestion_id, True, "区人大常委会副主任")
    _handle(rows, units, ["满意"] * 64 + ["基本满意"] * 10)
    _handle(suggestions.list_suggestions(period="闭会期间"), units, ["满意"] * 14)
    text = paper_text("handling_report_stats", tmp_path)
    for words in ("议案1件，会议期间代表建议74件（其中重点代表建议3件），闭会期间代表建议14件",
                  "按照归口办理的原则，43个承办单位承担了办理工作任务",
                  "代表反馈意见满意78件，基本满意10件，不满意0件",
                  "将第5号、23号、41号等3件列为重点建议"):
        assert words in text, words


def test_seed_002_periods_replied_rate_and_ratings(empty_session, tmp_path):
    """Seed 002 lines 506–513: 会议期间代表建议194件，闭会期间代表建议85件。…279件建议已全部办理完毕，办复率
    100%，代表对办理结果满意和基本满意率100%; lines 966–970: 194条建议已全部办复完毕，代表满意的176件，占
    90.7%；基本满意18件，占9.3%。…85条闭会建议，代表满意的79件，基本满意6件。"""
    leads = _delegates(40)
    units = _units(40)
    _register(leads, 194)
    suggestions.take_over()
    _between(leads, 85)
    _handle(suggestions.list_suggestions(period="会议期间"), units, ["满意"] * 176 + ["基本满意"] * 18)
    _handle(suggestions.list_suggestions(period="闭会期间"), units, ["满意"] * 79 + ["基本满意"] * 6)
    text = paper_text("handling_report_stats", tmp_path)
    for words in ("会议期间代表建议194件，闭会期间代表建议85件",
                  "279件建议已全部办理完毕，办复率100%，代表对办理结果满意和基本满意率100%",
                  "194件建议已全部办复完毕，代表满意的176件，占90.7%；基本满意18件，占9.3%",
                  "85件建议已全部办复完毕，代表满意的79件，占92.9%；基本满意6件，占7.1%"):
        assert words in text, words
    assert "重点" not in text.split("附：")[0]  # no 重点建议: nothing said of them


def test_seed_003_fields_units_key_suggestions_and_rates(empty_session, tmp_path):
    """Seed 003 line 485: 1件议案和98件建议，在闭会期间区人大代表提出20件建议 … 满意率98.3%，基本满意率1.7%;
    line 509: 会议期间提出建议98件。其中，涉及经济发展方面的建议17件，占总数的17.3%；… 确定39个承办单位;
    line 511: 将第11号、30号、33号、65号、71号、92号等6件列为重点建议。 8 of the 98 came as 议案 the
    review turned into suggestions: counted as suggestions."""
    leads = _delegates(40)
    units = _units(39)
    fields = _fields()
    _register(leads, 98, turned=8)
    _big_motion(leads)
    suggestions.take_over()
    _between(leads, 20)
    rows = suggestions.list_suggestions(period="会议期间")
    at = 0
    for name, n in {"经济发展": 17, "城建城管": 42, "社会管理": 12, "文教民生": 27}.items():
        suggestions.set_field([r.suggestion_id for r in rows[at:at + n]], fields[name])
        at += n
    for number in (11, 30, 33, 65, 71, 92):
        suggestions.set_key(rows[number - 1].suggestion_id, True, "区人大常委会副主任", "城建环保工委")
    _handle(rows, units, ["满意"] * 96 + ["基本满意"] * 2)
    _handle(suggestions.list_suggestions(period="闭会期间"), units[:10], ["满意"] * 20)
    text = paper_text("handling_report_stats", tmp_path)
    for words in ("议案1件，会议期间代表建议98件（其中重点代表建议6件），闭会期间代表建议20件",
                  "由议案原案转为代表建议的8件",
                  "满意率98.3%，基本满意率1.7%",
                  "会议期间提出建议98件。其中，涉及经济发展方面的建议17件，占总数的17.3%；涉及城建城管方面的建议42件，"
                  "占总数的42.9%；涉及社会管理方面的建议12件，占总数的12.2%；涉及文教民生方面的建议27件，占总数的27.6%。"
                  "对上述建议，按涉及内容和归口办理的原则，确定39个承办单位。",
                  "将第11号、30号、33号、65号、71号、92号等6件列为重点建议"):
        assert words in text, words
    # the table says it again, figure by figure
    table = text.split("附：建议办理情况统计表")[1]
    assert "建议件数9820118" in table and "涉及经济发展17（17.3%）017（14.4%）" in table
    assert "承办单位（个）391039" in table and "满意率98%100%98.3%" in table


def test_unfinished_handling_is_said_as_it_stands(empty_session, tmp_path):
    """Not all answered, one rated 不满意 and redone, one unrated, one returned: the paper counts them."""
    leads = _delegates(12)
    unit, other = _units(2)
    first, second, third, returned = _between(leads, 4)
    suggestions.screen(returned, False, "一件建议提了多件事，不符合一事一议")
    suggestions.assign([first, second, third], unit, [other], on=D(2024, 3, 5))
    rows = {r.suggestion_id: r for r in suggestions.list_suggestions()}
    one = suggestions.record_reply(rows[first].lead_assignment.assignment_id,
                                   ReplyInput(D(2024, 5, 1), "因条件限制留作参考"), now=LATER)
    suggestions.rate(one, "不满意", D(2024, 5, 10))
    suggestions.record_reply(rows[second].lead_assignment.assignment_id, ReplyInput(D(2024, 5, 2), "已解决或基本解决"),
                             now=LATER)
    text = paper_text("handling_report_stats", tmp_path)
    for words in ("会议期间代表建议0件，闭会期间代表建议3件，共计代表建议3件",
                  "另有1件建议不符合要求，已退回代表修改，未计入",
                  "3件建议已办复2件，办复率66.7%，代表对办理结果满意和基本满意率0%",
                  "代表反馈意见满意0件，基本满意0件，不满意1件，满意率0%，基本满意率0%，不满意率100%；另有1件尚待代表评价",
                  "会议期间代表没有提出建议",
                  "闭会期间代表提出的3件建议已办复2件，办复率66.7%，代表满意的0件，占0%；基本满意0件，占0%；"
                  "不满意1件，占100%；尚待代表评价1件"):
        assert words in text, words


# ---------------------------------------------------------------- 交办清单


def test_the_handling_list_by_unit_lead_then_assisting_with_due_dates(empty_session, tmp_path):
    leads = _delegates(12)
    housing, roads, idle, water = _units(4)
    _register(leads, 3)
    suggestions.take_over()
    [between] = _between(leads, 1)
    rows = suggestions.list_suggestions()
    suggestions.set_key(rows[1].suggestion_id, True, "区人大常委会副主任")
    suggestions.assign([rows[0].suggestion_id, rows[1].suggestion_id], roads, [housing],
                       lead_due=D(2024, 7, 31), assist_due=D(2024, 6, 30), on=D(2024, 1, 15))
    suggestions.assign([rows[2].suggestion_id, between], housing, [water, roads], lead_due=D(2024, 7, 31),
                       assist_due=D(2024, 6, 30), on=D(2024, 3, 5))
    text = paper_text("handling_list", tmp_path)
    assert "交办代表建议4件（会议期间3件，闭会期间1件），承办单位3个。" in text
    # the units in the list's order; 区第3局 has nothing and is not listed
    blocks = re.split(r"(区第\d局（(?:主办|协办)\d件[^）]*）)", text)[1:]
    headings = blocks[0::2]
    assert headings == ["区第1局（主办2件，协办2件）", "区第2局（主办2件，协办2件）", "区第4局（协办2件）"]
    housing_rows = blocks[1]
    order = [m.group(0) for m in re.finditer(r"(建议|闭会)第\d+号", housing_rows)]
    assert order == ["建议第3号", "闭会第1号", "建议第1号", "建议第2号"]  # 主办 first, then 协办
    assert "1建议第3号关于第3件事的建议王娜主办区第4局（协办）区第2局（协办）2024年7月31日" in housing_rows
    assert "3建议第1号关于第1件事的建议王伟协办区第2局（主办）2024年6月30日" in housing_rows
    assert "建议第2号（重点）" in housing_rows


def test_the_papers_of_a_session_without_suggestions(empty_session, tmp_path):
    assert "尚未交办代表建议。" in paper_text("handling_list", tmp_path)
    text = paper_text("handling_report_stats", tmp_path)
    assert "本次会议交办会议期间代表建议0件，闭会期间代表建议0件，共计代表建议0件。" in text
    assert "会议期间代表没有提出建议" in text and "闭会期间代表没有提出建议" in text
