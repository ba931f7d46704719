"""Chinese numerals and the official title of a session."""
from __future__ import annotations

import datetime as _dt

_DIGITS = "零一二三四五六七八九"
_WEEKDAYS = "一二三四五六日"


def chinese_number(n: int) -> str:
    """1 -> 一, 11 -> 十一, 20 -> 二十, 105 -> 一百零五 (as in 第十一届)."""
    if n < 0:
        raise ValueError("negative")
    if n < 10:
        return _DIGITS[n]
    if n < 20:
        return "十" + (_DIGITS[n % 10] if n % 10 else "")
    if n < 100:
        return _DIGITS[n // 10] + "十" + (_DIGITS[n % 10] if n % 10 else "")
    if n < 1000:
        rest = n % 100
        head = _DIGITS[n // 100] + "百"
        if rest == 0:
            return head
        if rest < 10:
            return head + "零" + _DIGITS[rest]
        if rest < 20:
            return head + "一" + chinese_number(rest)
        return head + chinese_number(rest)
    raise ValueError("numbers above 999 are not used in session titles")


def session_title(region: str, term: int, number: int) -> str:
    """东西湖区, 11, 3 -> 东西湖区第十一届人民代表大会第三次会议"""
    return f"{region}第{chinese_number(term)}届人民代表大会第{chinese_number(number)}次会议"


def weekday_name(day: _dt.date) -> str:
    """2023-12-21 -> 星期四"""
    return "星期" + _WEEKDAYS[day.weekday()]


def chinese_date(day: _dt.date) -> str:
    """2023-12-21 -> 2023年12月21日"""
    return f"{day.year}年{day.month}月{day.day}日"
