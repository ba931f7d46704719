"""`meetingdesk log SESSION`: the change log as text lines or CSV, read-only, through
services.changelog as on the 日志 page. A ServiceError goes to cli.main, which prints it and
exits 1."""
from __future__ import annotations

import argparse
import csv
import datetime as dt
import io
import sys

from meetingdesk.services import ServiceError, changelog, session

DEFAULT_LIMIT = 200
CSV_HEADINGS = ("记录号", "时间", "工作台", "用户", "类别", "操作", "内容")


def register(sub) -> None:
    """The `log` subcommand (cli.main may call this, or add the same arguments itself)."""
    p = sub.add_parser("log", help="变更日志：列出会议数据的每一次新增、修改和删除（谁、在哪个工作台、何时）",
                       description="meetingdesk log SESSION [--desk 名称] [--table 类别] [--since 日期] "
                                   "[--until 日期] [--limit N] [--csv]。按时间先后列出最新的 N 条记录。"
                                   "日期写作 YYYY-MM-DD 或 \"YYYY-MM-DD HH:MM\"，--until 包括当天（当分钟）。")
    add_arguments(p)
    p.set_defaults(func=log)


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("session", help="会议文件，或服务器上会议的地址（postgresql://…）")
    p.add_argument("--desk", default="", help="只列出这个工作台的记录")
    p.add_argument("--user", default="", help="只列出这个用户的记录")
    p.add_argument("--table", default="", metavar="类别", help="只列出这一类数据的记录，如 名单、签到（也可写表名 member）")
    p.add_argument("--since", metavar="日期", help="从这一天（或这一时刻）起：YYYY-MM-DD 或 \"YYYY-MM-DD HH:MM\"")
    p.add_argument("--until", metavar="日期", help="到这一天（或这一分钟）止，含当天：YYYY-MM-DD 或 \"YYYY-MM-DD HH:MM\"")
    p.add_argument("--search", default="", metavar="文字", help="只列出内容或备注含这些文字的记录（如姓名）")
    p.add_argument("--limit", type=int, default=DEFAULT_LIMIT, metavar="N",
                   help=f"最多列出最新的 N 条（默认 {DEFAULT_LIMIT}；0 为全部）")
    p.add_argument("--csv", action="store_true", help="输出 CSV（UTF-8，带 BOM，Excel 可直接打开）")


def parse_moment(text: str, option: str, *, end: bool = False) -> dt.datetime:
    """A day or a minute as typed; with END the moment just after it (the day or minute included)."""
    text = text.strip()
    for form, step in (("%Y-%m-%d", dt.timedelta(days=1)), ("%Y-%m-%d %H:%M", dt.timedelta(minutes=1))):
        try:
            moment = dt.datetime.strptime(text, form)
        except ValueError:
            continue
        return moment + step if end else moment
    raise ServiceError(f"{option} 的日期“{text}”无法识别，请写作 2023-12-21 或 \"2023-12-21 09:30\"。")


def log(args: argparse.Namespace) -> int:
    if args.limit is not None and args.limit < 0:
        raise ServiceError("--limit 不能是负数（0 为全部）。")
    table = changelog.table_named(args.table) if args.table else ""
    since = parse_moment(args.since, "--since") if args.since else None
    until = parse_moment(args.until, "--until", end=True) if args.until else None
    if since is not None and until is not None and until <= since:
        raise ServiceError("--until 早于 --since，没有可列出的记录。")
    session.open_session(args.session, session.READ)
    try:
        filters = {"desk": args.desk, "user": getattr(args, "user", ""), "table": table, "since": since,
                   "until": until}
        search = getattr(args, "search", "") or ""
        # the newest LIMIT, then printed in the order they happened: a record reads top to bottom
        rows = changelog.list_changes(**filters, text=search, limit=args.limit or None)
        rows.reverse()
        total = None if search else changelog.count_changes(**filters)
        if args.csv:
            _write_csv(rows)
        else:
            for r in rows:
                print("\t".join((r.at_text, r.desk, r.user, r.table_label, r.action_label, r.summary())))
            if total is not None and total > len(rows):
                print(f"（共 {total} 条，列出最新的 {len(rows)} 条；--limit 0 列出全部）")
            elif not rows:
                print("（没有符合条件的记录）")
    finally:
        session.close_session()
    return 0


def _write_csv(rows: list[changelog.ChangeRow]) -> None:
    """UTF-8 with a BOM and CRLF lines: Excel opens a CSV without a BOM in the system's code
    page (GBK on a Chinese Windows) and shows the names garbled; with it, as UTF-8, and names
    outside GB2312 (堃 喆 珺) survive, as GBK would not keep them."""
    text = io.StringIO()
    writer = csv.writer(text)
    writer.writerow(CSV_HEADINGS)
    for r in rows:
        writer.writerow((r.id, r.at_text, r.desk, r.user, r.table_label, r.action_label, r.summary()))
    data = text.getvalue().encode("utf-8-sig")
    out = getattr(sys.stdout, "buffer", None)
    if out is None:  # a stdout without bytes (some test harnesses): the same text, BOM first
        sys.stdout.write(data.decode("utf-8"))
        return
    sys.stdout.flush()
    out.write(data)
    out.flush()
