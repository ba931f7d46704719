"""Each paper checked through its PDF: names, order, counts, fonts, page breaks, errors."""
from __future__ import annotations

import itertools

import pytest

from meetingdesk import printing
from meetingdesk.printing import frame
from meetingdesk.services import ServiceError, roster
from meetingdesk.services.roster import MemberInput

from .pdftext import compact, fonts, out_of_order, pages_text
from ..data.builders import preliminary_election
from .test_result_papers import KINDS as RESULT_PAPERS
from .test_result_papers import counted_poll, counted_preliminary

IN_NEITHER = "\U0002a6d6"
ONLY_IN_HEI = "刏"


def _delegation(name: str):
    return next(d for d in roster.list_delegations() if d.name == name)


def _write(kind, tmp_path, **options):
    out = tmp_path / f"{kind}.pdf"
    pages = printing.write_pdf(kind, out, **options)
    return out, pages


def _add_many(delegation_id: int, role: str, n: int) -> list[str]:
    """N new people with names no one in the demo has (欧阳 + two characters)."""
    given = "一丁七万三上下丈与专且世丘丙业丛东丝丢两严丧个中丰串临丸丹为主丽举乃久么义之乌乍乎"
    names = []
    for a, b in itertools.islice(itertools.product(given, repeat=2), n):
        name = "欧阳" + a + b
        roster.add_member(MemberInput(name, "女" if len(names) % 3 == 0 else "男",
                                      delegation_id=delegation_id, role=role))
        names.append(name)
    return names


# ---------------------------------------------------------------- kinds


def test_the_kinds_are_named_with_their_chinese_titles():
    assert printing.kinds()[:3] == [("roster", "代表团编团名单"), ("signin", "签到表"), ("people", "人员核对名单")]


def test_unknown_kind_and_unknown_option_are_refused(demo_session):
    with pytest.raises(ServiceError, match="没有名为“ballot”的打印件"):
        printing.prepare("ballot")
    with pytest.raises(ServiceError, match="代表团编团名单没有“身份”这一选项"):
        printing.prepare("roster", role="代表")


# ---------------------------------------------------------------- 代表团编团名单


def test_roster_has_the_seed_structure_totals_and_stroke_order(demo_session, tmp_path):
    out, pages = _write("roster", tmp_path)
    texts = pages_text(out)
    assert len(texts) == pages >= 5
    assert texts[0].startswith("武汉市东西湖区第十一届人民代表大会第三次会议")
    text = compact("\n".join(texts))
    assert "代表团编团名单（代表210人，列席160人，工作人员36人，按姓名笔画排序）" in text
    delegations = roster.list_delegations()
    assert out_of_order(text, [d.name + "（" for d in delegations]) is None  # in the session's order
    for d in delegations:
        start = text.index(d.name + "（代表")
        part = text[start:]
        assert part.startswith(f"{d.name}（代表{d.count('代表')}人、列席{d.count('列席')}人、"
                               f"工作人员{d.count('工作人员')}人）团长：{d.head.name}副团长：")
        # every section, its names in the services' (stroke) order, then the room
        expected = []
        for role, label in (("代表", "代表："), ("列席", "列席："), ("工作人员", "工作人员：")):
            expected.append(label)
            expected += [m.display for m in roster.list_members(d.delegation_id, role=role)]
        expected += ["讨论地点：" + d.room.replace(" ", "")]
        assert out_of_order(part, expected) is None, d.name


def test_roster_pads_two_character_names_and_marks_women(demo_session, tmp_path):
    out, _ = _write("roster", tmp_path)
    first = pages_text(out)[0]
    assert "代　表： 丁　哲 邢　奇 刘　君(女) 江　桥" in first
    assert "安国平(女) 李　平 李　峻 杨　欢" in first
    text = compact("\n".join(pages_text(out)))
    assert "王超(区消防救援大队大队长)叶海英(女)苏静(女)" in text  # a long note takes two columns


def test_roster_prints_the_seeds_rare_characters(demo_session, tmp_path):
    out, _ = _write("roster", tmp_path)
    text = compact("\n".join(pages_text(out)))
    for name in ("卢永楨", "田嫻", "杨蒨", "李甦", "杨晓玥"):
        assert name in text


def test_roster_of_one_delegation(demo_session, tmp_path):
    d = _delegation("金银湖街代表团")
    out, pages = _write("roster", tmp_path, delegation_id=d.delegation_id)
    text = compact("\n".join(pages_text(out)))
    assert pages == 1
    assert "（代表17人，列席10人，工作人员3人，按姓名笔画排序）" in text
    assert "金银湖街代表团（代表17人、列席10人、工作人员3人）" in text
    assert "吴家山街代表团" not in text


def test_a_delegation_over_a_page_break_repeats_its_heading(demo_session, tmp_path):
    d = _delegation("径河街代表团")
    added = _add_many(d.delegation_id, "列席", 150)
    out, pages = _write("roster", tmp_path)
    texts = [compact(t) for t in pages_text(out)]
    with_names = [i for i, t in enumerate(texts) if any(name in t for name in added)]
    assert len(with_names) >= 2
    first, *rest = with_names
    assert "径河街代表团（代表18人、列席165人、工作人员3人）" in texts[first]
    for i in rest:  # every page it runs onto starts with its heading, continued
        assert texts[i].startswith("径河街代表团（续）列席："), texts[i][:40]
        assert "武汉市东西湖区第十一届人民代表大会第三次会议代表团编团名单" in texts[i]  # running header
    last = with_names[-1]
    assert "工作人员：张洁(女)" in texts[last] or "工作人员：张洁(女)" in texts[last + 1]
    added_sorted = [m.name for m in roster.list_members(d.delegation_id, role="列席")]
    assert out_of_order("".join(texts), [n for n in added_sorted]) is None


def test_no_delegation_heading_is_left_at_the_foot_of_a_page(demo_session, tmp_path):
    _add_many(_delegation("吴家山街代表团").delegation_id, "代表", 37)  # shifts every break
    out, _ = _write("roster", tmp_path)
    for text in pages_text(out):
        t = compact(text)
        for d in roster.list_delegations():
            at = t.find(d.name + "（代表")
            if at >= 0:
                assert "团长：" in t[at:] and "代表：" in t[at:], d.name


# ---------------------------------------------------------------- 签到表


def test_signin_one_delegation_per_page_group_in_stroke_order(demo_session, tmp_path):
    out, pages = _write("signin", tmp_path)
    texts = [compact(t) for t in pages_text(out)]
    delegations = roster.list_delegations()
    assert pages == len(delegations)  # each fits one page in the demo
    for d, t in zip(delegations, texts):
        assert t.startswith(f"武汉市东西湖区第十一届人民代表大会第三次会议{d.name}签到表"
                            f"（代表{d.count('代表')}人、列席{d.count('列席')}人、工作人员{d.count('工作人员')}人，按姓名笔画排序）")
        assert "序号姓名座位签名序号姓名座位签名" in t  # the demo has a hall: each person's seat
        names = [m.display for m in roster.list_members(d.delegation_id)]
        by_role = []
        for role in ("代表", "列席", "工作人员"):
            by_role.append(f"{role}（{d.count(role)}人）")
            by_role += [f"{i}{m.display}" for i, m in enumerate(roster.list_members(d.delegation_id, role=role), 1)]
        assert out_of_order(t, by_role) is None, d.name
        assert all(n in t for n in names)


def test_signin_for_one_delegation_and_role_with_the_meeting(demo_session, tmp_path):
    d = _delegation("吴家山街代表团")
    out, pages = _write("signin", tmp_path, delegation_id=d.delegation_id, role="代表", meeting="第一次全体会议")
    t = compact(pages_text(out)[0])
    assert pages == 1
    assert "吴家山街代表团代表签到表（代表18人，按姓名笔画排序）" in t
    assert "会议：第一次全体会议" in t
    assert "列席" not in t and "万大勇" not in t
    assert out_of_order(t, [f"{i}{m.display}" for i, m in
                            enumerate(roster.list_members(d.delegation_id, role="代表"), 1)]) is None


def test_signin_given_the_meeting_s_number_prints_its_name(demo_session, tmp_path):
    d = _delegation("吴家山街代表团")
    out, _pages = _write("signin", tmp_path, delegation_id=d.delegation_id, role="代表", meeting="3")
    t = compact(pages_text(out)[0])
    assert "会议：第一次全体会议" in t and "会议：3" not in t
    assert "日期：2023年12月21日" in t  # the meeting's day, not the computer's
    # a name several meetings share is printed as given, its day left to fill in
    out, _pages = _write("signin", tmp_path, delegation_id=d.delegation_id, role="代表", meeting="代表团会议")
    t = compact(pages_text(out)[0])
    assert "会议：代表团会议" in t and "日期：＿＿＿＿年＿＿月＿＿日" in t
    out, _pages = _write("signin", tmp_path, delegation_id=d.delegation_id, role="代表", meeting="某某会议")
    assert "会议：某某会议" in compact(pages_text(out)[0])
    with pytest.raises(ServiceError, match="没有会议“99”"):
        printing.prepare("signin", meeting="99")


def test_signin_over_a_page_break_repeats_heading_and_column_titles(demo_session, tmp_path):
    d = _delegation("东山街代表团")
    _add_many(d.delegation_id, "代表", 60)
    out, pages = _write("signin", tmp_path, delegation_id=d.delegation_id, role="代表")
    texts = [compact(t) for t in pages_text(out)]
    assert pages >= 2
    for t in texts[1:]:
        assert t.startswith("东山街代表团代表签到表（续）序号姓名座位签名序号姓名座位签名")
    assert "78" in texts[-1]


def test_signin_refuses_a_bad_role(demo_session):
    with pytest.raises(ServiceError, match="身份只能是"):
        printing.prepare("signin", role="主席团")


# ---------------------------------------------------------------- 人员核对名单


def test_people_one_line_per_person_grouped_by_delegation(demo_session, tmp_path):
    out, pages = _write("people", tmp_path)
    texts = pages_text(out)
    t = compact("\n".join(texts))
    assert "人员核对名单（代表210人，列席160人，工作人员36人，按代表团、身份、姓名笔画排序）" in t
    assert all(compact(page).count("序号姓名性别代表团身份备注") == 1 for page in texts)  # headings on every page
    expected = []
    number = 0
    for d in roster.list_delegations():
        for role in ("代表", "列席", "工作人员"):
            for m in roster.list_members(d.delegation_id, role=role):
                number += 1
                expected.append(f"{number}{m.name}{m.gender}{d.name}{role}{m.note}")
    assert number == 406
    assert out_of_order(t, expected) is None


def test_people_in_stroke_order_of_all_names(demo_session, tmp_path):
    out, _ = _write("people", tmp_path, order="name")
    t = compact("\n".join(pages_text(out)))
    expected = [f"{i}{m.name}{m.gender}{m.delegation}{m.role}" for i, m in enumerate(roster.list_members(), 1)]
    assert out_of_order(t, expected) is None
    assert "按姓名笔画排序）" in t


def test_people_of_one_role(demo_session, tmp_path):
    out, _ = _write("people", tmp_path, role="工作人员")
    t = compact("\n".join(pages_text(out)))
    assert "（工作人员36人，" in t
    assert "36周婧雯" in t or "36" in t
    assert "代表" not in t.replace("代表团", "").replace("人民代表大会", "")


# ---------------------------------------------------------------- fonts and coverage


@pytest.mark.parametrize("kind", list(printing.PAPERS))
def test_only_the_bundled_fonts_embedded(demo_session, tmp_path, kind):
    if kind == "preballots":
        preliminary_election()  # no election of the demo needs a preliminary vote
    if kind in RESULT_PAPERS:
        counted_poll()  # the demo has no count yet
    if kind == "preliminary_report":
        counted_preliminary()
    out, _ = _write(kind, tmp_path, **({"meeting": "3"} if kind == "podium" else {}))
    found = fonts(out)
    assert found
    for font in found:
        name = str(font["/BaseFont"])
        assert "UMing" in name or "WenQuanYi" in name, name
        assert "/FontFile2" in font["/FontDescriptor"].get_object(), name
    assert not any("STSong" in str(f["/BaseFont"]) or "Helvetica" in str(f["/BaseFont"]) for f in found)


def test_a_character_only_the_hei_face_has_is_printed_with_it(demo_session, tmp_path):
    d = _delegation("吴家山街代表团")
    roster.add_member(MemberInput("丁" + ONLY_IN_HEI, delegation_id=d.delegation_id, role="代表"))
    out, _ = _write("roster", tmp_path)
    assert f"丁　{ONLY_IN_HEI}" in pages_text(out)[0]


def test_a_character_beyond_the_bmp_prints_and_reads_back(demo_session, tmp_path):
    from meetingdesk.printing import fonts as bundled
    ch = "\U00020021"  # CJK Extension B, in AR PL UMing
    assert bundled.has_char(bundled.SONG, ch)
    d = _delegation("吴家山街代表团")
    roster.add_member(MemberInput("王" + ch, delegation_id=d.delegation_id, role="代表"))
    out, _ = _write("roster", tmp_path)
    assert f"王　{ch}" in pages_text(out)[0]


@pytest.mark.parametrize("kind", ["roster", "signin", "people"])
def test_a_name_the_fonts_cannot_draw_is_refused_naming_the_person(demo_session, tmp_path, kind):
    from meetingdesk.printing import fonts as bundled
    assert not bundled.covered(IN_NEITHER)
    d = _delegation("长青街代表团")
    roster.add_member(MemberInput("卢永" + IN_NEITHER, delegation_id=d.delegation_id, role="列席"))
    folder = tmp_path / "out"
    folder.mkdir()
    with pytest.raises(printing.FontCoverageError) as info:
        printing.write_pdf(kind, folder / "out.pdf")
    assert str(info.value).startswith(f"无法打印“卢永{IN_NEITHER}”（长青街代表团 列席）中的“{IN_NEITHER}”")
    assert "字体中没有这个字" in str(info.value)
    assert list(folder.iterdir()) == []


# ---------------------------------------------------------------- progress, cancel, atomic write


def test_progress_is_reported_up_to_the_total(demo_session, tmp_path):
    calls = []
    printing.write_pdf("roster", tmp_path / "r.pdf", progress=lambda d, t, m: calls.append((d, t, m)))
    assert calls[0][2] == "正在准备"
    done = [d for d, t, _ in calls[1:]]
    assert done == sorted(done)
    assert calls[-1][0] == calls[-1][1] and calls[-1][2] == "正在写入文件"
    assert any("正在排版第" in m for _, _, m in calls)


def test_cancel_leaves_the_old_file_untouched_and_no_temporary_file(demo_session, tmp_path):
    folder = tmp_path / "out"
    folder.mkdir()
    out = folder / "r.pdf"
    out.write_bytes(b"old")
    seen = []

    def progress(done, total, message):
        seen.append(done)
        return len(seen) < 3

    with pytest.raises(printing.PrintCancelled):
        printing.write_pdf("roster", out, progress=progress)
    assert out.read_bytes() == b"old"
    assert [p.name for p in folder.iterdir()] == ["r.pdf"]


def test_a_failed_build_leaves_no_file(demo_session, tmp_path, monkeypatch):
    def boom(*args, **kwargs):
        raise RuntimeError("layout failed")

    monkeypatch.setattr(frame._PaperDoc, "build", boom)
    folder = tmp_path / "out"
    folder.mkdir()
    with pytest.raises(RuntimeError):
        printing.write_pdf("people", folder / "p.pdf")
    assert list(folder.iterdir()) == []


def test_missing_output_folder_is_a_clear_error(demo_session, tmp_path):
    with pytest.raises(ServiceError, match="不存在"):
        printing.write_pdf("roster", tmp_path / "nowhere" / "r.pdf")
