"""`meetingdesk publish` and `meetingdesk pull`: a session between a file and a server."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from meetingdesk.services import server

from .location import SESSION_HELP


def register(sub) -> None:
    p = sub.add_parser("publish", help="把会议文件发布到服务器上的空数据库，供多个工作台同时使用",
                       description="把会议文件中的全部内容复制到 PostgreSQL 服务器上一个空的数据库。会议文件不作改动，"
                                   "此后各工作台连接服务器使用；用 meetingdesk pull 可随时取回为会议文件（存档）。"
                                   "数据库不是空的时不写入任何内容。")
    p.add_argument("session", type=Path, help="会议文件")
    p.add_argument("url", help="服务器上的空数据库：postgresql://用户:密码@主机:端口/数据库")
    p.set_defaults(func=publish)

    p = sub.add_parser("pull", help="把服务器上的会议取回为会议文件（存档）",
                       description="把服务器上的会议全部复制到一个新的会议文件（不能已存在），变更日志一并取回。"
                                   "服务器上的会议不作改动。")
    p.add_argument("url", help=SESSION_HELP)
    p.add_argument("file", type=Path, help="新会议文件的路径（.meetingdesk，不能已存在）")
    p.set_defaults(func=pull)

    p = sub.add_parser("grant", help="在服务器上给工作台的登录名设置权限：只读、仅签到、仅计票或全部权限",
                       description="以会议数据库的所有者（或有 CREATEROLE 权限的管理员）连接，给一个工作台的登录名设置"
                                   "权限；登录名不存在时新建。read 只读；signin 仅签到；count 仅计票；full 全部权限。"
                                   "--list 列出已设置的登录名。")
    p.add_argument("url", help="服务器上的会议（以所有者或管理员身份）：postgresql://管理员@主机/数据库")
    p.add_argument("user", nargs="?", help="工作台的登录名，如 signin1")
    p.add_argument("--rights", choices=("read", "signin", "count", "full"), help="权限")
    p.add_argument("--password", help="登录密码（新建或修改）；省略时不设密码（由服务器的认证方式决定能否登录）")
    p.add_argument("--list", action="store_true", help="列出各登录名的权限")
    p.set_defaults(func=grant)


def _progress(done: int, total: int, table: str) -> None:
    if sys.stderr.isatty() and total:
        print(f"\r{done}/{total} {table:<24}", end="" if done < total else "\n", file=sys.stderr, flush=True)


def publish(args: argparse.Namespace) -> int:
    rows = server.publish(args.session, args.url, _progress)
    print(f"已发布到{server.describe(args.url)}：{rows} 行。会议文件未作改动；各工作台请连接服务器使用。")
    return 0


def pull(args: argparse.Namespace) -> int:
    rows = server.pull(args.url, args.file, _progress)
    print(f"已从{server.describe(args.url)}取回到“{args.file}”：{rows} 行。")
    return 0


def grant(args: argparse.Namespace) -> int:
    from meetingdesk.services import ServiceError

    if args.list:
        found = server.rights(args.url)
        for user, label in found:
            print(f"{user}\t{label}")
        if not found:
            print("还没有给任何登录名设置权限。")
        return 0
    if not args.user or not args.rights:
        raise ServiceError("请给出登录名和 --rights（read、signin、count 或 full），或用 --list 列出。")
    made = server.grant(args.url, args.user, args.rights, args.password)
    print(f"{'已新建登录名' if made else '登录名'}“{args.user}”：{server.RIGHTS[args.rights]}"
          f"（{server.describe(args.url)}）。")
    return 0
