"""Run a `meetingdesk` command in a child process that kills itself (SIGKILL, as kill -9 or a
power cut would) at its Nth writing statement, mid-transaction.

    python -m tests.reliability.faults N meetingdesk-arguments…

N = 0 never kills: the child runs to the end (to count the statements a command makes).
The count of writing statements is printed to stderr as `writes=K` when the command finishes."""
from __future__ import annotations

import os
import signal
import sys

WRITES = ("INSERT", "UPDATE", "DELETE", "CREATE", "ALTER", "DROP", "PRAGMA USER_VERSION =")


def main() -> int:
    kill_at = int(sys.argv[1])
    from meetingdesk.store.db import SessionDatabase

    calls = [0]
    original = SessionDatabase.execute_sql

    def execute_sql(self, sql, params=None):
        if sql.lstrip().upper().startswith(WRITES):
            calls[0] += 1
            if calls[0] == kill_at:
                os.kill(os.getpid(), signal.SIGKILL)
        return original(self, sql, params)

    SessionDatabase.execute_sql = execute_sql
    from meetingdesk.cli.main import main as cli

    status = cli(sys.argv[2:])
    print(f"writes={calls[0]}", file=sys.stderr)
    return status


if __name__ == "__main__":
    sys.exit(main())
