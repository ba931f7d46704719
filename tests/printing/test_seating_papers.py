"""The papers of seating (issue 15), checked through their PDFs: 会场座次图, 主席台座次表, 座次表,
桌签, and the seat on the 出席证 and the 签到表 (only when the session has a hall)."""
from __future__ import annotations

import dataclasses
import time

import pytest
from pypdf import PdfReader
from reportlab.lib.pagesizes import A3, A4, landscape

from meetingdesk import printing
from meetingdesk.printing import seating_chart
from meetingdesk.services import ServiceError, attendance, roster, seating
from meetingdesk.services.seating import BlockSpec, HallSpec, HallState, Rotation

from .pdftext import compact, out_of_order, pages_text


def _write(kind, tmp_path, **options):
    out = tmp_path / f"{kind}.pdf"
    pages = printing.write_pdf(kind, out, **options)
    texts = pages_text(out)
    assert len(texts) == pages
    return out, texts


def _placed(path, page: int = 0) -> list[tuple[str, float, float, float, bool]]:
    """(text, x, y, size, upright) of each piece of text on PAGE, in page coordinates."""
    found: list[tuple[str, float, float, float, bool]] = []
    open_piece = False  # pypdf may hand a drawn string over in parts: they are joined up to its line break

    def visit(text, cm, tm, font, size):
        nonlocal open_piece
        if not text.strip():
            open_piece = open_piece and "\n" not in text
            return
        if open_piece and found[-1][3] == size:
            found[-1] = (found[-1][0] + text.strip(), *found[-1][1:])
        else:
            x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
            y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
            found.append((text.strip(), x, y, size, tm[0] * cm[0] + tm[1] * cm[2] > 0))
        open_piece = not text.endswith("\n")

    PdfReader(str(path)).pages[page].extract_text(visitor_text=visit)
    return found


def _size(path, page: int = 0) -> tuple[float, float]:
    box = PdfReader(str(path)).pages[page].mediabox
    return float(box.width), float(box.height)


def _meeting(number: int):
    return attendance.find_meeting(str(number))


def _no_hall() -> None:
    seating.restore_hall(HallState(None, ()))


def _delegation(name: str):
    return next(d for d in roster.list_delegations() if d.name == name)


# ---------------------------------------------------------------- 会场座次图


def test_the_chart_of_the_demo_hall_is_one_a3_landscape_sheet_with_everyone(demo_session, tmp_path):
    out, texts = _write("seating", tmp_path)
    assert len(texts) == 1
    assert _size(out) == pytest.approx(landscape(A3), abs=0.5)
    text = compact(texts[0])
    assert text.startswith("武汉市东西湖区第十一届人民代表大会第三次会议会场座次图区人民会堂")
    assert "主席台" in text
    a = seating.arrangement()
    assert len(a.seats) == 406
    for s in a.seats:
        assert s.name in text
    for block in a.hall.blocks:
        assert f"{block.name}{block.zone}" in text
    assert "吴家山街" in text and "常青花园" in text  # the delegations of each block
    # rows front to back, names ≥ 7 pt (the seat numbers are small)
    names = {s.name for s in a.seats}
    sizes = [size for t, _x, _y, size, _u in _placed(out) if t.replace("\u3000", "") in names]
    assert len(sizes) == 406 and min(sizes) >= 7


def test_the_chart_draws_the_blocks_as_they_stand_and_rows_front_to_back(demo_session, tmp_path):
    out, _ = _write("seating", tmp_path)
    placed = {t.replace("\u3000", ""): (x, y) for t, x, y, _s, _u in _placed(out)}
    a = seating.arrangement()
    first = a.at(0, 0, 0)  # 一区, front row, the hall's left
    behind = a.at(0, 1, 0)
    right = a.at(2, 0, 0)  # 三区
    back = next(s for s in a.seats if s.block == "四区")
    assert placed[first.name][1] > placed[behind.name][1]  # the front row nearer the 主席台 (higher)
    assert placed[first.name][0] < placed[right.name][0]  # 一区 on the left as seen from the hall
    assert placed[back.name][1] < placed[behind.name][1]  # band 1 behind band 0
    assert placed["主席台"][1] > placed[first.name][1]


def test_the_chart_of_a_plenary_seats_its_podium_by_precedence(demo_session, tmp_path):
    m = _meeting(3)
    out, texts = _write("seating", tmp_path, meeting="3")
    text = compact(texts[0])
    assert f"{m.name}会场座次图" in text
    podium = seating.podium(m.meeting_id)
    for s in podium.seats:
        assert s.name in text
    placed: dict[str, tuple[float, float]] = {}
    for t, x, y, _s, _u in _placed(out):
        placed.setdefault(t.replace("\u3000", ""), (x, y))  # the 主席台 first (its people sit in the hall too)
    one, two, three = (placed[podium.seats[i].name] for i in range(3))
    assert three[0] < one[0] < two[0]  # 左为上: No. 2 on No. 1's left, the hall's right
    width = _size(out)[0]
    assert abs(one[0] + 15 - width / 2) < 20  # No. 1 in the middle


def test_a_small_hall_fits_a4_landscape(demo_session, tmp_path):
    seating.set_hall(HallSpec("小礼堂", (BlockSpec("甲区", (15,) * 12, "代表"),), podium_rows=(7,)))
    out, texts = _write("seating", tmp_path)
    assert _size(out) == pytest.approx(landscape(A4), abs=0.5)
    assert "小礼堂（代表区180座，已排180人）" in compact(texts[0])
    text = compact("".join(texts))
    assert "座位不足，未排座位的30人：代表柏泉街代表团：刘华强" in text  # 180 seats for 210 delegates; no zone for the others
    assert "会场没有列席座区：列席160人未排座位。" in text


def test_a_hall_too_large_for_one_sheet_is_split_with_an_overview(demo_session, tmp_path):
    spec = HallSpec("大会堂", (BlockSpec("一区", (40,) * 45, "代表", "双号"), BlockSpec("二区", (40,) * 45, "代表", "奇偶"),
                               BlockSpec("三区", (40,) * 45, "代表", "单号"),
                               BlockSpec("四区", (36,) * 30, "列席", band=1, first_row=46),
                               BlockSpec("五区", (30,) * 20, "工作人员", band=1, first_row=46)),
                    podium_rows=(21, 25))
    seating.set_hall(spec)
    start = time.perf_counter()
    out, texts = _write("seating", tmp_path)
    elapsed = time.perf_counter() - start
    assert len(texts) > 3 and elapsed < 20
    pages = [compact(t) for t in texts]
    assert "会场座次图" in pages[0] and "见分图1" in pages[0]
    assert "一区代表1—45" in pages[0]  # the table of blocks
    assert all("分图" in p for p in pages[1:])
    detail = "".join(pages[1:])
    for s in seating.arrangement().seats:
        assert s.name in detail
    a = seating.arrangement()
    hall = seating_chart.Hall(a, None, "", "")
    assert seating_chart.whole_fit(hall, landscape(A3), 7) is None
    names = {s.name for s in a.seats}
    sizes = [size for page in range(1, len(texts)) for t, _x, _y, size, _u in _placed(out, page)
             if t.replace("\u3000", "") in names]
    assert len(sizes) == len(a.seats) and min(sizes) >= 7


def test_the_chart_needs_a_hall_and_a_meeting_held_in_it(demo_session, tmp_path):
    with pytest.raises(ServiceError, match="“12月21日下午 代表团会议”是代表团会议，不在会场举行"):
        printing.prepare("seating", meeting="4")
    _no_hall()
    with pytest.raises(ServiceError, match="还没有设置会场"):
        printing.prepare("seating")


# ---------------------------------------------------------------- 主席台座次表


def test_the_podium_paper_places_no_1_in_the_middle_and_lists_everyone(demo_session, tmp_path):
    m = _meeting(3)
    podium = seating.podium(m.meeting_id)
    out, texts = _write("podium", tmp_path, meeting="第一次全体会议")
    assert len(texts) == 1 and _size(out) == pytest.approx(landscape(A4), abs=0.5)
    text = compact(texts[0])
    assert "第一次全体会议主席台座次表（2023年12月21日上午）" in text
    assert "座次姓名身份座位" in text
    for s in podium.seats:
        assert f"{s.rank}{s.display}{s.why}" in text
    assert f"1{podium.seats[0].name}主持人前排左起第8座" in text  # 15 seats in the front row
    placed = _placed(out)
    drawn = {}
    for t, x, y, size, _u in placed:
        drawn.setdefault(t.replace("\u3000", ""), (x, y, size))  # the drawing comes before the list
    x, y, size = drawn[podium.seats[0].name]
    width = _size(out)[0]
    assert abs(x + 1.5 * size - width / 2) < 2  # No. 1 in the middle of the front row
    assert drawn[podium.seats[2].name][0] < x < drawn[podium.seats[1].name][0]
    assert drawn[podium.seats[14].name][1] == y  # No. 15 the last of the front row
    assert drawn[podium.seats[15].name][1] > y  # No. 16 in the row behind (drawn higher)


def test_the_podium_paper_needs_a_plenary_with_people(demo_session):
    with pytest.raises(ServiceError, match="主席台座次表要指明会议"):
        printing.prepare("podium")
    with pytest.raises(ServiceError, match="是主席团会议，不在会场举行.*请选择预备会议或全体会议"):
        printing.prepare("podium", meeting="2")
    with pytest.raises(ServiceError, match="12月20日 预备会议的主席台还没有人员"):
        printing.prepare("podium", meeting="1")


# ---------------------------------------------------------------- 座次表


def test_the_seat_list_gives_each_delegation_its_pages_in_stroke_order(demo_session, tmp_path):
    out, texts = _write("seat_list", tmp_path)
    delegations = roster.list_delegations()
    assert len(texts) == len(delegations)
    labels = seating.seat_labels()
    for d, page in zip(delegations, (compact(t) for t in texts)):
        assert page.startswith(f"武汉市东西湖区第十一届人民代表大会第三次会议{d.name}座次表（区人民会堂；"
                               f"代表{d.count('代表')}人、列席{d.count('列席')}人、工作人员{d.count('工作人员')}人")
        expected = []
        for role in ("代表", "列席", "工作人员"):
            expected.append(f"{role}（{d.count(role)}人）")
            expected += [f"{i}{m.display}{labels[m.member_id]}"
                         for i, m in enumerate(roster.list_members(d.delegation_id, role=role), 1)]
        assert out_of_order(page, expected) is None, d.name


def test_the_seat_list_of_one_delegation_and_a_hall_short_of_seats(demo_session, tmp_path):
    d = _delegation("吴家山街代表团")
    spec = seating.get_hall()
    blocks = list(spec.blocks)
    blocks[3] = dataclasses.replace(blocks[3], rows=(3,))  # 四区: three seats for the 列席
    seating.set_hall(dataclasses.replace(spec, blocks=tuple(blocks)))
    _out, texts = _write("seat_list", tmp_path, delegation_id=d.delegation_id)
    text = compact("".join(texts))
    assert text.count("吴家山街代表团座次表") == 1
    assert "未排座位" in text


def test_the_seat_list_of_a_rotating_plenary_is_its_own(demo_session, tmp_path):
    seating.set_hall(dataclasses.replace(seating.get_hall(), rotation=Rotation.PLENARY))
    m = _meeting(6)  # the second plenary: the delegations moved on
    labels = seating.seat_labels(m.meeting_id)
    assert labels != seating.seat_labels(_meeting(3).meeting_id)
    d = roster.list_delegations()[0]
    _out, texts = _write("seat_list", tmp_path, delegation_id=d.delegation_id, meeting="第二次全体会议")
    text = compact(texts[0])
    assert "（第二次全体会议区人民会堂；" in text
    first = roster.list_members(d.delegation_id, role="代表")[0]
    assert f"1{first.display}{labels[first.member_id]}" in text


# ---------------------------------------------------------------- 桌签


def test_tent_cards_one_a4_page_each_name_on_both_halves_the_top_turned(demo_session, tmp_path):
    d = _delegation("吴家山街代表团")
    out, texts = _write("tent_cards", tmp_path, delegation_id=d.delegation_id)
    people = [d.head, *d.deputies]
    rest = [m for role in ("代表", "列席") for m in roster.list_members(d.delegation_id, role=role)
            if m.member_id not in {p.member_id for p in people}]
    people += rest
    assert len(texts) == len(people) == d.count("代表") + d.count("列席")
    assert _size(out) == pytest.approx(A4, abs=0.5)
    for person, text in zip(people, texts):
        assert compact(text) == person.name * 2
    two = next(i for i, p in enumerate(people) if len(p.name) == 2)
    assert texts[two].count(people[two].name[0] + "\u3000" + people[two].name[1]) == 2  # 李　平
    placed = _placed(out)
    height = _size(out)[1]
    upright = [y for _t, _x, y, _s, up in placed if up]
    turned = [y for _t, _x, y, _s, up in placed if not up]
    assert len(upright) == len(turned) == 1
    assert upright[0] < height / 2 < turned[0]


def test_tent_cards_of_a_podium_in_precedence_and_of_a_role(demo_session, tmp_path):
    podium = seating.podium(_meeting(3).meeting_id)
    _out, texts = _write("tent_cards", tmp_path, meeting="3")
    assert [compact(t) for t in texts] == [s.name * 2 for s in podium.seats]
    _out, texts = _write("tent_cards", tmp_path, role="列席")
    assert len(texts) == 160
    with pytest.raises(ServiceError, match="不能同时指定"):
        printing.prepare("tent_cards", meeting="3", role="代表")


def test_tent_cards_by_delegation_need_no_hall(demo_session, tmp_path):
    _no_hall()
    _out, texts = _write("tent_cards", tmp_path, delegation_id=roster.list_delegations()[0].delegation_id)
    assert texts


# ---------------------------------------------------------------- the seat on the 出席证 and the 签到表


def test_badges_and_signin_show_the_seat_only_with_a_hall(demo_session, tmp_path):
    d = _delegation("吴家山街代表团")
    first = roster.list_members(d.delegation_id, role="代表")[0]
    label = seating.seat_labels()[first.member_id]
    _out, texts = _write("badges", tmp_path, delegation_id=d.delegation_id, role="代表")
    assert f"{first.name}吴家山街代表团座位：{label}" in compact(texts[0])
    _out, texts = _write("signin", tmp_path, delegation_id=d.delegation_id, meeting="第一次全体会议")
    assert "序号姓名座位签名" in compact(texts[0]) and f"1{first.display}{label}" in compact(texts[0])

    _no_hall()
    assert seating.seat_labels() == {}
    _out, texts = _write("badges", tmp_path, delegation_id=d.delegation_id, role="代表")
    assert "座位" not in compact("".join(texts))
    assert f"{first.name}吴家山街代表团{attendance.card_number(first.member_id)}" in compact(texts[0])
    _out, texts = _write("signin", tmp_path, delegation_id=d.delegation_id, meeting="第一次全体会议")
    text = compact("".join(texts))
    assert "座位" not in text and "序号姓名签名序号姓名签名" in text


def test_the_signin_of_a_meeting_takes_its_seats_or_none(demo_session, tmp_path):
    d = _delegation("吴家山街代表团")
    first = roster.list_members(d.delegation_id, role="代表")[0]
    _out, texts = _write("signin", tmp_path, delegation_id=d.delegation_id, meeting="代表团会议")
    assert "座位" not in compact(texts[0])  # held in the delegation's room, not the hall
    seating.set_hall(dataclasses.replace(seating.get_hall(), rotation=Rotation.PLENARY))
    second = seating.seat_labels(_meeting(6).meeting_id)[first.member_id]
    _out, texts = _write("signin", tmp_path, delegation_id=d.delegation_id, meeting="第二次全体会议")
    assert f"1{first.display}{second}" in compact(texts[0])
    _out, texts = _write("signin", tmp_path, delegation_id=d.delegation_id)  # no meeting: the seat changes
    assert "座位" not in compact(texts[0])
    _out, texts = _write("badges", tmp_path, delegation_id=d.delegation_id, role="代表")
    assert "座位" not in compact(texts[0])


@pytest.mark.parametrize("kind", ["seating", "seat_list", "tent_cards"])
def test_a_name_the_fonts_cannot_draw_is_refused_naming_the_person(demo_session, tmp_path, kind):
    from meetingdesk.services.roster import MemberInput

    rare = "\U0002a6d6"  # in neither bundled face
    d = _delegation("长青街代表团")
    roster.add_member(MemberInput("卢永" + rare, delegation_id=d.delegation_id, role="代表"))
    with pytest.raises(printing.FontCoverageError, match=f"无法打印“卢永{rare}”（长青街代表团 代表"):
        printing.write_pdf(kind, tmp_path / "out.pdf")
    assert not (tmp_path / "out.pdf").exists()
