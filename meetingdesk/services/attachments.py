"""An attached file (a motion's, a unit's reply's) read into the session file and written back out."""
from __future__ import annotations

from pathlib import Path

from .errors import ServiceError

MAX_ATTACHMENT = 50 * 1024 * 1024  # the session file travels on a laptop


def read(value: str) -> tuple[str, bytes | None]:
    """(name, bytes) of the file at VALUE to store, ("", None) for none; refused, on the field
    "attachment", when it is missing, too large or unreadable."""
    if not value:
        return "", None
    path = Path(value)
    if not path.is_file():
        raise ServiceError(f"找不到附件“{value}”。", "attachment")
    if path.stat().st_size > MAX_ATTACHMENT:
        raise ServiceError(f"附件“{path.name}”超过 {MAX_ATTACHMENT // 1024 // 1024} MB，请附扫描件的压缩版本。",
                           "attachment")
    try:
        return path.name, path.read_bytes()
    except OSError as exc:
        raise ServiceError(f"无法读取附件“{path.name}”：{exc.strerror}", "attachment") from exc


def write(content: bytes, target: str | Path) -> None:
    """CONTENT out at TARGET, to open or print it: through the same checks as a printed paper,
    never over a session file, whole or not at all."""
    from . import output

    output.write(target, "", lambda tmp: Path(tmp).write_bytes(content))
