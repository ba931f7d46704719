"""The line of a form that names an attached file: its path (or the name of the file already kept
in the session file), 选择文件… and 移除. The services copy the chosen file in."""
from __future__ import annotations

from PySide6.QtWidgets import QFileDialog, QHBoxLayout, QLineEdit, QPushButton, QWidget

FILE_FILTER = "文档和图片 (*.pdf *.doc *.docx *.wps *.ofd *.txt *.jpg *.jpeg *.png);;所有文件 (*)"


class AttachmentEdit(QWidget):
    """A read-only line with 选择文件… (a file dialog titled CAPTION) and 移除."""

    def __init__(self, caption: str, tooltip: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.caption = caption
        self.line = QLineEdit()
        self.line.setReadOnly(True)
        self.line.setPlaceholderText("（无附件）")
        if tooltip:
            self.line.setToolTip(tooltip)
        self.choose_button = QPushButton("选择文件…")
        self.choose_button.clicked.connect(self.choose_file)
        self.drop_button = QPushButton("移除")
        self.drop_button.clicked.connect(self.clear)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.line, 1)
        layout.addWidget(self.choose_button)
        layout.addWidget(self.drop_button)

    def text(self) -> str:
        return self.line.text()

    def setText(self, text: str) -> None:  # noqa: N802 (as QLineEdit's)
        self.line.setText(text)

    def clear(self) -> None:
        self.line.clear()

    def choose_file(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.caption, "", FILE_FILTER)
        if path:
            self.line.setText(path)
