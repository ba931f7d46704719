"""A wrong `-o` never costs a session: printed and exported files go only where they belong."""
from __future__ import annotations

import os
import stat

import pytest

from meetingdesk.cli.main import main
from meetingdesk.services import ServiceError, output, session


def _intact(path) -> bool:
    session.open_session(path)
    try:
        return session.session_info().delegates == 210
    finally:
        session.close_session()


@pytest.mark.parametrize("command", [["print", "roster"], ["export"]])
def test_the_open_session_is_never_the_output(demo_file, command, capsys):
    args = [*command, str(demo_file), "-o", str(demo_file)] if command[0] == "print" else \
        ["export", str(demo_file), "-o", str(demo_file)]
    before = demo_file.read_bytes()
    assert main(args) == 1
    assert "结尾" in capsys.readouterr().err  # the suffix is refused first
    assert demo_file.read_bytes() == before and _intact(demo_file)


def test_another_session_renamed_pdf_is_not_overwritten(demo_file, tmp_path, capsys):
    disguised = tmp_path / "名单.pdf"
    disguised.write_bytes(demo_file.read_bytes())  # a session someone saved with the wrong name
    assert main(["print", "roster", str(demo_file), "-o", str(disguised)]) == 1
    assert "是一个会议文件（数据库），不会被覆盖" in capsys.readouterr().err
    assert disguised.read_bytes() == demo_file.read_bytes()
    xlsx = tmp_path / "名单.xlsx"
    xlsx.write_bytes(demo_file.read_bytes())
    assert main(["export", str(demo_file), "-o", str(xlsx)]) == 1
    assert xlsx.read_bytes() == demo_file.read_bytes()


@pytest.mark.file_only
def test_a_wrong_suffix_a_folder_or_a_missing_folder_is_said(demo_session, tmp_path):
    with pytest.raises(ServiceError, match=r"应以 \.pdf 结尾"):
        output.check(tmp_path / "名单.meetingdesk", ".pdf")
    (tmp_path / "x.pdf").mkdir()
    with pytest.raises(ServiceError, match="是一个文件夹"):
        output.check(tmp_path / "x.pdf", ".pdf")
    with pytest.raises(ServiceError, match="不存在"):
        output.check(tmp_path / "无" / "名单.pdf", ".pdf")
    with pytest.raises(ServiceError, match="当前打开的会议文件"):
        link = tmp_path / "same.pdf"
        os.symlink(session.current_path(), link)
        output.check(link, ".pdf")


def test_printed_and_exported_files_get_ordinary_permissions(demo_file, tmp_path):
    old = os.umask(0o022)
    try:
        assert main(["print", "roster", str(demo_file), "-o", str(tmp_path / "名单.pdf")]) == 0
        assert main(["export", str(demo_file), "-o", str(tmp_path / "名单.xlsx")]) == 0
    finally:
        os.umask(old)
    for name in ("名单.pdf", "名单.xlsx"):
        assert stat.S_IMODE((tmp_path / name).stat().st_mode) == 0o644
    assert sorted(p.name for p in tmp_path.iterdir()) == ["demo.meetingdesk", "名单.pdf", "名单.xlsx"]


def test_a_failed_write_leaves_the_old_file_and_no_temporary(demo_session, tmp_path):
    (tmp_path / "out").mkdir()
    target = tmp_path / "out" / "名单.pdf"
    target.write_bytes(b"%PDF old")

    def fail(tmp: str) -> None:
        with open(tmp, "wb") as fh:
            fh.write(b"half")
        raise OSError(28, "No space left on device")

    with pytest.raises(ServiceError, match="磁盘已满"):
        output.write(target, ".pdf", fail)
    assert target.read_bytes() == b"%PDF old" and [p.name for p in target.parent.iterdir()] == ["名单.pdf"]


def test_an_attachment_written_out_never_replaces_a_session(demo_session, demo_file, tmp_path):
    from meetingdesk.services import motions
    from meetingdesk.store import Motion

    motion = Motion.select().first()
    Motion.update(attachment="附件.txt", attachment_data=b"text").where(Motion.id == motion.id).execute()
    before = demo_file.read_bytes()
    with pytest.raises(ServiceError, match="当前打开的会议文件"):
        motions.save_attachment(motion.id, demo_file)
    other = tmp_path / "另一个.meetingdesk"
    other.write_bytes(before)
    with pytest.raises(ServiceError, match="会议文件（数据库）"):
        motions.save_attachment(motion.id, other)
    assert demo_file.read_bytes() == before and other.read_bytes() == before
    motions.save_attachment(motion.id, tmp_path / "附件.txt")
    assert (tmp_path / "附件.txt").read_bytes() == b"text"


@pytest.mark.parametrize("text, name", [("../东西湖区", "_东西湖区"), ("a/b\\c", "a_b_c"), ("..", "未命名"),
                                        ("东西湖区第十一届", "东西湖区第十一届")])
def test_a_text_made_into_a_file_name_hides_no_folder(text, name):
    from meetingdesk.services.output import safe_name

    assert safe_name(text) == name
