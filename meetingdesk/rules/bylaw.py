"""The session's 选举和表决办法 as settings: what the law leaves to each session's 办法.

The law fixes the majority of all delegates; the 办法 decides the rest, and the count must cite
the session's own articles, never a fixed text. Seed 000's 办法 (lines 1907–1984) is `SEED`:
第十五条 以得票多的当选 in a re-vote, 作缺额处理 for seats left empty, 第十三条 画圈 赞成,
画叉 反对, 不作任何标记 弃权.
"""
from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field, fields, replace

# How a re-vote among candidates tied at the cut-off elects (办法 of seed 000, 第十五条: 得票多).
REVOTE_RULES = {
    "得票多": "以得票多的当选",
    "过半数": "仍须获得全体代表的过半数赞成票始得当选",
}
# What becomes of seats no candidate filled with a majority.
VACANCY_RULES = {
    "缺额": "作缺额处理",
    "另行选举": "就不足的名额另行选举",
}
# A write-in (另选人) that is exactly the name of a candidate on the same ballot: the 办法 or the
# presidium decides (办法 of seed 000 第二十条); the count shows the rule it applied, never splits silently.
WRITE_IN_LISTED_RULES = {
    "无效": "另选人与候选人同名的，该另选无效，不计入任何人的得票",
    "计入候选人": "另选人与候选人同名的，计入该候选人的赞成票",
}
# The topics a count or a paper cites, and what each article of seed 000 says.
TOPICS = {
    "候选人数": "候选人数和差额",
    "提名": "提名和截止时间",
    "预选": "预选",
    "预选监票": "预选监票人和计票人员",
    "再次预选": "预选得票相等",
    "法定人数": "到会代表人数",
    "分别计票": "选票、表决票分别计票",
    "标记": "填写选票、表决票",
    "有效": "选举、表决有效和废票",
    "当选": "当选、通过、再次投票和缺额",
}
SEED_ARTICLES = {
    "候选人数": "第三条", "提名": "第五条", "预选监票": "第七条", "预选": "第八条", "再次预选": "第九条",
    "法定人数": "第十一条", "分别计票": "第十二条", "标记": "第十三条", "有效": "第十四条",
    "当选": "第十五条",
}


@dataclass(frozen=True)
class Bylaw:
    revote_rule: str = "得票多"
    vacancy_rule: str = "缺额"
    yes_mark: str = "○"
    no_mark: str = "×"
    abstain_mark: str = ""  # 不作任何标记
    write_in_listed: str = "无效"  # a key of WRITE_IN_LISTED_RULES
    articles: dict[str, str] = field(default_factory=dict)  # topic -> "第十五条"

    def cite(self, topic: str) -> str:
        """"（办法第十五条）" for a topic the session's 办法 numbers, else "" (nothing made up)."""
        article = self.articles.get(topic, "")
        return f"（办法{article}）" if article else ""

    @property
    def marks_text(self) -> str:
        """The line a ballot prints about how to fill it in, from the session's marks."""
        def how(mark: str) -> str:
            return f"画“{mark}”" if mark else "不作任何标记"
        return f"赞成的{how(self.yes_mark)}，反对的{how(self.no_mark)}，弃权的{how(self.abstain_mark)}"

    def to_json(self) -> str:
        return json.dumps(asdict(self), ensure_ascii=False, sort_keys=True)


SEED = Bylaw(articles=dict(SEED_ARTICLES))


def from_json(text: str) -> Bylaw:
    """The stored settings; missing keys take the defaults, unknown ones are ignored."""
    try:
        data = json.loads(text or "{}")
    except ValueError:
        data = {}
    if not isinstance(data, dict):
        data = {}
    default = Bylaw()
    kept = {}
    for f in fields(Bylaw):
        value = data.get(f.name)
        if f.name == "articles":
            if isinstance(value, dict):
                kept["articles"] = {k: v for k, v in value.items() if isinstance(k, str) and isinstance(v, str)}
        elif isinstance(value, str):
            kept[f.name] = value
    # a value of the wrong type (a damaged or hand-edited file) reads as the default
    return replace(default, **kept)


def problem(bylaw: Bylaw) -> tuple[str, str] | None:
    """(field, message) of the first setting that cannot be, or None."""
    if bylaw.revote_rule not in REVOTE_RULES:
        return "revote_rule", f"再次投票的规则只能是{'或'.join(f'“{r}”' for r in REVOTE_RULES)}。"
    if bylaw.vacancy_rule not in VACANCY_RULES:
        return "vacancy_rule", f"缺额的处理只能是{'或'.join(f'“{r}”' for r in VACANCY_RULES)}。"
    if bylaw.write_in_listed not in WRITE_IN_LISTED_RULES:
        return "write_in_listed", f"另选人与候选人同名时只能“{'”或“'.join(WRITE_IN_LISTED_RULES)}”。"
    marks = {"yes_mark": bylaw.yes_mark, "no_mark": bylaw.no_mark, "abstain_mark": bylaw.abstain_mark}
    for name, mark in marks.items():
        if len(mark) > 2 or mark != mark.strip():
            return name, f"选票标记“{mark}”应是一个符号（如 ○、×、√），或留空表示不作标记。"
    if len(set(marks.values())) != 3:
        return "yes_mark", "赞成、反对、弃权的标记必须各不相同（至多一项不作标记）。"
    for topic, article in bylaw.articles.items():
        if topic not in TOPICS:
            return "articles", f"办法条款的事项“{topic}”不认识。"
        if article and not (article.startswith("第") and article.endswith("条") and 3 <= len(article) <= 8):
            return "articles", f"{TOPICS[topic]}的条款应写成“第十五条”的样子，现为“{article}”。"
    return None
