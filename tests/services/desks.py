"""Another desk on a server session, for the tests: a program of its own (a subprocess) that
opens the session at its desk, runs some code through the services, and stops."""
from __future__ import annotations

import os
import subprocess
import sys
import textwrap

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
