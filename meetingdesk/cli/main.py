"""`meetingdesk`: the non-interactive jobs, through the same services as the GUI."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from meetingdesk import errorlog
from meetingdesk.services import ServiceError
from meetingdesk.store.errors import storage_error

from . import commands, seating as seating_commands, server as server_commands, suggestions as suggestion_commands
from . import log as log_commands, voting as voting_commands
from .location import SESSION_HELP, session_location


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="meetingdesk",
        description="MeetingDesk 大会秘书处工作程序：命令行工具。图形界面请运行 python main.py。",
    )
    sub = parser.add_subparsers(dest="command", metavar="命令")

    p = sub.add_parser("demo", help="把演示会议（东西湖区第十一届人民代表大会第三次会议）写入文件")
    p.add_argument("path", type=Path, help="新会议文件的路径（不能已存在）")
    p.set_defaults(func=commands.demo)

    p = sub.add_parser("sort", help="按姓名笔画排序：每行一个姓名，原样输出")
    p.add_argument("file", nargs="?", type=Path, help="UTF-8 文本文件；省略时读标准输入")
    p.add_argument("--single-name-first", action="store_true",
                   help="同姓者单名在前（党代会名单的习惯）")
    p.add_argument("--unknown", action="store_true",
                   help="只列出没有笔画数据的字，和按类推简化（如 馼 按 马+文）推算笔画的字")
    p.set_defaults(func=commands.sort)

    p = sub.add_parser("import", help="从 Excel（.xlsx）或 CSV 文件导入名单；先列出变化，有错误时不写入",
                       description="列名：姓名、性别、代表团、身份（代表/列席/工作人员）、职务、备注，"
                                   "可选“团内职务”（团长/副团长）或“团长”“副团长”两列（填 ✓、是 或 1）。"
                                   "表头按名称识别，顺序不限。CSV 可以是 UTF-8 或 GBK 编码。")
    p.add_argument("session", type=session_location, help=SESSION_HELP)
    p.add_argument("file", type=Path, help="要导入的 .xlsx 或 .csv 文件")
    p.add_argument("--good-rows-only", action="store_true", help="有错误的行跳过，只导入无误的行")
    p.add_argument("--dry-run", action="store_true", help="只列出将有的变化，不写入")
    p.set_defaults(func=commands.import_roster)

    p = sub.add_parser("export", help="把名单导出为 Excel（.xlsx），列与导入相同")
    p.add_argument("session", type=session_location, help=SESSION_HELP)
    p.add_argument("-o", "--output", type=Path, required=True, help="要写入的 .xlsx 文件")
    p.set_defaults(func=commands.export_roster)

    p = sub.add_parser("carry", help="从上次会议新建下一次会议：结转在任代表、代表团及团长副团长、以往未经批准缺席",
                       description="读取上次会议的文件（不改动），新建同一届的下一次会议：行政区、届次、法定代表名额、"
                                   "法定人数规则和选举和表决办法的设置相同；代表团按原顺序和讨论地点；在任代表连同"
                                   "资格信息、所在代表团、团长和副团长；以往和上次会议未经批准缺席的记录。资格已终止的"
                                   "代表留在上次会议。列席人员和工作人员每次会议另行邀请，加 --with-others 才一并结转。"
                                   "出错时不会留下新文件。")
    p.add_argument("old", type=Path, help="上次会议的会议文件（只读取）")
    p.add_argument("new", type=Path, help="新会议文件的路径（不能已存在）")
    p.add_argument("--number", metavar="N", required=True, help="新会议是本届第几次会议，如 4")
    p.add_argument("--start", metavar="YYYY-MM-DD", help="新会议的开幕日期")
    p.add_argument("--end", metavar="YYYY-MM-DD", help="新会议的闭幕日期")
    p.add_argument("--with-others", action="store_true", help="列席人员和工作人员也一并结转")
    p.set_defaults(func=commands.carry)

    p = sub.add_parser("check", help="检查会议文件，列出所有不符合规则之处")
    p.add_argument("session", type=session_location, help=SESSION_HELP)
    p.set_defaults(func=commands.check)

    p = sub.add_parser("tally", help="从 CSV 读入计票数（计票机或表格），核对两遍录入并显示结果",
                       description="CSV 列：票箱,遍次,事项,对象,赞成,反对,弃权,无效,发出,收回。"
                                   "选票/表决票行填发出、收回；候选人行“事项”填选举职务、“对象”填姓名；"
                                   "另选人写“另选:姓名”；废票写“废票”并填无效；表决事项行“对象”留空。")
    p.add_argument("session", type=session_location, help=SESSION_HELP)
    p.add_argument("file", type=Path, help="计票数 CSV 文件（UTF-8 或 GBK）")
    p.add_argument("--poll", type=int, help="投票编号（见 meetingdesk tally --list）；省略时为最近一次未确认的投票")
    p.add_argument("--new", metavar="名称", help="新建一次投票（全部已确定名单的选举和全部表决事项）再读入")
    p.add_argument("--entry", type=int, default=1, choices=(1, 2), help="文件没有“遍次”列时算作第几遍（默认 1）")
    p.add_argument("--meeting", metavar="N", help="与 --new 同用：投票所在的全体会议（日程中的序号或名称）；"
                                                  "法定人数取该次会议的签到，公告日期取会议日期")
    p.add_argument("--time", metavar="HH:MM", help="与 --new 同用：开始投票的时间（此前早退的代表不计入到会）")
    p.add_argument("--dry-run", action="store_true", help="只检查文件，不写入任何数据（--new 也不会留下投票）")
    p.set_defaults(func=commands.tally)

    p = sub.add_parser("backups", help="列出会议文件的备份（导入、读入计票数、确认、更正、升级前和定时所存）；"
                                       "--restore N 恢复第 N 个",
                       description="备份存放在会议文件旁的“文件名.backups”文件夹中。恢复前先把现状另存为一个备份。")
    p.add_argument("session", type=session_location, help=SESSION_HELP)
    p.add_argument("--restore", metavar="N", help="恢复列表中的第 N 个备份（1 为最近的）")
    p.set_defaults(func=commands.list_backups)

    p = sub.add_parser("info", help="显示会议名称和人数")
    p.add_argument("session", type=session_location, help=SESSION_HELP)
    p.set_defaults(func=commands.info)
    voting_commands.register(sub)
    seating_commands.register(sub)
    suggestion_commands.register(sub)
    server_commands.register(sub)
    log_commands.register(sub)

    p = sub.add_parser("print", help="把名单等打印件写成 PDF 或 Word 文档；--list 列出可打印的种类",
                       description="meetingdesk print KIND SESSION -o OUT.pdf（或 OUT.docx：Word 文档）；meetingdesk print --list")
    p.add_argument("kind", nargs="?", metavar="KIND", help="打印件的种类，如 roster（见 --list）")
    p.add_argument("session", nargs="?", type=session_location, metavar="SESSION", help=SESSION_HELP)
    p.add_argument("-o", "--output", type=Path, help="要写入的文件：.pdf 为 PDF，.docx 为 Word 文档")
    p.add_argument("--list", action="store_true", help="列出可打印的种类和名称")
    p.add_argument("--delegation", help="只打印这个代表团（名称，如“吴家山街代表团”）")
    p.add_argument("--role", help="只打印这一身份：代表、列席或工作人员（signin、people、badges、tent_cards）")
    p.add_argument("--meeting", metavar="N|名称",
                   help="签到表上印的会议名称，如“第一次全体会议”（signin）；attendance、absences 为日程中"
                        "会议的序号或名称，如 3 或“第一次全体会议”，省略时为当天或下一次全体会议；"
                        "seating、podium、seat_list、tent_cards 为预备会议或全体会议（其主席台和座次），"
                        "podium 必须指明")
    p.add_argument("--order", help="排列：delegation（按代表团，默认）或 name（按姓名笔画）（people）")
    p.add_argument("--copies", metavar="N", help="份数，默认每位在任代表一份（ballots、votes）")
    p.add_argument("--spares", metavar="N", help="另印的备用份数，默认 0（ballots、votes、preballots 每团）")
    p.add_argument("--serial", action="store_true", help="每份印编号 No. 0001 起（ballots、votes、preballots）")
    p.add_argument("--box", metavar="NAME|cycle",
                   help="每份印票箱名称；cycle 为依次轮换本次会议的各票箱（ballots、votes）")
    p.add_argument("--marks", choices=("three", "one"),
                   help="表决票格式：one 每项右边一个框，按选举和表决办法的标记填写（默认）；three 赞成、反对、弃权三栏（votes）")
    p.add_argument("--poll", metavar="N",
                   help="投票编号：tally_report、vote_results 省略时为两遍录入已一致的最近一次投票；"
                        "announcements 只印这次投票的公告，省略时印全部")
    p.add_argument("--number", metavar="N", help="只打印第 N 号公告（announcements）")
    p.set_defaults(func=commands.print_paper)
    return parser


def main(argv: list[str] | None = None) -> int:
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(encoding="utf-8")
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help()
        return 2
    try:
        return args.func(args)
    except ServiceError as exc:  # every refusal, a file that is no session, a full disk …
        print(f"meetingdesk {args.command}：{exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
    except OSError as exc:
        where = f"“{exc.filename}”" if exc.filename else ""
        log = errorlog.record(exc, f"meetingdesk {args.command}")
        print(f"meetingdesk {args.command}：读写文件{where}时出错：{exc.strerror or exc}。"
              f"（详细信息已记入 {log}）", file=sys.stderr)
        return 1
    except Exception as exc:  # a defect of ours: a sentence and the log, never a traceback
        log = errorlog.record(exc, f"meetingdesk {' '.join(argv or sys.argv[1:])}")
        known = storage_error(exc)
        text = known.message if known else f"程序内部错误（{type(exc).__name__}：{exc}），操作未完成"
        print(f"meetingdesk {args.command}：{text}。详细信息已记入 {log}，请把该文件交给技术支持。",
              file=sys.stderr)
        return 70


if __name__ == "__main__":
    sys.exit(main())
