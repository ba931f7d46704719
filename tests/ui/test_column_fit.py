"""Tables size their columns to the texts on screen once per change of rows (views.fit_columns),
not at every layout: a hidden table when shown, many changed rows with one fit."""
from __future__ import annotations

from PySide6.QtWidgets import QApplication

from meetingdesk.ui.common import views
from meetingdesk.ui.common.models import RowsModel


class Texts(RowsModel):
    headers = ("姓名", "工作职务", "备注")

    def text(self, row, column):
        return row[column]


def _rows(title: str, n: int = 30) -> list[tuple[str, str, str]]:
    return [(f"张{i}", title, "") for i in range(n)]


def test_columns_fit_the_texts_and_follow_new_rows(qtbot):
    model = Texts()
    model.set_rows(_rows("主任"))
    view = views.table_view(model)
    qtbot.addWidget(view)
    view.resize(900, 400)
    view.show()
    QApplication.processEvents()
    header = view.horizontalHeader()
    short = header.sectionSize(1)
    long_title = "某某集团有限公司党委书记、董事长"
    model.set_rows(_rows(long_title))
    QApplication.processEvents()
    assert header.sectionSize(1) > short
    assert header.sectionSize(1) >= view.fontMetrics().horizontalAdvance(long_title)


def test_many_changed_rows_are_one_fit_and_a_hidden_table_fits_when_shown(qtbot, monkeypatch):
    fits = []
    real = views.fit_columns
    monkeypatch.setattr(views, "fit_columns", lambda view: (fits.append(view), real(view)))
    model = Texts()
    view = views.table_view(model)
    qtbot.addWidget(view)
    model.set_rows(_rows("主任", 3000))
    assert fits == []  # hidden: nothing measured yet
    view.show()
    QApplication.processEvents()
    assert len(fits) == 1
    for line in range(3000):  # a mark of 3,000 people, one line repainted each
        model.dataChanged.emit(model.index(line, 0), model.index(line, 2))
    QApplication.processEvents()
    assert len(fits) == 2
    view.hide()
    model.set_rows(_rows("副主任"))
    model.set_rows(_rows("某某集团有限公司党委书记"))
    assert len(fits) == 2
    view.show()
    QApplication.processEvents()
    assert len(fits) == 3
    assert view.horizontalHeader().sectionSize(1) >= view.fontMetrics().horizontalAdvance("某某集团有限公司党委书记")


def test_a_table_its_page_sizes_keeps_its_widths(qtbot):
    """The roll, the log and the suggestions size their columns from samples (fitted=False): new
    rows do not change them."""
    model = Texts()
    view = views.table_view(model, fitted=False)
    qtbot.addWidget(view)
    view.horizontalHeader().resizeSection(1, 60)
    view.show()
    model.set_rows(_rows("某某集团有限公司党委书记、董事长"))
    QApplication.processEvents()
    assert view.horizontalHeader().sectionSize(1) == 60
