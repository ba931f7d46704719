"""Where the shipped data files live.

`resources/` and `seeds/` sit at the top of the repository (as the project layout asks)
and are installed as the packages `meetingdesk.resources` and `meetingdesk.seeds`
(see pyproject.toml), so both a checkout and an installed wheel find them.
"""
from __future__ import annotations

from importlib import resources as _res
from pathlib import Path

_ROOT = Path(__file__).resolve().parent.parent


def _base(folder: str) -> Path:
    local = _ROOT / folder
    if local.is_dir():
        return local
    return Path(str(_res.files(f"meetingdesk.{folder}")))


def resource(*parts: str) -> Path:
    """A file under `resources/`, e.g. resource("fonts", "wqy-microhei.ttc")."""
    return _base("resources").joinpath(*parts)


def seed(*parts: str) -> Path:
    """A file under `seeds/`, the bundled demo session."""
    return _base("seeds").joinpath(*parts)
