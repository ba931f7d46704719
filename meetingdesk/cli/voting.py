"""`meetingdesk boxes` and `meetingdesk items`: the ballot boxes and the items put to the vote,
through services.voting as on the 计票 page. A ServiceError goes to cli.main, which prints it."""
from __future__ import annotations

import argparse
from contextlib import contextmanager

from meetingdesk.services import ServiceError, session, voting
from meetingdesk.store import VOTE_ITEM_KINDS

KINDS = "、".join(VOTE_ITEM_KINDS)


def register(sub) -> None:
    """Add the two commands to the `meetingdesk` subparsers SUB."""
    p = sub.add_parser("boxes", help="列出、添加、改名、调整顺序或删除票箱；已录入票数的票箱不能删除",
                       description="meetingdesk boxes SESSION [list | add 名称 [--place 位置] | "
                                   "rename 原名 新名 [--place 位置] | move 名称 序号 | remove 名称]")
    p.add_argument("session", help="会议文件")
    actions = p.add_subparsers(dest="action", metavar="操作")
    actions.add_parser("list", help="列出票箱（默认）")
    a = actions.add_parser("add", help="添加票箱，排在最后")
    a.add_argument("name", help="票箱名称，如“会场3号票箱”")
    a.add_argument("--place", default="", help="放置位置，如“会场东侧”")
    a = actions.add_parser("rename", help="改名（已录入的票数不受影响）")
    a.add_argument("old", help="原名称")
    a.add_argument("new", help="新名称")
    a.add_argument("--place", help="新的放置位置；省略时不变")
    a = actions.add_parser("move", help="移到第 N 个")
    a.add_argument("name", help="票箱名称")
    a.add_argument("position", help="新的序号，1 为第一个")
    a = actions.add_parser("remove", help="删除尚未录入票数的票箱")
    a.add_argument("name", help="票箱名称")
    p.set_defaults(func=boxes)

    p = sub.add_parser("items", help="列出、添加、修改、调整顺序或删除表决事项；已列入投票的不能删除",
                       description=f"meetingdesk items SESSION [list | add 名称 [--kind 类别] | "
                                   f"rename 序号 名称 [--kind 类别] | move 序号 新序号 | remove 序号]；类别：{KINDS}")
    p.add_argument("session", help="会议文件")
    actions = p.add_subparsers(dest="action", metavar="操作")
    actions.add_parser("list", help="列出表决事项（默认）")
    a = actions.add_parser("add", help="添加表决事项，排在最后")
    a.add_argument("title", help="名称，如“关于2024年财政预算的决议（草案）”")
    a.add_argument("--kind", default="决议", help=f"类别：{KINDS}（默认 决议）")
    a = actions.add_parser("rename", help="修改名称或类别；主席团已确认的表决事项名称不能改")
    a.add_argument("number", help="序号（见 list）")
    a.add_argument("title", help="新名称")
    a.add_argument("--kind", help=f"新类别：{KINDS}；省略时不变")
    a = actions.add_parser("move", help="移到第 N 项")
    a.add_argument("number", help="序号（见 list）")
    a.add_argument("position", help="新的序号，1 为第一项")
    a = actions.add_parser("remove", help="删除尚未列入任何投票的表决事项")
    a.add_argument("number", help="序号（见 list）")
    p.set_defaults(func=items)


def _whole(text: str, label: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise ServiceError(f"{label}应是从 1 起的整数，如 2，现为“{text}”。") from None
    if value < 1:
        raise ServiceError(f"{label}应是从 1 起的整数，现为 {value}。")
    return value


def _box(name: str) -> voting.BoxRow:
    boxes = voting.list_boxes()
    wanted = " ".join(name.split())
    for candidate in (wanted, wanted + "票箱"):
        for b in boxes:
            if b.name == candidate:
                return b
    names = "、".join(b.name for b in boxes) or "（尚无票箱）"
    raise ServiceError(f"没有名为“{name}”的票箱。本次会议的票箱：{names}。")


def _item(text: str) -> voting.VoteItemRow:
    number = _whole(text, "表决事项序号")
    rows = voting.list_vote_items()
    if number > len(rows):
        raise ServiceError(f"没有第 {number} 项表决事项：本次会议共有 {len(rows)} 项"
                           "（meetingdesk items 会议文件 list 列出）。")
    return rows[number - 1]


def _polls(uses: list[voting.PollUse]) -> str:
    return "、".join(u.title + ("（已确认）" if u.confirmed else "") for u in uses)


def _print_boxes() -> None:
    rows, uses = voting.list_boxes(), voting.box_uses()
    print(f"票箱（共 {len(rows)} 个）：" if rows else "尚无票箱。请用 meetingdesk boxes 会议文件 add 名称 添加。")
    for b in rows:
        place = f"　位置：{b.place}" if b.place else ""
        figures = f"　已录入票数：{_polls(uses[b.box_id])}" if b.box_id in uses else ""
        print(f"{b.number:>3}. {b.name}{place}{figures}")


def _print_items() -> None:
    rows, uses = voting.list_vote_items(), voting.item_uses()
    print(f"表决事项（共 {len(rows)} 项）：" if rows else "尚无表决事项。请用 meetingdesk items 会议文件 add 名称 添加。")
    for i in rows:
        listed = f"　已列入：{_polls(uses[i.item_id])}" if i.item_id in uses else ""
        print(f"{i.number:>3}. [{i.kind}] {i.title}{listed}")


@contextmanager
def _opened(args: argparse.Namespace):
    """The session for ARGS.action: read-only for a listing, held for writing for a change."""
    action = args.action or "list"
    session.open_session(args.session, session.READ if action == "list" else session.WRITE)
    try:
        yield action
    finally:
        session.close_session()


def boxes(args: argparse.Namespace) -> int:
    with _opened(args) as action:
        if action == "add":
            voting.add_box(args.name, args.place)
            print(f"已添加票箱“{' '.join(args.name.split())}”。")
        elif action == "rename":
            box = _box(args.old)
            voting.rename_box(box.box_id, args.new, args.place)
            print(f"已把票箱“{box.name}”改为“{' '.join(args.new.split())}”。")
        elif action == "move":
            box = _box(args.name)
            position = _whole(args.position, "新的序号")
            voting.move_box(box.box_id, position - 1)
            print(f"已把票箱“{box.name}”移到第 {min(position, len(voting.list_boxes()))} 个。")
        elif action == "remove":
            box = _box(args.name)
            voting.remove_box(box.box_id)
            print(f"已删除票箱“{box.name}”。")
        _print_boxes()
    return 0


def items(args: argparse.Namespace) -> int:
    with _opened(args) as action:
        if action == "add":
            voting.add_vote_item(args.title, args.kind)
            print(f"已添加表决事项“{' '.join(args.title.split())}”。")
        elif action == "rename":
            item = _item(args.number)
            voting.update_vote_item(item.item_id, args.title, args.kind)
            print(f"已修改第 {item.number} 项表决事项。")
        elif action == "move":
            item = _item(args.number)
            position = _whole(args.position, "新的序号")
            voting.move_vote_item(item.item_id, position - 1)
            print(f"已把“{item.title}”移到第 {min(position, len(voting.list_vote_items()))} 项。")
        elif action == "remove":
            item = _item(args.number)
            voting.remove_vote_item(item.item_id)
            print(f"已删除表决事项“{item.title}”。")
        _print_items()
    return 0
