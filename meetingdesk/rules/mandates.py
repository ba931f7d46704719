"""A delegate's mandate over time: when it started, when and why it ended, and who counts on a
day. Pure Python; the services ask these rules with the dates they hold."""
from __future__ import annotations

import datetime as dt

REELECTED = ""  # elected with the whole congress (换届): serving from the term's start
BY_ELECTION = "补选"
START_REASONS = (REELECTED, BY_ELECTION)

# The grounds on which a mandate ends (代表法 第四十九条, 选举法 第五十五条), as the 常委会 words them
END_REASONS = (
    "因工作调整辞去代表职务",
    "因工作变动调离本行政区域",
    "被罢免",
    "丧失中华人民共和国国籍",
    "死亡",
    "未经批准两次不出席本级人民代表大会会议",
    "被判处刑罚",
    "依照法律被剥夺政治权利",
)

OFFICES_END_WITH = "代表资格终止，相应终止"  # why an office that needs the mandate ended


def serving_on(day: dt.date, started_on: dt.date | None, ended: bool, ended_on: dt.date | None) -> bool:
    """Whether a mandate counts on DAY. It counts from its start (a 补选 delegate from the day
    the 常委会 confirmed the qualification) and no longer on its end date; an ended mandate whose
    date is not known ended before any day this session asks about."""
    if started_on is not None and day < started_on:
        return False
    if not ended:
        return True
    return ended_on is not None and ended_on > day


def check_dates(started_on: dt.date | None, ended_on: dt.date | None) -> str:
    """'' or what is wrong with a mandate's dates."""
    if started_on is not None and ended_on is not None and ended_on < started_on:
        return f"终止日期 {ended_on:%Y-%m-%d} 早于资格开始的日期 {started_on:%Y-%m-%d}。"
    return ""
