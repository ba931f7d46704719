"""文件 ▸ 连接服务器…: open the session published on the office's server, as one of several desks.

The address is remembered for next time (ui.common.recent), never the password: a desk's
computer may be shared, and the settings file is plain text."""
from __future__ import annotations

import socket
from collections.abc import Callable

from PySide6.QtWidgets import QLabel, QLineEdit, QSpinBox, QWidget

from meetingdesk.services import ServiceError, server
from meetingdesk.ui.common import recent
from meetingdesk.ui.common.dialogs import CheckedDialog

TITLE = "连接服务器"
DEFAULT_PORT = 5432


class ConnectDialog(CheckedDialog):
    """The server's address, the desk's name and the login; OK opens the session through
    OPEN(url), which raises ServiceError when it cannot (the dialog stays, with what was typed)."""

    def __init__(self, parent: QWidget | None = None, url: str | None = None,
                 open_url: Callable[[str], None] | None = None) -> None:
        super().__init__(TITLE, parent)
        note = QLabel("连接秘书处服务器上发布的会议，多个工作台可同时录入。密码不会保存。")
        note.setWordWrap(True)
        self.form.addRow(note)
        self.host = self.add_field("host", "服务器地址", QLineEdit())
        self.host.setPlaceholderText("计算机名或 IP 地址，如 192.168.1.10")
        self.port = self.add_field("port", "端口", QSpinBox())
        self.port.setRange(1, 65535)
        self.port.setValue(DEFAULT_PORT)
        self.database = self.add_field("database", "数据库名", QLineEdit())
        self.database.setPlaceholderText("发布会议时所用的名称")
        self.desk = self.add_field("desk", "工作台名称", QLineEdit())
        self.desk.setPlaceholderText(f"如 签到台一（不填则用计算机名 {socket.gethostname()}）")
        self.user = self.add_field("user", "用户名", QLineEdit())
        self.password = self.add_field("password", "密码", QLineEdit())
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setPlaceholderText("服务器不要求时可不填")
        self.buttons.button(self.buttons.StandardButton.Ok).setText("连接")
        self.setMinimumWidth(460)
        self.url: str | None = None  # the address connected to, after OK (with the password)
        self._open = open_url or (lambda _url: None)
        self.fill(url or recent.last_server())
        self.submit = self._connect

    def fill(self, url: str | None) -> None:
        """Show URL's parts (not its password: asked each time)."""
        if not url:
            return
        shown = server.fields(url)
        self.host.setText(str(shown["host"]))
        self.port.setValue(int(shown["port"] or DEFAULT_PORT))
        self.database.setText(str(shown["database"]))
        self.user.setText(str(shown["user"]))
        self.desk.setText(str(shown["desk"]))
        (self.password if self.host.text() and self.database.text() else self.host).setFocus()

    def value(self) -> str:
        return server.address(self.host.text(), self.port.value(), self.database.text(), self.user.text(),
                            self.password.text(), self.desk.text())

    def _connect(self) -> None:
        url = self.value()
        try:
            self._open(url)
        except ServiceError as exc:
            refused = server.password_refused(exc)
            if refused == "missing":
                raise ServiceError("服务器要求密码，请填写密码。", "password") from exc
            if refused == "wrong":
                raise ServiceError("用户名或密码不对，请重新填写。", "password") from exc
            raise
        self.url = url
        recent.remember_server(url)
