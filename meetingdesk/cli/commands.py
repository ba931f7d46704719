"""One function per `meetingdesk` command; each returns the exit status."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from meetingdesk.rules.collation import guesses, sort_names, ties, unknown_chars
from meetingdesk.rules.strokes import Counted
from meetingdesk.rules.words import Role
from meetingdesk.services import ServiceError, checks, demo as demo_service, roster, session


def demo(args: argparse.Namespace) -> int:
    info = demo_service.create_demo(args.path)
    session.close_session()
    print(f"已写入演示会议：{info.title}（代表 {info.counts[Role.DELEGATE]} 人，列席 {info.counts[Role.ATTENDEE]} 人，"
          f"工作人员 {info.counts[Role.STAFF]} 人）→ {args.path}")
    return 0


def _read_lines(args: argparse.Namespace) -> list[str]:
    source = args.file.name if args.file else "标准输入"
    try:
        data = args.file.read_bytes() if args.file else sys.stdin.buffer.read()
    except OSError as exc:
        raise ServiceError(f"无法读取“{args.file}”：{exc.strerror or exc}") from exc
    lines = data.split(b"\n")
    out = []
    for number, raw in enumerate(lines, start=1):
        try:
            text = raw.decode("utf-8-sig" if number == 1 else "utf-8")
        except UnicodeDecodeError as exc:
            raise ServiceError(f"{source} 第 {number} 行不是 UTF-8 编码（第 {exc.start + 1} 个字节）。"
                               "请另存为 UTF-8 后再试。") from exc
        text = text.rstrip("\r")
        if text.strip():
            out.append(text)
    return out


STROKE_NAMES = dict(zip("12345", "横竖撇点折"))


def _guess_text(g: Counted) -> str:
    how = "按类推简化" if g.analogical else "本字无笔画数据，按部件"
    strokes_named = "".join(STROKE_NAMES[d] for d in g.sequence)
    return f"{how}（{'+'.join(g.parts)}）计 {len(g.sequence)} 画：{strokes_named}"


def sort(args: argparse.Namespace) -> int:
    lines = _read_lines(args)
    if args.unknown:
        # One list, by code point, of every character whose place a person should check: the
        # ones the order knows nothing about and the ones it counted by their parts.
        notes = {ch: "没有笔画数据，排在所有已知字之后" for ch in unknown_chars(lines)}
        notes.update((g.char, _guess_text(g)) for g in guesses(lines))
        for ch in sorted(notes):
            print(f"{ch}\tU+{ord(ch):04X}\t{notes[ch]}")
        return 0
    for line in sort_names(lines, single_name_first=args.single_name_first):
        print(line)
    missing = unknown_chars(lines)
    if missing:
        print("提示：以下字没有笔画数据，已排在最后：" + " ".join(missing), file=sys.stderr)
    guessed = guesses(lines)
    if guessed:
        print("提示：以下字按类推简化或部件计笔画（--unknown 列出详情）："
              + " ".join(f"{g.char}（{'+'.join(g.parts)}，{len(g.sequence)} 画）" for g in guessed),
              file=sys.stderr)
    for group in ties(lines):
        print("提示：笔画和笔顺完全相同，按编码排列：" + "、".join(group), file=sys.stderr)
    return 0


def import_roster(args: argparse.Namespace) -> int:
    from meetingdesk.services import importer  # openpyxl loads only for these commands

    session.open_session(args.session)
    try:
        plan = importer.plan_import(args.file)
        print_preview(plan, (f"第 {row.line} 行 {row.name}（{row.delegation} {row.role}）{row.change_text}"
                             for row in plan.rows if row.kind in (importer.NEW, importer.UPDATED)))
        if args.dry_run:
            print("（试运行，未写入）")
            return 1 if plan.has_errors else 0
        if plan.has_errors and not args.good_rows_only:
            print("有错误，未导入任何内容。请改正后重新导入，或加 --good-rows-only 只导入无误的行。",
                  file=sys.stderr)
            return 1
        if not plan.has_changes:
            print("没有需要导入的变化。")
            return 0
        result = importer.apply_import(plan, good_rows_only=args.good_rows_only)
    finally:
        session.close_session()
    skipped = f"，跳过有错误的 {result.skipped} 行" if result.skipped else ""
    print(f"已导入：新增 {result.new} 人，更新 {result.updated} 人{skipped}。")
    return 0


def print_preview(plan, changes) -> None:
    """An import's preview: the lines CHANGES (one for each row that writes), then the PLAN's errors,
    提示 and unused columns on stderr, and its summary (the roster's and the replies' imports)."""
    for line in changes:
        print(line)
    for error in plan.errors:
        print(f"[错误] {error}", file=sys.stderr)
    for warning in plan.warnings:
        print(f"[提示] {warning}", file=sys.stderr)
    if plan.ignored_columns:
        print(f"提示：未使用的列：{'、'.join(plan.ignored_columns)}", file=sys.stderr)
    print(f"{plan.source}：{plan.summary()}")


def export_roster(args: argparse.Namespace) -> int:
    from meetingdesk.services import exporter

    session.open_session(args.session, session.READ)
    try:
        count = exporter.export_roster(args.output)
    finally:
        session.close_session()
    print(f"已导出 {count} 人 → {args.output}")
    return 0


def carry(args: argparse.Namespace) -> int:
    from meetingdesk.services import carry as carry_service

    number = _count(args.number, "会议次数")
    start, end = _date(args.start, "开幕日期"), _date(args.end, "闭幕日期")
    try:
        plan = carry_service.carry_forward(args.old, args.new, number=number, start_date=start, end_date=end,
                                           include_others=args.with_others)
    finally:
        session.close_session()
    print(f"已从“{plan.old_title}”新建“{plan.title}” → {args.new}")
    for line in plan.lines(others_hint="需要时加 --with-others 一并结转"):
        print(f"  {line}")
    return 0


def _date(text: str | None, label: str):
    import datetime as dt

    if text is None:
        return None
    try:
        return dt.date.fromisoformat(text.strip())
    except ValueError:
        raise ServiceError(f"{label}应写成 YYYY-MM-DD，如 2024-12-20，现为“{text}”。") from None


def check(args: argparse.Namespace) -> int:
    session.open_session(args.session, session.READ)
    try:
        problems = checks.check_session()
    finally:
        session.close_session()
    errors = [p for p in problems if p.severity == checks.ERROR]
    for p in problems:
        print(f"[{p.severity}] {p.area} › {p.where}：{p.message}")
    print(f"共 {len(errors)} 个错误、{len(problems) - len(errors)} 个提示。")
    return 1 if errors else 0


class _DryRun(Exception):
    """Raised inside the transaction of `tally --dry-run` so that nothing it did is kept."""


def tally(args: argparse.Namespace) -> int:
    from meetingdesk import store
    from meetingdesk.services import attendance, backups, counting, elections, tally_import, voting

    session.open_session(args.session)
    try:
        if not args.dry_run:
            backups.before(backups.TALLY, args.file.name)
        try:
            # one transaction: a refused file, or --dry-run, leaves nothing behind (not even --new's poll)
            with store.database.atomic():
                poll_id = _tally_poll(args, attendance, counting, elections, tally_import, voting)
                plan = tally_import.read(poll_id, args.file, entry=args.entry)
                for line in plan.describe():
                    print(line)
                if args.dry_run:
                    raise _DryRun
                tally_import.apply(plan)
        except _DryRun:
            print("（仅检查，未写入任何数据）")
            return 0
        diffs, missing = counting.differences(poll_id)
        for line in diffs:
            print(f"[两遍不一致] {line}")
        for line in missing:
            print(f"[未录入] {line}")
        if diffs or missing:
            print("两遍录入尚未全部一致，暂不计算结果。")
            return 0
        outcome = counting.result(poll_id)
        _print_result(outcome)
        return 1 if outcome.problems else 0
    finally:
        session.close_session()


def _tally_poll(args, attendance, counting, elections, tally_import, voting) -> int:
    if not args.new:
        if args.meeting or args.time:
            raise ServiceError("--meeting 和 --time 只在 --new 新建投票时使用。")
        return args.poll or tally_import.latest_open_poll()
    meeting_id = attendance.find_meeting(args.meeting).meeting_id if args.meeting else None
    poll_id = counting.create_poll(
        args.new, [e.election_id for e in elections.list_elections() if e.fixed_on],
        [i.item_id for i in voting.list_vote_items()], meeting_id=meeting_id, vote_time=args.time or "")
    print(f"已新建投票 {poll_id}：{args.new}")
    return poll_id


def _print_result(result) -> None:
    print(f"全体代表 {result.all_delegates} 人（投票当日）")
    for problem in result.problems:
        print(f"[错误] {problem}")
    if result.problems:
        print("票数不可能成立，不计算结果。请核对后重新录入。")
        return
    for notice in result.notices:
        print(f"[注意] {notice}")
    for text in (r.text for r in result.rounds.values()):
        print(text)
    if result.quorum:
        print(result.quorum)
    for e in result.elections:
        print(f"【{e.office}】")
        for line in e.outcome.lines:
            print(line)
        if e.entered and not e.outcome.annulled:
            names = "、".join(v.name for v in e.outcome.elected)
            print(f"当选：{names}。" if names else "无人当选。")
        for warning in e.warnings:
            print(f"[注意] {warning}")
    for item in result.items:
        print(item.text)


def info(args: argparse.Namespace) -> int:
    data = session.open_session(args.session, session.READ)
    session.close_session()
    print(data.full_title)
    print(f"法定名额 {data.statutory_delegates} 人；代表 {data.counts[Role.DELEGATE]} 人，"
          f"列席 {data.counts[Role.ATTENDEE]} 人，工作人员 {data.counts[Role.STAFF]} 人")
    return 0


def print_paper(args: argparse.Namespace) -> int:
    from meetingdesk import printing  # reportlab loads only for this command

    if args.list:
        for kind, title in printing.kinds():
            print(f"{kind}\t{title}")
        return 0
    if not args.kind:
        raise ServiceError("请指明打印件的种类，如 meetingdesk print roster 会议文件 -o 名单.pdf"
                           "（meetingdesk print --list 列出所有种类）。")
    title = printing.title_of(args.kind)
    if args.session is None:
        raise ServiceError("请指明会议文件。")
    if args.output is None:
        raise ServiceError("请用 -o 指明要写入的文件：.pdf 为 PDF，.docx 为 Word 文档。")
    options = {key: value for key, value in (("role", args.role), ("meeting", args.meeting),
                                             ("order", args.order), ("box", args.box),
                                             ("marks", args.marks)) if value is not None}
    for key, text in (("copies", args.copies), ("spares", args.spares), ("poll", args.poll),
                      ("number", args.number)):
        if text is not None:
            options[key] = _count(text, printing.OPTION_NAMES[key])
    if args.serial:  # only when asked: a paper without serial numbers refuses the option by name
        options["serial"] = True
    session.open_session(args.session, session.READ)
    try:
        if args.delegation is not None:
            options["delegation_id"] = _delegation_id(args.delegation)
        pages = printing.write(args.kind, args.output, **options)
    except ServiceError:
        raise
    except Exception as exc:  # a layout failure: a message, not a traceback; nothing was written
        raise ServiceError(f"生成{title}时出错（{type(exc).__name__}：{exc}），没有写入文件。") from exc
    finally:
        session.close_session()
    if Path(args.output).suffix.lower() == ".docx":
        print(f"已写入{title}（Word 文档）→ {args.output}")
    else:
        print(f"已写入{title}（共 {pages} 页）→ {args.output}")
    return 0


def _count(text: str, label: str) -> int:
    """A whole number in a Chinese message, not argparse's English one; the paper checks the range."""
    try:
        return int(text)
    except ValueError:
        raise ServiceError(f"{label}应是一个整数，如 10，现为“{text}”。") from None


def _delegation_id(name: str) -> int:
    choices = roster.delegation_choices()
    for wanted in (name.strip(), name.strip() + "代表团"):
        for did, dname in choices:
            if dname == wanted:
                return did
    names = "、".join(dname for _, dname in choices)
    raise ServiceError(f"没有名为“{name}”的代表团。本次会议的代表团：{names}。")


def list_backups(args: argparse.Namespace) -> int:
    from meetingdesk.services import backups

    if isinstance(args.session, str):
        raise ServiceError("服务器上的会议没有会议文件的备份：请由服务器管理员备份数据库（pg_dump），"
                           "或用 meetingdesk pull 地址 文件.meetingdesk 随时取回一份存档。")
    if args.restore is None:
        found = backups.listing(args.session)
        if not args.session.exists():
            raise ServiceError(f"找不到会议文件“{args.session}”。")
        if not found:
            print(f"“{args.session.name}”还没有备份。")
            return 0
        for number, b in enumerate(found, start=1):
            print(f"{number:>3}. {b.time:%Y-%m-%d %H:%M:%S}　{b.reason}　{b.size // 1024} KB　{b.path.name}")
        return 0
    number = _count(args.restore, "备份序号")
    session.open_session(args.session)
    try:
        found = backups.listing()
        if not 1 <= number <= len(found):
            raise ServiceError(f"没有第 {number} 个备份（共 {len(found)} 个，见 meetingdesk backups 会议文件）。")
        chosen = found[number - 1]
        backups.restore(chosen)
    finally:
        session.close_session()
    print(f"已恢复 {chosen.time:%Y-%m-%d %H:%M:%S} 的备份（{chosen.reason}）；恢复前的内容已另存为备份。")
    return 0
