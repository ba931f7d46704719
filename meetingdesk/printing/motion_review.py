"""议案审查委员会关于议案的审查报告, worded as seed 000 words it (its lines 2526–2575).

Under the title the committee chair signs ("…第三次会议议案审查委员会主任委员 葛晓丹"), then
"各位主席团成员：", the motions received by the deadline one paragraph each ("一、径河街、
辛安渡街等代表团的刘锦刚等10名代表联名提出的《…》；"), the committee's decisions, and
"以上报告，请予审议。". The services keep no meeting adopting this report, so it prints
under the line naming the meeting that adopted it (主席团第四次会议 in the seed).
"""
from __future__ import annotations

from reportlab.platypus import Flowable, KeepTogether, Spacer

from meetingdesk.rules.motions import BY_DELEGATES, SUBMITTERS
from meetingdesk.rules.numerals import chinese_number
from meetingdesk.services import motions, presidium, session
from meetingdesk.services.motions import DeadlineRow, MotionRow

from .bodies import UNSETTLED, adopted_paper
from .coverage import Printed
from .documents import (
    CONVERTED, ORGANIC_LAW, OTHER, SIZE, accepted, address, level, motions_received, paragraphs,
    printed_titles, quoted, split_title,
)
from .fonts import runs, runs_width
from .frame import FRAME_WIDTH, GridRow, Paper
from .tables import lines_cell

KIND = "motion_review"
TITLE = "议案审查委员会关于议案的审查报告"
SIGNER = "议案审查委员会主任委员"
SIGNATURE_LEADING = 24
CRITERIA = "合法性、重要性、必要性、可行性、全局性"


def submitted_by(row: MotionRow) -> str:
    """刘锦刚等10名代表联名提出 / 区人民政府提出"""
    return row.submitter_text + ("联名提出" if row.submitter == BY_DELEGATES else "提出")


def received(rows: list[MotionRow], deadline: DeadlineRow | None) -> str:
    """截止…时，本次大会共收到代表十人以上联名提出的议案原案14件。分别是："""
    when = f"截止{deadline.text}时，" if deadline else ""
    if not rows:
        return f"{when}本次大会没有收到代表十人以上联名提出的议案原案。"
    counts = [("代表十人以上联名提出的议案原案", sum(1 for r in rows if r.submitter == BY_DELEGATES))]
    counts += [(f"{body}提出的议案", sum(1 for r in rows if r.submitter == body))
               for body in SUBMITTERS if body != BY_DELEGATES]
    parts = [f"{what}{n}件" for what, n in counts if n]
    return f"{when}本次大会共收到{'，'.join(parts)}。分别是："


def listed(rows: list[MotionRow]) -> list[str]:
    """一、…提出的《…》； one a paragraph, the last ending the sentence."""
    return [f"{chinese_number(i)}、{submitted_by(row)}的《{row.title}》{'。' if i == len(rows) else '；'}"
            for i, row in enumerate(rows, start=1)]


def decided(rows: list[MotionRow], government: str) -> str:
    """The committee's decisions: accepted, merged, converted, otherwise, not yet reviewed."""
    merged = [row for row in rows if row.merged_into_id is not None]
    open_rows = [row for row in rows if row.merged_into_id is None]
    pending = [row for row in open_rows if not row.decision]
    if not merged and len(pending) == len(open_rows):
        return f"尚有{len(pending)}件议案原案未审查。"
    chosen = accepted(rows)
    text = (f"根据{ORGANIC_LAW}的规定，议案审查委员会对以上议案原案从{CRITERIA}等方面进行了认真审查，反复酝酿，"
            + (f"决定将{quoted(chosen)}确定为本次大会的议案。" if chosen else "没有将议案原案确定为本次大会的议案。"))
    titles = {row.motion_id: row.title for row in motions.list_motions("议案")}
    if merged:
        text += "；".join(f"《{row.title}》并入《{titles.get(row.merged_into_id, '')}》" for row in merged) + "。"
    converted = [row for row in open_rows if row.decision == CONVERTED]
    if converted:
        text += (f"{'另外' if chosen else ''}{len(converted)}件议案原案转为代表建议，交{government}研究办理，"
                 "并在规定的时间内答复代表。")
    for row in open_rows:
        if row.decision == OTHER:
            text += f"对《{row.title}》，{row.decision_reason.rstrip('。；，.;, ')}。"
    if pending:
        text += f"尚有{len(pending)}件议案原案未审查。"
    return text


def signature(title: str, name: str) -> GridRow:
    """东西湖区第十一届人民代表大会 / 第三次会议议案审查委员会主任委员, the name beside them.

    The seed breaks the title after 人民代表大会 (not where a width would), and the block
    stands centred under the paper's title.
    """
    head, rest = split_title(title)
    lines = [head, rest + SIGNER]
    width = max(runs_width(runs(line, SIZE)) for line in lines)
    name_width = runs_width(runs(name, SIZE))
    x = max(0.0, (FRAME_WIDTH - width - SIZE - name_width) / 2)
    cells = [lines_cell(x, width, lines, SIZE, align="left", pad=0, boxed=False),
             lines_cell(x + width + SIZE, name_width, name, SIZE, align="left", pad=0, boxed=False)]
    return GridRow(cells, size=SIZE, leading=SIGNATURE_LEADING)


def prepare() -> Paper:
    info = session.session_info()
    chair = presidium.list_roles("审查委员会主任委员")
    name = chair[0].name if chair else UNSETTLED  # one only (services.presidium.SINGLE_ROLES)
    rows = motions_received()
    texts = [received(rows, motions.get_deadline("议案")), *listed(rows)]
    if rows:
        texts.append(decided(rows, f"{level(info)}人民政府"))
    texts.append("以上报告，请予审议。")
    printed = [Printed(info.title, "会议名称"), Printed(name, "审查委员会主任委员"), *printed_titles(rows),
               *(Printed(row.submitter_text, row.register_no) for row in rows),
               *(Printed(row.decision_reason, row.register_no) for row in rows)]

    def body() -> list[Flowable]:
        paras = paragraphs(texts)
        # the closing line never stands alone on a last page: it goes with the paragraph before it
        return [signature(info.title, name), Spacer(1, 12), address("各位主席团成员："), *paras[:-2],
                KeepTogether(paras[-2:])]

    return adopted_paper(KIND, TITLE, printed, body)
