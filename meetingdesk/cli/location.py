"""SESSION on the command line: a session file, or a server's address (postgresql://…)."""
from __future__ import annotations

from pathlib import Path

from meetingdesk.services import server

SESSION_HELP = "会议文件，或服务器上的会议：postgresql://用户@主机/数据库（?desk=工作台名称）"


def session_location(text: str) -> Path | str:
    """A Path for a file; the address as typed for a server (a Path would fold its //)."""
    return text if server.is_url(text) else Path(text)
