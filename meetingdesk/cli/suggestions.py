"""`meetingdesk suggestions`: the suggestions after the session, through services.suggestions and
services.suggestion_exchange as on the 建议办理 page. A ServiceError goes to cli.main, which prints
it and exits 1."""
from __future__ import annotations

import argparse
import sys

from meetingdesk.services import ServiceError, session, suggestions

from .commands import print_preview


def register(sub) -> None:
    p = sub.add_parser("suggestions", help="建议办理：列出建议及其承办单位和状态；--export 导出交办清单（.xlsx）；"
                                           "--import 导入承办单位的答复，先列出变化，有错误时整个文件不导入",
                       description="meetingdesk suggestions SESSION [--list | --export OUT.xlsx | --import FILE "
                                   "[--dry-run]]。导入的列：编号（建议第N号、闭会第N号）、承办单位、答复日期、办理结果"
                                   "（已解决或基本解决、列入计划逐步解决、因条件限制留作参考），可选答复内容、代表评价"
                                   "（满意、基本满意、不满意）、评价日期；表头按名称识别，顺序不限；.xlsx 或 CSV"
                                   "（UTF-8 或 GBK）。导出的交办清单填好后可原样导入。")
    p.add_argument("session", help="会议文件")
    what = p.add_mutually_exclusive_group()
    what.add_argument("--list", action="store_true", help="列出建议、承办单位和办理状态（默认）")
    what.add_argument("--export", metavar="OUT.xlsx", help="把交办清单写成 Excel 文件，交政府督查室")
    what.add_argument("--import", dest="import_file", metavar="FILE", help="从 .xlsx 或 .csv 导入答复和代表评价")
    p.add_argument("--dry-run", action="store_true", help="与 --import 同用：只列出将有的变化和错误，不写入")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    if args.dry_run and not args.import_file:
        raise ServiceError("--dry-run 只能与 --import 同用。")
    if args.import_file:
        return _import(args)
    session.open_session(args.session, session.READ)
    try:
        if args.export:
            from meetingdesk.services import suggestion_exchange

            count = suggestion_exchange.export_assignments(args.export)
            print(f"已导出交办清单 {count} 条（每个承办单位每件建议一条）→ {args.export}")
            return 0
        _list()
    finally:
        session.close_session()
    return 0


def _list() -> None:
    rows = suggestions.list_suggestions()
    for r in rows:
        units = "；".join(f"{a.role}{a.unit}" + (f"（第{a.round}轮）" if a.round > 1 else "") for a in r.assignments)
        lead = r.lead_name + (f"（{r.lead_delegation}）" if r.lead_delegation else "") if r.lead_name else r.submitter
        extra = [r.field] if r.field else []
        if r.key:
            extra.append("重点")
        print("\t".join([r.number_words, r.state, r.title, lead, "、".join(extra), units or "（未交办）"]))
    s = suggestions.stats()
    overdue = len(suggestions.overdue())
    returned = s.all.returned
    print(f"会议期间 {s.session.total} 件，闭会期间 {s.between.total} 件；已交办 {s.all.assigned} 件，"
          f"已办复 {s.all.replied} 件（办复率 {s.all.replied_rate}）" + (f"；退回修改 {returned} 件" if returned else "")
          + (f"；逾期未答复 {overdue} 处" if overdue else ""))


def _import(args: argparse.Namespace) -> int:
    from meetingdesk.services import suggestion_exchange as exchange  # openpyxl loads only for this

    session.open_session(args.session, session.READ if args.dry_run else session.WRITE)
    try:
        plan = exchange.plan_reply_import(args.import_file)
        print_preview(plan, (f"第 {row.line} 行 {row.number} {row.unit}：{row.change_text}" for row in plan.changing))
        if args.dry_run:
            print("（试运行，未写入）")
            return 1 if plan.has_errors else 0
        if plan.has_errors:
            print(f"{plan.source} 有 {plan.count(exchange.ERROR)} 行错误，未导入任何内容。请改正后重新导入。",
                  file=sys.stderr)
            return 1
        if not plan.has_changes:
            print("没有需要导入的变化。")
            return 0
        exchange.apply_reply_import(plan)
    finally:
        session.close_session()
    print(f"已导入：新增答复 {plan.count(exchange.NEW_REPLY)} 件，新增评价 {plan.count(exchange.NEW_RATING)} 件。")
    return 0
