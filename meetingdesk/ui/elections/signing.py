"""Two small forms of the 选举 page: the secretariat's wording of the 正式候选人名单's groups, and
the delegations' 预选监票人 (办法 第七条), who sign the 预选计票结果报告."""
from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QFormLayout, QHBoxLayout, QLabel, QLineEdit, QScrollArea, QWidget

from meetingdesk.rules.words import Role
from meetingdesk.services import elections, preliminary, roster
from meetingdesk.services.elections import ElectionRow
from meetingdesk.ui.common.dialogs import CheckedDialog

NONE = "（未推定）"
PER_DELEGATION = 2  # lines for a delegation's 预选监票人; the 办法 fixes no number


class GroupWordingDialog(CheckedDialog):
    """正式候选人名单的措辞: one line per group of the election's candidates, empty for what the
    data says (shown greyed as the placeholder)."""

    def __init__(self, election: ElectionRow, parent: QWidget | None = None) -> None:
        super().__init__(f"正式候选人名单的措辞 — {election.office}", parent)
        self.election_id = election.election_id
        self.groups = elections.candidate_groups(election)
        note = QLabel("每组候选人前印“(一) 措辞 N 人”；编号和人数由程序加上。留空即按提名情况印"
                      "（如“大会主席团提名”）。" if self.groups else "这项选举还没有候选人。")
        note.setWordWrap(True)
        note.setStyleSheet("color: #555555")
        self.form.addRow(note)
        self.edits: dict[str, QLineEdit] = {}
        for group in self.groups:
            edit = QLineEdit(group.wording)
            edit.setPlaceholderText(group.default_wording)
            self.edits[group.label] = self.add_field(group.label, f"{group.label}（{len(group.people)} 人）", edit)
        self.resize(640, self.sizeHint().height())
        self.submit = lambda: elections.set_group_wordings(self.election_id, self.value())

    def value(self) -> dict[str, str]:
        return {label: edit.text() for label, edit in self.edits.items()}


class PreScrutineersDialog(CheckedDialog):
    """预选监票人: for each delegation up to PER_DELEGATION of its delegates who are not candidates.
    The delegations scroll (35 at the NPC); an error names its delegate and shows under them."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("预选监票人", parent)
        note = QLabel("预选监票人由各代表团从不是预选候选人的代表中推定，在预选计票结果报告上签字；"
                      "计票人员由大会秘书处在工作人员中指定。")
        note.setWordWrap(True)
        note.setStyleSheet("color: #555555")
        self.form.addRow(note)
        chosen: dict[int, list[int]] = {}
        for row in preliminary.pre_scrutineers():
            chosen.setdefault(row.delegation_id, []).append((row.member_id, row.display))
        self.combos: dict[int, list[QComboBox]] = {}
        rows = QFormLayout()
        for team in roster.list_delegations():
            if not team.count(Role.DELEGATE):
                continue
            choices = preliminary.scrutineer_choices(team.delegation_id)
            present = chosen.get(team.delegation_id, [])
            # one chosen earlier and now a candidate stays listed, so the service can say why not
            choices += [c for c in present if c[0] not in {m for m, _ in choices}]
            boxes = []
            line = QWidget()
            layout = QHBoxLayout(line)
            layout.setContentsMargins(0, 0, 0, 0)
            for i in range(max(PER_DELEGATION, len(present))):
                box = QComboBox()
                box.addItem(NONE, None)
                for member_id, display in choices:
                    box.addItem(display, member_id)
                if i < len(present):
                    box.setCurrentIndex(box.findData(present[i][0]))
                layout.addWidget(box, 1)
                boxes.append(box)
            self.combos[team.delegation_id] = boxes
            rows.addRow(team.name, line)
        inner = QWidget()
        inner.setLayout(rows)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(inner)
        scroll.setMinimumHeight(min(520, inner.sizeHint().height() + 4))
        self.form.addRow(scroll)
        self.resize(600, self.sizeHint().height())
        self.submit = lambda: preliminary.set_all_pre_scrutineers(self.value())

    def value(self) -> dict[int, list[int]]:
        return {team: [b.currentData() for b in boxes if b.currentData() is not None]
                for team, boxes in self.combos.items()}
