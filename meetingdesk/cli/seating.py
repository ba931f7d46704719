"""`meetingdesk seating`: the hall and who sits where, through services.seating as on the 座次 page.
A ServiceError goes to cli.main, which prints it."""
from __future__ import annotations

import argparse

from meetingdesk.rules.words import Role
from meetingdesk.services import ServiceError, attendance, seating, session


def register(sub) -> None:
    p = sub.add_parser("seating", help="会场座次：列出座区和人数；--hall 从文件设置会场；--arrange 重新排座",
                       description="meetingdesk seating SESSION [--hall 会场.toml] [--arrange] [--meeting N|名称] "
                                   "[--list]。会场文件的写法见 seeds/hall.toml。不加 --hall、--arrange 时只读取，不改动文件。")
    p.add_argument("session", help="会议文件")
    p.add_argument("--hall", metavar="FILE", help="从 TOML 文件设置会场（区、排、座位数、主席台），已排的座位按区名保留")
    p.add_argument("--arrange", action="store_true", help="按规则重新排座（固定的座位不动）")
    p.add_argument("--meeting", metavar="N|名称", help="全体会议（日程中的序号或名称）：该次会议的座次和主席台")
    p.add_argument("--list", action="store_true", help="逐人列出座位（区排号），按座位顺序")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    writes = bool(args.hall or args.arrange)
    session.open_session(args.session, session.WRITE if writes else session.READ)
    try:
        meeting_id = attendance.find_meeting(args.meeting).meeting_id if args.meeting else None
        if args.hall:
            spec = seating.hall_from_toml(args.hall)
            seating.set_hall(spec)
            print(f"已设置会场“{spec.name}”：{len(spec.blocks)} 个区，共 {spec.capacity()} 个座位。")
        if args.arrange:
            seating.rearrange(meeting_id)
            print("已按规则重新排座（固定的座位未动）。")
        _report(seating.arrangement(meeting_id), args.list)
        if meeting_id is not None:
            _podium(meeting_id)
    finally:
        session.close_session()
    return 0


def _report(arr: seating.Arrangement, listing: bool) -> None:
    hall = arr.hall
    print(f"会场：{hall.name}（{hall.direction}排列，主席台 {'、'.join(str(n) for n in hall.podium_rows) or '未设'} 座"
          f"，{hall.precedence}，{hall.rotation}）")
    for i, block in enumerate(hall.blocks):
        seated = sum(1 for s in arr.seats if s.block_index == i)
        teams = "、".join(arr.delegations_in(i))
        print(f"  {block.name}　{block.zone}　{len(block.rows)} 排 {block.capacity} 座，已坐 {seated} 人"
              + (f"：{teams}" if teams else ""))
    for role in Role:
        people = sum(1 for s in arr.seats if s.role == role) + sum(1 for r in arr.unseated if r.role == role)
        if role in arr.unzoned:
            print(f"{role}：{arr.unzoned[role]} 人，会场没有{role}座区。")
        elif people:
            print(f"{role}：{people} 人，{hall.capacity(role)} 个座位。")
    if arr.unseated:
        print(f"没有座位的 {len(arr.unseated)} 人：" + "、".join(r.display for r in arr.unseated))
    for delegation, blocks in arr.split_delegations().items():
        print(f"{delegation}分坐在{'、'.join(blocks)}。")
    if listing:
        for s in arr.seats:
            print(f"{s.label}\t{s.display}\t{s.delegation}\t{s.role}{'（固定）' if s.pinned else ''}")


def _podium(meeting_id: int) -> None:
    try:
        podium = seating.podium(meeting_id)
    except ServiceError as exc:
        print(str(exc))
        return
    print(f"主席台（{'按手工名单' if podium.custom else '按执行主席分组'}，{podium.precedence}）：")
    for seat in podium.seats:
        where = f"第 {seat.row + 1} 排" if seat.row is not None else "无座位"
        print(f"  {seat.rank:>2}. {seat.display}　{seat.why}　{where}")
