"""The installable program (issue 18), end to end on this machine: tools/build_deb builds the
one-folder bundle and the .deb; the .deb is laid out as UOS expects; `dpkg -i` installs it; the
installed `meetingdesk-gui` opens the demo session offscreen (and under Xvfb when there is one)
and builds a paper in its paper-builder process; the installed `meetingdesk` prints a paper as
PDF and as .docx; a double-click's way (the MIME type, the desktop entry) opens a session;
`dpkg -r` takes it all away again, the clerk's data staying.

Slow (a few minutes: most of it PyInstaller) and it installs a package on the machine: run with
MEETINGDESK_PACKAGE_TESTS=1, as root or with password-less sudo, on Debian or Ubuntu —

    MEETINGDESK_PACKAGE_TESTS=1 .venv/bin/python -m pytest -q -m package tests/package

(.ci/run does, when time allows). The tests run in file order: the last removes the package.
"""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest

from meetingdesk.gui import APP_ID, LIBRARIES, MIME_TYPE

ROOT = Path(__file__).resolve().parents[2]
APP = Path("/opt/apps") / APP_ID
BIN = APP / "files" / "bin"


def _sudo() -> list[str] | None:
    if os.geteuid() == 0:
        return []
    if shutil.which("sudo") and subprocess.run(["sudo", "-n", "true"], capture_output=True).returncode == 0:
        return ["sudo", "-n"]
    return None


SUDO = _sudo() if sys.platform.startswith("linux") else None
pytestmark = [
    pytest.mark.package,
    pytest.mark.skipif(os.environ.get("MEETINGDESK_PACKAGE_TESTS") != "1",
                       reason="builds and installs the .deb: set MEETINGDESK_PACKAGE_TESTS=1"),
    pytest.mark.skipif(not shutil.which("dpkg") or SUDO is None,
                       reason="needs dpkg (Debian, Ubuntu, UOS, Kylin) and root or password-less sudo"),
]


def run(args: list[str], *, check: bool = True, timeout: float = 300, **kwargs) -> subprocess.CompletedProcess:
    done = subprocess.run(args, capture_output=True, text=True, timeout=timeout, **kwargs)
    if check and done.returncode != 0:
        raise AssertionError(f"{' '.join(map(str, args))} → {done.returncode}\n{done.stdout}\n{done.stderr}")
    return done


def installed() -> bool:
    done = run(["dpkg-query", "-W", "-f=${Status}", APP_ID], check=False)
    return "ok installed" in done.stdout


def clerk_env(home: Path, **extra: str) -> dict[str, str]:
    """A clerk's environment: a home of its own, no venv, no test settings; offscreen."""
    env = {"PATH": "/usr/local/bin:/usr/bin:/bin", "HOME": str(home), "LANG": "C.UTF-8",
           "QT_QPA_PLATFORM": "offscreen"}
    env.update(extra)
    return env


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> dict[str, Path]:
    out = tmp_path_factory.mktemp("package")
    started = time.monotonic()
    done = run([str(ROOT / "tools" / "build_deb"), str(out), "--gzip"], timeout=1800,
               env={**os.environ, "PYTHON": sys.executable})
    print(f"\nbuild: {time.monotonic() - started:.0f} s\n{done.stdout[-1500:]}")
    debs = list(out.glob(f"{APP_ID}_*.deb"))
    assert len(debs) == 1, done.stdout
    return {"out": out, "bundle": out / "MeetingDesk", "deb": debs[0]}


@pytest.fixture(scope="module")
def unpacked(built, tmp_path_factory) -> Path:
    where = tmp_path_factory.mktemp("unpacked")
    run(["dpkg-deb", "-x", str(built["deb"]), str(where)])
    return where


@pytest.fixture(scope="module")
def install(built):
    """The .deb installed with dpkg -i (removed again at the end, whatever happened)."""
    if installed():
        run(SUDO + ["dpkg", "-r", APP_ID])
    done = run(SUDO + ["dpkg", "-i", str(built["deb"])], check=False, timeout=600)
    assert done.returncode == 0, f"dpkg -i failed (are the Depends installed?)\n{done.stdout}\n{done.stderr}"
    yield built
    if installed():
        run(SUDO + ["dpkg", "-r", APP_ID])


# ------------------------------------------------------------------ the bundle and the package


def test_the_bundle_carries_python_qt_the_fonts_the_stroke_data_and_the_seeds(built):
    bundle = built["bundle"]
    internal = bundle / "_internal"
    for name in ("meetingdesk", "meetingdesk-gui"):
        assert os.access(bundle / name, os.X_OK)
    for part in ("resources/fonts/wqy-microhei.ttc", "resources/fonts/uming.ttc", "resources/fonts/uming.ARPHICPL.TXT",
                 "resources/strokes/strokes.txt", "resources/strokes/analogical.tsv", "resources/t2s.tsv",
                 "resources/icons/meetingdesk-256.png", "seeds/session.toml", "seeds/delegations.csv",
                 "PySide6/Qt/plugins/platforms/libqxcb.so", "PySide6/Qt/plugins/platforms/libqoffscreen.so",
                 "PySide6/Qt/translations/qtbase_zh_CN.qm", "docx/templates/default-header.xml"):
        assert (internal / part).is_file(), part
    # lean: Qt's other platforms, its GTK theme and its other languages stay out
    plugins = {p.name for p in (internal / "PySide6" / "Qt" / "plugins").rglob("*.so")}
    assert not plugins & {"libqwayland.so", "libqeglfs.so", "libqvnc.so", "libqgtk3.so"}
    assert not list(internal.rglob("qtbase_de.qm")) and not list(internal.rglob("libgtk-3.so*"))
    size = sum(p.stat().st_size for p in bundle.rglob("*") if p.is_file() and not p.is_symlink())
    print(f"bundle: {size / 2**20:.0f} MB, package: {built['deb'].stat().st_size / 2**20:.0f} MB")
    assert size < 300 * 2**20


def test_the_package_is_laid_out_as_uos_expects(built, unpacked):
    fields = run(["dpkg-deb", "-f", str(built["deb"])]).stdout
    control = dict(line.split(": ", 1) for line in fields.splitlines() if ": " in line and not line.startswith(" "))
    assert control["Package"] == APP_ID == APP_ID.lower()
    depends = control["Depends"]
    for package in ("libxcb-cursor0", "libxcb-icccm4", "libxcb-keysyms1", "libxkbcommon-x11-0", "libegl1",
                    "libfontconfig1", "libdbus-1-3", *set(LIBRARIES.values())):
        assert package in depends, package
    assert "libc6 (>= 2." in depends
    app = unpacked / APP.relative_to("/")
    info = json.loads((app / "info").read_text(encoding="utf-8"))
    assert info["appid"] == APP_ID and info["version"] == control["Version"]
    assert len(info["version"].split(".")) == 4 and info["arch"] == [control["Architecture"]]
    assert set(info["permissions"]) >= {"autostart", "notification", "trayicon", "clipboard"}
    assert not any(info["permissions"].values())
    desktop = (app / "entries" / "applications" / f"{APP_ID}.desktop").read_text(encoding="utf-8")
    assert f"Exec={BIN}/meetingdesk-gui %f" in desktop
    assert f"MimeType={MIME_TYPE};" in desktop and f"Icon={APP_ID}" in desktop
    assert (unpacked / "usr/share/applications" / f"{APP_ID}.desktop").read_text(encoding="utf-8") == desktop
    for base in (app / "entries", unpacked / "usr/share"):
        assert (base / "icons/hicolor/48x48/apps" / f"{APP_ID}.png").is_file()
        assert (base / "icons/hicolor/scalable/apps" / f"{APP_ID}.svg").is_file()
        mime = (base / "mime/packages" / f"{APP_ID}.xml").read_text(encoding="utf-8")
        assert f'type="{MIME_TYPE}"' in mime and 'pattern="*.meetingdesk"' in mime
    assert (app / "files/bin/meetingdesk").is_file() and (app / "files/doc/copyright").is_file()
    assert os.readlink(unpacked / "usr/bin/meetingdesk") == f"{BIN}/meetingdesk"
    assert os.readlink(unpacked / "usr/bin/meetingdesk-gui") == f"{BIN}/meetingdesk-gui"
    assert not (unpacked / "DEBIAN").exists()  # dpkg-deb -x leaves control out: no maintainer scripts below
    scripts = run(["dpkg-deb", "-I", str(built["deb"])]).stdout
    assert not any(name in scripts for name in ("postinst", "preinst", "prerm", "postrm"))
    if shutil.which("desktop-file-validate"):
        run(["desktop-file-validate", str(unpacked / "usr/share/applications" / f"{APP_ID}.desktop")])


# ------------------------------------------------------------------ installed


def test_dpkg_installs_the_two_commands_on_the_path(install):
    assert installed()
    assert shutil.which("meetingdesk", path="/usr/bin") == "/usr/bin/meetingdesk"
    assert Path("/usr/bin/meetingdesk").resolve() == BIN / "meetingdesk"
    assert Path("/usr/bin/meetingdesk-gui").resolve() == BIN / "meetingdesk-gui"
    assert (Path("/usr/share/applications") / f"{APP_ID}.desktop").is_file()


def test_the_installed_window_opens_the_demo_session_and_builds_a_paper(install, tmp_path):
    """Started as the desktop entry starts it, with no session named: the demo is made in the
    clerk's data folder and shown; the print preview builds the roster in the paper builder,
    which is the installed program started again (multiprocessing in a frozen bundle)."""
    home = tmp_path / "home"
    shot = tmp_path / "window.png"
    done = run(["meetingdesk-gui"], timeout=180, cwd=tmp_path,
               env=clerk_env(home, MEETINGDESK_SCREENSHOT=str(shot), MEETINGDESK_SCREENSHOT_PAPER="roster"))
    assert "roster: 7 页" in done.stdout, done.stdout + done.stderr
    demo = list((home / ".local/share/MeetingDesk").glob("*.meetingdesk"))
    assert [p.name for p in demo] == ["东西湖区第十一届人民代表大会第三次会议.meetingdesk"]
    from PySide6.QtGui import QImage

    for picture in (shot, tmp_path / "window-roster.png"):
        image = QImage(str(picture))
        assert not image.isNull() and image.width() > 600, picture
        colours = {image.pixel(x, y) for x in range(0, image.width(), 7) for y in range(0, image.height(), 7)}
        assert len(colours) > 20, picture  # drawn, not blank


@pytest.mark.skipif(not shutil.which("xvfb-run"), reason="no Xvfb (apt-get install xvfb xauth)")
def test_the_installed_window_opens_on_x11(install, tmp_path):
    """The xcb platform, as on a UOS or Kylin desktop: the libraries of Depends suffice."""
    shot = tmp_path / "x11.png"
    done = run(["xvfb-run", "-a", "-s", "-screen 0 1366x768x24", "meetingdesk-gui"], timeout=180, cwd=tmp_path,
               env={**clerk_env(tmp_path / "home", MEETINGDESK_SCREENSHOT=str(shot)), "QT_QPA_PLATFORM": "xcb"})
    assert shot.is_file(), done.stdout + done.stderr
    assert "Could not load the Qt platform plugin" not in done.stderr


def test_the_installed_command_prints_a_paper_as_pdf_and_as_word(install, tmp_path):
    from pypdf import PdfReader

    env = clerk_env(tmp_path / "home")
    session = tmp_path / "会议.meetingdesk"
    run(["meetingdesk", "demo", str(session)], env=env, cwd=tmp_path)
    done = run(["meetingdesk", "print", "roster", str(session), "-o", str(tmp_path / "名单.pdf")], env=env, cwd=tmp_path)
    assert "已写入代表团编团名单（共 7 页）" in done.stdout
    reader = PdfReader(str(tmp_path / "名单.pdf"))
    assert len(reader.pages) == 7 and "代表团编团名单" in reader.pages[0].extract_text()
    run(["meetingdesk", "print", "roster", str(session), "-o", str(tmp_path / "名单.docx")], env=env, cwd=tmp_path)
    with zipfile.ZipFile(tmp_path / "名单.docx") as docx:
        assert "代表团编团名单" in docx.read("word/document.xml").decode("utf-8")
    done = run(["meetingdesk", "check", str(session)], env=env, cwd=tmp_path, check=False)
    assert done.returncode in (0, 1) and "Traceback" not in done.stderr


@pytest.mark.skipif(not shutil.which("gio"), reason="no gio (libglib2.0-bin)")
def test_a_session_file_is_a_meetingdesk_file_and_opening_it_starts_the_window(install, tmp_path):
    """What a double-click in the file manager does: the file's type by its name, the
    application for that type, the application started with the file (Exec=… %f)."""
    home = tmp_path / "home"
    env = clerk_env(home)
    session = tmp_path / "session-3.meetingdesk"
    run(["meetingdesk", "demo", str(session)], env=env)
    kind = run(["gio", "info", "-a", "standard::content-type", str(session)], env=env).stdout
    assert f"standard::content-type: {MIME_TYPE}" in kind
    handlers = run(["gio", "mime", MIME_TYPE], env=env).stdout
    assert f"{APP_ID}.desktop" in handlers
    shot = tmp_path / "opened.png"
    run(["gio", "open", str(session)], env={**env, "MEETINGDESK_SCREENSHOT": str(shot)})
    settings = home / ".config/MeetingDesk/MeetingDesk.conf"
    for _ in range(240):  # gio starts the window and returns; the window remembers the file as it closes
        if shot.is_file() and settings.is_file() and session.name in settings.read_text(errors="replace"):
            break
        time.sleep(0.5)
    assert shot.is_file(), "the window did not start from the desktop entry"
    assert session.name in settings.read_text(errors="replace"), "the window did not open the file"
    assert not list((home / ".local/share/MeetingDesk").glob("*.meetingdesk"))  # the file, not the demo


def test_dpkg_removes_it_and_the_clerks_data_stays(install, tmp_path):
    home = tmp_path / "home"
    home.mkdir()
    run(["meetingdesk", "demo", str(home / "留下.meetingdesk")], env=clerk_env(home))
    run(SUDO + ["dpkg", "-r", APP_ID])
    assert not installed()
    assert not APP.exists() and not Path("/usr/bin/meetingdesk").exists() and not Path("/usr/bin/meetingdesk-gui").exists()
    assert not (Path("/usr/share/applications") / f"{APP_ID}.desktop").exists()
    assert (home / "留下.meetingdesk").is_file()
