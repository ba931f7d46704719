"""Another desk on a server session, for the tests: a program of its own (a subprocess) that
opens the session at its desk, runs some code through the services, and stops."""
from __future__ import annotations

import contextlib
import os
import subprocess
import sys
import textwrap
from collections.abc import Iterator

PRELUDE = textwrap.dedent("""
    from dataclasses import replace
    from meetingdesk.services import (attendance, counting, drafts, elections, motions, roster, schedule,
                                      session, settings, suggestions, voting)
    from meetingdesk.services.counting import Figure
    from meetingdesk.services.roster import MemberInput
""")


def at_desk(url: str, desk: str) -> str:
    """URL with the desk's name."""
    return url + ("&" if "?" in url else "?") + "desk=" + desk


def run_at_desk(url: str, desk: str, code: str) -> str:
    """CODE run by another program at DESK on the session at URL; what it printed."""
    script = PRELUDE + f"session.open_session({at_desk(url, desk)!r})\n" + textwrap.dedent(code)
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                          env=dict(os.environ, PYTHONPATH=os.getcwd()))
    assert done.returncode == 0, done.stderr
    return done.stdout


@contextlib.contextmanager
def holding_at_desk(url: str, desk: str, code: str, hold: float = 1.5) -> Iterator[None]:
    """Another program at DESK runs CODE inside one transaction and keeps it open HOLD seconds:
    the body runs meanwhile, as a second desk acting at the same moment; the other program's
    commit and a clean exit are waited for and checked after it."""
    script = (PRELUDE + "import time\nfrom meetingdesk import store\n"
              f"session.open_session({at_desk(url, desk)!r})\n"
              "with store.database.atomic():\n"
              + textwrap.indent(textwrap.dedent(code).strip(), "    ")
              + f"\n    print('written', flush=True)\n    time.sleep({hold})\n")
    other = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                             text=True, env=dict(os.environ, PYTHONPATH=os.getcwd()))
    try:
        assert other.stdout.readline().strip() == "written", other.stderr.read()
        yield
    finally:
        other.wait(timeout=30)
    assert other.returncode == 0, other.stderr.read()
