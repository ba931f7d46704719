"""Motions and suggestions: who may submit, how many signers, the deadline.

地方组织法: a motion (议案) from delegates needs ten or more delegates jointly; it must
reach the presidium before the deadline the presidium set. A suggestion (建议) has neither
a minimum nor a deadline.
"""
from __future__ import annotations

import datetime as dt

from . import mandates
from collections.abc import Hashable, Iterable

MIN_SIGNERS = 10
KINDS = ("议案", "建议")
# Bodies that may submit a motion on their own (地方组织法 第十八条), and the delegates jointly.
SUBMITTERS = ("代表联名", "主席团", "常委会", "专门委员会", "区人民政府")
BY_DELEGATES = "代表联名"


def register_no(kind: str, number: int) -> str:
    """The register's number of an item: 议案原案第2号 / 建议第3号."""
    return f"议案原案第{number}号" if kind == "议案" else f"建议第{number}号"


def count_signers(signers: Iterable[tuple[Hashable, bool]]) -> int:
    """Distinct serving delegates among (delegate, serving) pairs: one signature counts once.
    Pass as serving whether the signer served when the paper was received (signed_while_serving)."""
    return len({key for key, serving in signers if serving})


def signed_while_serving(serving: bool, ended_on: dt.date | None, received_at: dt.datetime,
                         started_on: dt.date | None = None) -> bool:
    """A signature counts if the signer was a delegate on the day the paper was received: the
    mandate had started (a 补选 delegate from the confirmed start) and had not ended (a mandate
    ends on its end date: on that day the person no longer counts). A mandate ending later never
    voids a paper."""
    return mandates.serving_on(received_at.date(), started_on, not serving, ended_on)


def is_late(received_at: dt.datetime, deadline: dt.datetime | None) -> bool:
    """Received after the deadline; at the deadline itself is still in time."""
    return deadline is not None and received_at > deadline


def motion_problem(kind: str, submitter: str, serving_signers: int, received_at: dt.datetime,
                   deadline: dt.datetime | None) -> str | None:
    """Why this item cannot be registered as it is, or None."""
    if kind not in KINDS:
        return f"类别只能是议案或建议，不能是“{kind}”。"
    if kind == "建议":
        return None
    if submitter not in SUBMITTERS:
        return f"议案的提出者只能是{'、'.join(SUBMITTERS)}之一。"
    if is_late(received_at, deadline):
        return (f"收到时间 {received_at:%Y-%m-%d %H:%M} 晚于提出议案截止时间 {deadline:%Y-%m-%d %H:%M}，"
                "不能作为议案，可以登记为建议。")
    if submitter == BY_DELEGATES and serving_signers < MIN_SIGNERS:
        return f"代表联名提出议案须有 {MIN_SIGNERS} 名以上在任代表，现只有 {serving_signers} 名。"
    return None
