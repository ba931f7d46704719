"""Qt's own texts in Chinese: the context menus of text fields (撤消, 复制, 粘贴 …), the standard
buttons (确定, 取消, 保存 …), the file and print dialogs, and the calendar's day names.

PySide6 ships Qt's translations; `install(app)` loads qtbase_zh_CN.qm from Qt's translations
folder with a QTranslator and makes Chinese (China) the default locale. Without the file (a
stripped build) the program goes on in English rather than not at all. `uninstall` undoes it
(for tests, which share one QApplication).
"""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

CATALOGS = ("qtbase_zh_CN", "qt_zh_CN")  # qtbase holds the widgets' texts; qt_ is its meta-catalog
CHINA = QLocale("zh_CN")

_installed: QTranslator | None = None
_locale_before: QLocale | None = None


def folder() -> Path:
    """Where PySide6 keeps Qt's .qm files."""
    return Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath))


def install(app: QCoreApplication, *, locale: bool = True) -> QTranslator | None:
    """Load Qt's Chinese translations into APP (once); with LOCALE, make zh_CN the default
    locale too. Returns the translator, or None when no catalog was found."""
    global _installed, _locale_before
    if _installed is not None:
        return _installed
    for name in CATALOGS:
        translator = QTranslator(app)
        if translator.load(name, str(folder())):
            app.installTranslator(translator)
            _installed = translator
            break
        translator.deleteLater()
    if locale and _locale_before is None:
        _locale_before = QLocale()
        QLocale.setDefault(CHINA)
    return _installed


def uninstall(app: QCoreApplication) -> None:
    """Remove what `install` did: Qt's texts in English again, the locale as before."""
    global _installed, _locale_before
    if _installed is not None:
        app.removeTranslator(_installed)
        _installed.deleteLater()
        _installed = None
    if _locale_before is not None:
        QLocale.setDefault(_locale_before)
        _locale_before = None


def installed() -> bool:
    return _installed is not None
