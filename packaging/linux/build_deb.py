"""Build the one-folder bundle (PyInstaller, packaging/meetingdesk.spec) and the .deb made from it.

    python packaging/linux/build_deb.py [--bundle DIR] [--gzip] [OUTDIR]   (tools/build_deb runs this)

OUTDIR (default dist/) receives MeetingDesk/ (the bundle) and APPID_VERSION_ARCH.deb. With
--bundle DIR an existing bundle is packed instead of building one. The package is compressed
with xz (about 60 MB; two minutes on two cores); --gzip packs it in a fraction of the time,
about 40% larger (the package tests use it: the contents are the same).

The package is laid out as UOS asks of an application (统信 UOS 应用打包规范):

    /opt/apps/APPID/info                                 JSON: appid, name, version, arch, permissions
    /opt/apps/APPID/files/bin/                           the bundle: meetingdesk, meetingdesk-gui, _internal/
    /opt/apps/APPID/files/doc/copyright
    /opt/apps/APPID/entries/applications/APPID.desktop   Exec=…/meetingdesk-gui %f, MimeType=application/x-meetingdesk
    /opt/apps/APPID/entries/icons/hicolor/*/apps/APPID.{png,svg}
    /opt/apps/APPID/entries/mime/packages/APPID.xml      *.meetingdesk (shared-mime-info)

and, for every other Debian-based system, the same entry, icons and MIME type under /usr/share
(one desktop-file ID, so a system that reads both shows one entry), /usr/share/doc/APPID/copyright,
and /usr/bin/meetingdesk and /usr/bin/meetingdesk-gui (links into files/bin). No maintainer
scripts: the desktop, MIME and icon caches are refreshed by the triggers of desktop-file-utils,
shared-mime-info and hicolor-icon-theme.

Depends: every package of meetingdesk.gui.LIBRARIES (what Qt and its xcb plugin load from the
system: libxcb-cursor0, libxcb-icccm4, libegl1 …), the package of every other library a file of
the bundle needs and the bundle does not carry (an unknown one stops the build, naming it), and
libc6 at least as new as the newest GLIBC_ symbol version any file asks for.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from meetingdesk import __version__  # noqa: E402
from meetingdesk.gui import APP_ID, LIBRARIES, MIME_TYPE  # noqa: E402  (neither imports Qt)

HERE = Path(__file__).resolve().parent
ICONS = ROOT / "resources" / "icons"
ICON_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
APP_DIR = f"opt/apps/{APP_ID}"
BIN = f"/{APP_DIR}/files/bin"

# Libraries of the C and C++ runtime and the few others every Debian system has.
BASE: dict[str, str] = {
    "libc.so.6": "libc6", "libm.so.6": "libc6", "libpthread.so.0": "libc6", "libdl.so.2": "libc6",
    "librt.so.1": "libc6", "libutil.so.1": "libc6", "libresolv.so.2": "libc6", "libcrypt.so.1": "libcrypt1",
    "ld-linux-x86-64.so.2": "libc6", "ld-linux-aarch64.so.1": "libc6",
    "libstdc++.so.6": "libstdc++6", "libgcc_s.so.1": "libgcc-s1",
    "libz.so.1": "zlib1g", "libGLX.so.0": "libglx0", "libGLdispatch.so.0": "libglvnd0",
    "libOpenGL.so.0": "libopengl0",
}
# Ubuntu 24.04 renamed some libraries in the 64-bit time_t transition; either name satisfies.
ALTERNATIVES = {"libglib2.0-0": "libglib2.0-0 | libglib2.0-0t64"}
RECOMMENDS = ["cups-client", "shared-mime-info", "desktop-file-utils", "hicolor-icon-theme"]


def say(text: str) -> None:
    print(f"build_deb: {text}", flush=True)


def deb_version(version: str = __version__) -> str:
    """UOS wants four numbers (MAJOR.MINOR.PATCH.BUILD): 0.1.0 → 0.1.0.0, in control and info alike."""
    parts = re.findall(r"\d+", version)[:4]
    return ".".join(parts + ["0"] * (4 - len(parts)))


def architecture() -> str:
    return subprocess.run(["dpkg", "--print-architecture"], capture_output=True, text=True,
                          check=True).stdout.strip()


def build_bundle(out: Path) -> Path:
    """PyInstaller over packaging/meetingdesk.spec into OUT/MeetingDesk."""
    work = out / ".pyinstaller-work"
    started = time.monotonic()
    subprocess.run([sys.executable, "-m", "PyInstaller", "--noconfirm", "--log-level", "WARN",
                    "--workpath", str(work), "--distpath", str(out), str(ROOT / "packaging" / "meetingdesk.spec")],
                   check=True, cwd=ROOT)
    shutil.rmtree(work, ignore_errors=True)
    bundle = out / "MeetingDesk"
    say(f"bundle built in {time.monotonic() - started:.0f} s: {bundle} ({size_mb(bundle):.0f} MB)")
    return bundle


def size_mb(path: Path) -> float:
    if path.is_file():
        return path.stat().st_size / 2**20
    return sum(p.lstat().st_size for p in path.rglob("*") if p.is_file() and not p.is_symlink()) / 2**20


def smoke(bundle: Path) -> None:
    """The bundle's command line answers (it imports every service and every paper kind)."""
    done = subprocess.run([str(bundle / "meetingdesk"), "print", "--list"], capture_output=True, text=True)
    if done.returncode != 0 or "roster" not in done.stdout:
        raise SystemExit(f"the bundle's meetingdesk does not run:\n{done.stdout}{done.stderr}")


# ------------------------------------------------------------------ what the bundle needs


def elf_files(bundle: Path) -> list[Path]:
    found = []
    for path in bundle.rglob("*"):
        if path.is_file() and not path.is_symlink():
            with path.open("rb") as fh:
                if fh.read(4) == b"\x7fELF":
                    found.append(path)
    return found


def needs(path: Path) -> tuple[list[str], list[str]]:
    """The sonames PATH names as NEEDED, and the GLIBC_x.y versions it asks of libc."""
    text = subprocess.run(["objdump", "-p", str(path)], capture_output=True, text=True, check=True).stdout
    needed = re.findall(r"^\s+NEEDED\s+(\S+)", text, re.M)
    glibc = re.findall(r"\bGLIBC_(\d+\.\d+(?:\.\d+)?)\b", text)
    return needed, glibc


def depends(bundle: Path) -> tuple[list[str], dict[str, list[str]]]:
    """Depends for the control file, and what the bundle needs of the system (soname → files)."""
    carried = {p.name for p in bundle.rglob("*")}
    wanted: dict[str, list[str]] = {}
    newest = (2, 17)
    for path in elf_files(bundle):
        needed, glibc = needs(path)
        for soname in needed:
            if soname not in carried:
                wanted.setdefault(soname, []).append(str(path.relative_to(bundle)))
        for version in glibc:
            newest = max(newest, tuple(int(n) for n in version.split(".")[:2]))
    known = {**BASE, **LIBRARIES}
    unknown = {s: files for s, files in wanted.items() if s not in known}
    if unknown:
        lines = "\n".join(f"  {s} (needed by {', '.join(files[:3])})" for s, files in sorted(unknown.items()))
        raise SystemExit("the bundle needs system libraries of no known package; add each to "
                         f"meetingdesk.gui.LIBRARIES or BASE in {Path(__file__).name}:\n{lines}")
    packages = set(LIBRARIES.values()) | {known[s] for s in wanted}
    packages.discard("libc6")
    result = [f"libc6 (>= {newest[0]}.{newest[1]})"] + [ALTERNATIVES.get(p, p) for p in sorted(packages)]
    return result, wanted


# ------------------------------------------------------------------ the package's tree


def fill(template: Path) -> str:
    return (template.read_text(encoding="utf-8").replace("@APPID@", APP_ID).replace("@BIN@", BIN)
            .replace("@MIME@", MIME_TYPE))


def write(path: Path, text: str | bytes, mode: int = 0o644) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    path.chmod(mode)


def entries(base: Path) -> None:
    """The desktop entry, the icons and the MIME type under BASE (…/entries or usr/share)."""
    write(base / "applications" / f"{APP_ID}.desktop", fill(HERE / "meetingdesk.desktop"))
    for size in ICON_SIZES:
        write(base / "icons" / "hicolor" / f"{size}x{size}" / "apps" / f"{APP_ID}.png",
              (ICONS / f"meetingdesk-{size}.png").read_bytes())
    write(base / "icons" / "hicolor" / "scalable" / "apps" / f"{APP_ID}.svg", (ICONS / "meetingdesk.svg").read_bytes())
    write(base / "mime" / "packages" / f"{APP_ID}.xml", fill(HERE / "mime.xml"))


def stage(bundle: Path, root: Path, arch: str, depends_line: list[str]) -> None:
    if root.exists():
        shutil.rmtree(root)
    app = root / APP_DIR
    shutil.copytree(bundle, app / "files" / "bin", symlinks=True)
    copyright_text = (HERE / "copyright").read_text(encoding="utf-8")
    write(app / "files" / "doc" / "copyright", copyright_text)
    write(root / "usr" / "share" / "doc" / APP_ID / "copyright", copyright_text)
    write(app / "info", json.dumps({
        "appid": APP_ID,
        "name": "MeetingDesk 大会秘书处工作程序",
        "version": deb_version(),
        "arch": [arch],
        "permissions": {key: False for key in ("autostart", "notification", "trayicon", "clipboard", "account",
                                                "bluetooth", "camera", "audio_record", "installed_apps")},
    }, ensure_ascii=False, indent=2) + "\n")
    entries(app / "entries")
    entries(root / "usr" / "share")
    (root / "usr" / "bin").mkdir(parents=True)
    for name in ("meetingdesk", "meetingdesk-gui"):
        (root / "usr" / "bin" / name).symlink_to(f"{BIN}/{name}")
    for path in root.rglob("*"):  # whatever umask the build ran under
        if not path.is_symlink():
            path.chmod(0o755 if path.is_dir() or os.access(path, os.X_OK) else 0o644)

    installed_kb = sum(p.lstat().st_size for p in root.rglob("*") if p.is_file() and not p.is_symlink()) // 1024
    control = "\n".join([
        f"Package: {APP_ID}",
        f"Version: {deb_version()}",
        f"Architecture: {arch}",
        "Maintainer: MeetingDesk <meetingdesk@localhost>",
        f"Installed-Size: {installed_kb}",
        f"Depends: {', '.join(depends_line)}",
        f"Recommends: {', '.join(RECOMMENDS)}",
        "Section: office",
        "Priority: optional",
        "Description: MeetingDesk 大会秘书处工作程序 — a People's Congress session's secretariat",
        " The desktop program of the secretariat of a district People's Congress session:",
        " delegation rosters in stroke order, the presidium and the schedule, motions,",
        " elections, ballots and the count, attendance and seating; one session is one",
        " file (*.meetingdesk), used offline. Commands: meetingdesk-gui [SESSION] (the",
        " window) and meetingdesk (the command line).",
        "",
    ])
    write(root / "DEBIAN" / "control", control)
    sums = []
    for path in sorted(root.rglob("*")):
        if path.is_file() and not path.is_symlink() and "DEBIAN" not in path.relative_to(root).parts:
            sums.append(f"{hashlib.md5(path.read_bytes()).hexdigest()}  {path.relative_to(root)}")
    write(root / "DEBIAN" / "md5sums", "\n".join(sums) + "\n")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("outdir", nargs="?", type=Path, default=ROOT / "dist")
    parser.add_argument("--bundle", type=Path, help="pack this bundle instead of building one")
    parser.add_argument("--gzip", action="store_true", help="compress quickly (gzip -1) rather than small (xz)")
    args = parser.parse_args(argv)
    started = time.monotonic()
    out = args.outdir.resolve()
    out.mkdir(parents=True, exist_ok=True)
    bundle = args.bundle.resolve() if args.bundle else build_bundle(out)
    smoke(bundle)
    arch = architecture()
    depends_line, wanted = depends(bundle)
    say(f"{len(wanted)} libraries from the system; Depends: {', '.join(depends_line)}")
    root = out / f".deb-{APP_ID}"
    stage(bundle, root, arch, depends_line)
    deb = out / f"{APP_ID}_{deb_version()}_{arch}.deb"
    packed = time.monotonic()
    compression = ["-Zgzip", "-z1"] if args.gzip else ["-Zxz"]
    subprocess.run(["dpkg-deb", "--root-owner-group", *compression, "--build", str(root), str(deb)],
                   check=True, stdout=subprocess.DEVNULL)
    shutil.rmtree(root)
    say(f"packed in {time.monotonic() - packed:.0f} s: {deb} ({size_mb(deb):.0f} MB); "
        f"{time.monotonic() - started:.0f} s in all")
    return 0


if __name__ == "__main__":
    sys.exit(main())
