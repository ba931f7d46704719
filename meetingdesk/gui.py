"""The window's entry: `meetingdesk-gui [SESSION]`, `python main.py [SESSION]`, the bundle's
`meetingdesk-gui` — and, before any of Qt is loaded, the check of the system libraries Qt needs.

This module imports nothing of Qt. On Linux Qt's libraries (from the PySide6 wheel, or bundled)
load a few libraries of the system (EGL, fontconfig, xkbcommon …) and its xcb platform plugin a
dozen more (libxcb-cursor0, libxcb-icccm4, libxcb-keysyms1 …). A fresh Debian or Ubuntu machine
lacks some: Qt then stops with “Could not load the Qt platform plugin "xcb"” and a hint that
names no package. `missing_libraries()` tries each with ctypes first, and `main()` names the
Debian packages to install and the one apt-get line, instead of starting.

LIBRARIES, one table soname → Debian package, also gives the .deb its Depends
(packaging/linux/build_deb.py checks that every library the bundle needs is in it).
"""
from __future__ import annotations

import ctypes
import os
import sys
from pathlib import Path

APP_ID = "org.meetingdesk.meetingdesk"  # the .deb's package name, its /opt/apps folder, .desktop, icon
MIME_TYPE = "application/x-meetingdesk"  # *.meetingdesk session files

# What loading Qt's libraries needs of the system, whichever platform plugin runs (offscreen too).
CORE: dict[str, str] = {
    "libEGL.so.1": "libegl1",
    "libGL.so.1": "libgl1",
    "libX11.so.6": "libx11-6",
    "libxkbcommon.so.0": "libxkbcommon0",
    "libfontconfig.so.1": "libfontconfig1",
    "libfreetype.so.6": "libfreetype6",
    "libglib-2.0.so.0": "libglib2.0-0",
    "libgthread-2.0.so.0": "libglib2.0-0",
    "libdbus-1.so.3": "libdbus-1-3",
}
# What the xcb platform plugin (the window on an X11 desktop: UOS, Kylin, Debian, Ubuntu) needs.
XCB: dict[str, str] = {
    "libxcb.so.1": "libxcb1",
    "libX11-xcb.so.1": "libx11-xcb1",
    "libxkbcommon-x11.so.0": "libxkbcommon-x11-0",
    "libxcb-cursor.so.0": "libxcb-cursor0",
    "libxcb-icccm.so.4": "libxcb-icccm4",
    "libxcb-image.so.0": "libxcb-image0",
    "libxcb-keysyms.so.1": "libxcb-keysyms1",
    "libxcb-randr.so.0": "libxcb-randr0",
    "libxcb-render.so.0": "libxcb-render0",
    "libxcb-render-util.so.0": "libxcb-render-util0",
    "libxcb-shape.so.0": "libxcb-shape0",
    "libxcb-shm.so.0": "libxcb-shm0",
    "libxcb-sync.so.1": "libxcb-sync1",
    "libxcb-util.so.1": "libxcb-util1",
    "libxcb-xfixes.so.0": "libxcb-xfixes0",
    "libxcb-xkb.so.1": "libxcb-xkb1",
}
LIBRARIES: dict[str, str] = {**CORE, **XCB}


def platform_plugin(environ: dict[str, str] | None = None) -> str:
    """The Qt platform plugin this start will use, as Qt chooses it on Linux: QT_QPA_PLATFORM's
    first entry, else wayland in a Wayland session that has the plugin, else xcb. (Qt falls back
    from wayland to xcb; without the wayland plugin, as in the bundle, it is xcb at once.)"""
    environ = os.environ if environ is None else environ
    chosen = environ.get("QT_QPA_PLATFORM", "").split(";")[0].split(":")[0].strip()
    if chosen:
        return chosen
    if environ.get("XDG_SESSION_TYPE") == "wayland" and environ.get("WAYLAND_DISPLAY") and _has_wayland_plugin():
        return "wayland"
    return "xcb"


def _qt_folders() -> list[Path]:
    """Where a library of ours may lie: the bundle's own folder, PySide6's Qt/lib."""
    folders = []
    if getattr(sys, "frozen", False):
        folders.append(Path(getattr(sys, "_MEIPASS", Path(sys.executable).parent)))
    try:
        import importlib.util

        spec = importlib.util.find_spec("PySide6")  # finds the package without importing it
        if spec is not None and spec.submodule_search_locations:
            folders += [Path(p) / "Qt" / "lib" for p in spec.submodule_search_locations]
    except (ImportError, ValueError):
        pass
    return folders


def _has_wayland_plugin() -> bool:
    return any((folder.parent / "plugins" / "platforms" / "libqwayland.so").exists()
               or (folder / "PySide6" / "Qt" / "plugins" / "platforms" / "libqwayland.so").exists()
               for folder in _qt_folders())


def _loads(soname: str, folders: list[Path]) -> bool:
    if any((folder / soname).exists() for folder in folders):
        return True  # shipped with the program (the bundle carries some of them)
    try:
        ctypes.CDLL(soname)
    except OSError:
        return False
    return True


def missing_libraries(platform: str | None = None) -> dict[str, str]:
    """The system libraries Qt will need here and cannot load: soname → Debian package. Empty
    off Linux, and when everything loads."""
    if not sys.platform.startswith("linux"):
        return {}
    platform = platform_plugin() if platform is None else platform
    wanted = dict(CORE)
    if platform == "xcb":
        wanted.update(XCB)
    folders = _qt_folders()
    return {soname: package for soname, package in wanted.items() if not _loads(soname, folders)}


def missing_message(missing: dict[str, str]) -> str:
    """What the clerk (or whoever sets the machine up) reads instead of Qt's xcb message."""
    packages = sorted(set(missing.values()))
    return (
        "MeetingDesk 无法打开窗口：系统缺少图形界面所需的库 " + "、".join(missing) + "。\n"
        "请安装这些软件包后再启动（统信 UOS、麒麟、Debian、Ubuntu）：\n\n"
        "    sudo apt-get install " + " ".join(packages) + "\n\n"
        "MeetingDesk cannot open its window: the system lacks " + ", ".join(missing) + ".\n"
        "Install the Debian/Ubuntu packages " + ", ".join(packages) + " (the command above) and start it again.\n"
        "(The .deb package installs them itself.)")


def main(argv: list[str] | None = None) -> int:
    """The window: check the system's libraries, then start Qt with the session named, if any."""
    import multiprocessing

    multiprocessing.freeze_support()  # a bundle's paper builder: 'spawn' runs this same program
    missing = missing_libraries()
    if missing:
        print(missing_message(missing), file=sys.stderr)
        return 1
    from meetingdesk.ui.app import main as start_window  # Qt loads here, once it can

    return start_window(argv)


if __name__ == "__main__":
    sys.exit(main())
