"""The error log: every unexpected error with its traceback, in the user's data folder.

The clerk sees a sentence; whoever helps the clerk later reads this file. It rotates (5 files of
1 MB), so it never fills the disk. Used by the window's error dialog and by the command line,
which never prints a traceback.
"""
from __future__ import annotations

import logging
import logging.handlers
import os
import sys
from pathlib import Path

_logger: logging.Logger | None = None


APP_FOLDER = "MeetingDesk"


def data_base() -> Path:
    """Where the platform keeps programs' data folders (Qt's GenericDataLocation; on Windows the
    roaming AppData, as Qt's AppDataLocation)."""
    if sys.platform == "win32":  # pragma: no cover
        return Path(os.environ.get("APPDATA") or Path.home() / "AppData" / "Roaming")
    if sys.platform == "darwin":  # pragma: no cover
        return Path.home() / "Library" / "Application Support"
    return Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")


def data_folder() -> Path:
    """The user's data folder, one `MeetingDesk` folder where Qt's AppDataLocation puts it for
    the window (which keeps its demo there: ui.app names the application so that the two agree);
    MEETINGDESK_DATA overrides it."""
    if os.environ.get("MEETINGDESK_DATA"):
        return Path(os.environ["MEETINGDESK_DATA"])
    return data_base() / APP_FOLDER


def old_data_folder() -> Path:
    """The doubled folder (`MeetingDesk/MeetingDesk`) of versions before issue 14, whose demo and
    log ui.app copies into data_folder() once."""
    return data_base() / APP_FOLDER / APP_FOLDER


def log_path() -> Path:
    return data_folder() / "logs" / "meetingdesk.log"


def logger() -> logging.Logger:
    global _logger
    if _logger is None:
        _logger = logging.getLogger("meetingdesk.errors")
        _logger.propagate = False
        try:
            log_path().parent.mkdir(parents=True, exist_ok=True)
            handler: logging.Handler = logging.handlers.RotatingFileHandler(
                log_path(), maxBytes=1_000_000, backupCount=5, encoding="utf-8")
        except OSError:
            handler = logging.NullHandler()  # no log is better than no program
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(message)s"))
        _logger.addHandler(handler)
        _logger.setLevel(logging.INFO)
    return _logger


def record(exc: BaseException, context: str = "") -> Path:
    """Write EXC with its traceback to the log; returns the log's path for the message."""
    try:
        logger().error("%s", context or type(exc).__name__, exc_info=(type(exc), exc, exc.__traceback__))
    except Exception:  # the log must never be the second failure
        pass
    return log_path()
