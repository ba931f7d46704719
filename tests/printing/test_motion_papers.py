"""The papers of the motion desk and the nominations, checked through their PDFs against seed 000.

The seed's words are written here as it prints them (lines 2026–2052, 2505–2575), with its
spaces and line breaks taken out ("另外 13 件" → "另外13件") and the "_" of its small (女) dropped.
"""
from __future__ import annotations

import datetime as dt

import pytest

from meetingdesk import printing
from meetingdesk.cli.main import main
from meetingdesk.printing.linebreak import split_line_widths
from meetingdesk.services import ServiceError, elections, motions, roster, session

from .pdftext import compact, out_of_order
from .pdftext import print_paper as _print

KINDS = ["motions", "motion_review", "motion_resolution", "motion_counts", "motion_deadline", "candidates"]
SESSION = "武汉市东西湖区第十一届人民代表大会第三次会议"
TITLE = "东西湖区第十一届人民代表大会第三次会议"
IN_NEITHER = "\U0002a6d6"
LAW = "《中华人民共和国地方各级人民代表大会和地方各级人民政府组织法》"
FIRST = "《强化数字赋能，进一步加快数字化转型步伐，促进我区产业提质增效的议案》"

REVIEW_LIST = [
    f"一、径河街、辛安渡街等代表团的刘锦刚等10名代表联名提出的{FIRST}；",
    "二、吴家山街、将军路街等代表团的李平等19名代表联名提出的《加强和完善吴家山街、径河等老城区综合交通环境建设的议案》；",
    "三、慈惠街代表团的黄昌建等11名代表联名提出的《打通慈惠街顺江道路的议案》；",
    "四、长青街代表团的徐文化等12名代表联名提出的《提升全区还建房基础设施的议案》；",
    "五、走马岭街代表团的袁发武等12名代表联名提出的《加快推进还建小区天然气入户的议案》；",
    "六、新沟镇街代表团的熊巧玲等12名代表联名提出的《完善西部街道工业集聚区配套设施的议案》；",
    "七、径河街代表团的贾红伟等11名代表联名提出的《建设新城商业配套，加快推动产城融合的议案》；",
    "八、将军路街代表团的殷向东等11名代表联名提出的《加大将军路基础设施建设，推进与中心城区道路连通的议案》；",
    "九、辛安渡街代表团的范春等10名代表联名提出的《进一步提升东西湖西部街道教育水平的议案》；",
    "十、东山街代表团的程明顺等10名代表联名提出的《进一步支持西部农场一二三产业融合发展的议案》；",
    "十一、柏泉街代表团的胡耀武等11名代表联名提出的《以重点文旅项目建设为抓手形成核心旅游品牌的议案》；",
    "十二、柏泉街代表团的王建兵等11名代表联名提出的《加强耕地保护的议案》；",
    "十三、柏泉街代表团的余明威等10名代表联名提出的《加快推进网安基地二期建设的议案》；",
    "十四、常青花园代表团的肖毅等11名代表联名提出的《盘活常青花园片待开发地块，拓展消费新场景的议案》。",
]
REVIEWED = f"根据{LAW}的规定，议案审查委员会对以上议案原案从合法性、重要性、必要性、可行性、全局性等方面进行了认真审查，反复酝酿，"
REVIEW_DECISION = (f"{REVIEWED}决定将{FIRST}确定为本次大会的议案。"
                   "另外13件议案原案转为代表建议，交区人民政府研究办理，并在规定的时间内答复代表。")
CARRIED = "《贯彻新发展理念，提速建设泛金银湖总部经济区，加快推进中西部地区产城融合发展的议案》"
# seed 000's 关于议案的决议 (its lines 2511–2517), word for word
RESOLUTION = [
    f"根据{LAW}的规定，本次大会决定，将{FIRST}列为本次会议议案。",
    "大会要求，区人民政府要将本次会议议案的办理工作列入重要议事日程，制定实施方案，按目标推进。"
    f"同时，区十一届人大一次会议{CARRIED}须继续办理。"
    "本次会议确定的议案和续办议案的办理情况应向区人大常委会会议及下一次人民代表大会会议报告。",
    "区人大常委会对议案办理工作应加强检查，督促落实。",
    "对代表提出的建议、批评和意见，各承办单位应认真研究办理，并在规定时间内答复代表。",
]
# the same without a 续办议案: this session's motions alone
PLAIN_HANDLING = ("大会要求，区人民政府要将本次会议议案的办理工作列入重要议事日程，制定实施方案，按目标推进。"
                  "本次会议确定的议案的办理情况应向区人大常委会会议及下一次人民代表大会会议报告。")
# seed 000's 正式候选人名单 (its lines 2028–2055) with its spaces and the "_" of its (女) taken out:
# the title without the city, the groups in the secretariat's words
SEED_CANDIDATES = """东西湖区第十一届人民代表大会第三次会议 正式候选人名单

(2023年12月22日东西湖区第十一届人民代表大会
第三次会议主席团第三次会议通过)

根据《东西湖区第十一届人民代表大会第三次会议选举和表决办法》的规定，确定正式候选人名单如下（以姓名笔画为序）：

一、东西湖区第十一届人民代表大会常务委员会委员候选人 8 人

(一) 区级政党、人民团体提名 7 人

李 静_(女) 张宇新 林修良 胡建坤

柯红梅_(女) 程明顺 潘 登

(二) 代表十人以上联名提名 1 人

田志勇

二、东西湖区人民法院院长候选人 1 人

杨 丹_(女)

三、东西湖区出席武汉市第十五届人民代表大会代表候选人 2 人

市级政党提名 2 人

苏顺康 阚 艳"""
CANDIDATES_HEADING = f"{TITLE}正式候选人名单(2023年12月22日东西湖区第十一届人民代表大会第三次会议主席团第三次会议通过)"
COUNCIL_GROUPS = "(一)区级政党、人民团体提名7人李静(女)张宇新林修良胡建坤柯红梅(女)程明顺潘登(二)代表十人以上联名提名1人田志勇"


def _body(text: str, kind: str, adopted: str = "") -> str:
    """TEXT after the heading, without the page footers and running headers."""
    heading = SESSION + printing.title_of(kind) + adopted
    assert text.startswith(heading)
    body = text[len(heading):]
    for n in range(1, 5):
        body = body.replace(SESSION + printing.title_of(kind) + f"第{n}页", f"第{n}页")
        for total in range(1, 5):
            body = body.replace(f"第{n}页共{total}页", "")
    return body


def _motion(number: int) -> motions.MotionRow:
    return next(r for r in motions.list_motions("议案") if r.number == number)


def _register(kind: str, title: str, at: dt.datetime) -> int:
    """A new item led by ten delegates of 吴家山街 (none of them on another item's paper)."""
    team = next(d for d in roster.list_delegations() if d.name == "吴家山街代表团")
    ids = [m.member_id for m in roster.list_members(team.delegation_id, role="代表")][-10:]
    return motions.register_motion(motions.MotionInput(kind, title, lead_member_id=ids[0],
                                                       signer_member_ids=tuple(ids), received_at=at))


# ---------------------------------------------------------------- the kinds


def test_the_motion_papers_follow_the_session_papers_in_the_list():
    assert printing.kinds()[11:17] == [
        ("motions", "议案和建议登记表"), ("motion_review", "议案审查委员会关于议案的审查报告"),
        ("motion_resolution", "关于议案的决议（草案）"), ("motion_counts", "议案和建议统计表"),
        ("motion_deadline", "关于提出议案截止时间的决定"), ("candidates", "正式候选人名单")]
    assert all(printing.options_of(kind) == [] for kind in KINDS)


# ---------------------------------------------------------------- 议案和建议登记表


def test_register_has_a_row_per_item_and_the_counts(demo_session, tmp_path):
    texts, text = _print("motions", tmp_path)
    assert len(texts) == 1
    body = _body(text, "motions")
    assert body.startswith("编号类别标题提出者领衔代表联名人数代表团收到时间状态"
                           "议案原案第1号议案强化数字赋能，进一步加快数字化转型步伐，促进我区产业提质增效的议案"
                           "径河街、辛安渡街等代表团的刘锦刚等10名代表刘锦刚10径河街辛安渡街12月21日14:00列为大会议案"
                           "议案原案第2号议案加强和完善吴家山街、径河等老城区综合交通环境建设的议案"
                           "吴家山街、将军路街等代表团的李平等19名代表李平19吴家山街将军路街12月21日14:10已测评")
    rows = [f"议案原案第{n}号议案" for n in range(1, 15)]
    assert out_of_order(body, rows) is None and body.count("议案原案第") == 14
    # the demo holds the handling after the session (seeds/suggestions.toml): the 13 turned into
    # suggestions are answered and rated by now
    assert body.count("已测评") == 13
    assert body.endswith("常青花园12月21日16:10已测评议案14件，建议0件；其中撤回0件")
    assert "议案原案\n第1号" in texts[0]  # broken before 第, not where the width ends


def test_register_keeps_a_withdrawn_item_and_counts_suggestions(demo_session, tmp_path):
    late = dt.datetime(2023, 12, 22, 10, 30)
    motion_id = _register("议案", "加快建设社区养老服务设施的议案", late)
    motions.withdraw_motion(motion_id, late + dt.timedelta(hours=1), "提出人书面撤回")
    _register("建议", "关于增开公交线路的建议", late)
    _, text = _print("motions", tmp_path)
    assert "议案原案第15号议案加快建设社区养老服务设施的议案" in text
    # the demo's suggestions were taken over as 建议第1–13号: the register numbers on after them
    assert "12月22日10:30已撤回建议第14号建议关于增开公交线路的建议" in text
    assert text.endswith("待交办议案15件，建议1件；其中撤回1件第1页共1页")


def test_a_long_title_wraps_within_its_cell(demo_session, tmp_path):
    title = "关于" + "进一步加强和改进城乡结合部基础设施建设与公共服务配套" * 12 + "的议案"
    _register("议案", title, dt.datetime(2023, 12, 22, 9, 0))
    texts, text = _print("motions", tmp_path)
    assert f"议案原案第15号议案{title}吴家山街代表团的" in text  # all of it, none cut off
    assert len(texts) == 2
    assert compact(texts[1]).startswith("编号类别标题")  # the headings again on the next page


# ---------------------------------------------------------------- 审查报告


def test_review_report_in_the_seeds_words(demo_session, tmp_path):
    _, text = _print("motion_review", tmp_path)
    body = _body(text, "motion_review", "(2023年12月22日东西湖区第十一届人民代表大会第三次会议主席团第四次会议通过)")
    expected = ("东西湖区第十一届人民代表大会第三次会议议案审查委员会主任委员葛晓丹"
                "各位主席团成员："
                "截止2023年12月22日上午11:00时，本次大会共收到代表十人以上联名提出的议案原案14件。分别是："
                + "".join(REVIEW_LIST) + REVIEW_DECISION + "以上报告，请予审议。")
    assert body == expected
    assert out_of_order(body, REVIEW_LIST) is None


def test_review_report_never_leaves_its_closing_line_alone_on_the_last_page(demo_session, tmp_path):
    texts, _text = _print("motion_review", tmp_path)
    last = compact(texts[-1])
    assert "以上报告，请予审议。" in last
    assert last.index("以上报告，请予审议。") > 0 and "确定为本次大会的议案" in last  # with the paragraph before it


def test_review_report_without_a_deadline(demo_session, tmp_path):
    motions.set_deadline("议案", None)
    _, text = _print("motion_review", tmp_path)
    assert "各位主席团成员：本次大会共收到代表十人以上联名提出的议案原案14件。分别是：一、" in text
    assert "截止" not in text


def test_review_report_words_every_kind_of_decision(demo_session, tmp_path):
    motions.review_motion(_motion(2).motion_id, "列为大会议案")
    motions.review_motion(_motion(3).motion_id, "转为代表建议", merged_into=_motion(2).motion_id)
    motions.review_motion(_motion(4).motion_id, "其他", "属于区人民政府职权范围，已交有关部门办理。")
    motions.review_motion(_motion(5).motion_id, "")
    _, text = _print("motion_review", tmp_path)
    assert (REVIEWED + f"决定将{FIRST}、《加强和完善吴家山街、径河等老城区综合交通环境建设的议案》确定为本次大会的议案。"
            "《打通慈惠街顺江道路的议案》并入《加强和完善吴家山街、径河等老城区综合交通环境建设的议案》。"
            "另外9件议案原案转为代表建议，交区人民政府研究办理，并在规定的时间内答复代表。"
            "对《提升全区还建房基础设施的议案》，属于区人民政府职权范围，已交有关部门办理。"
            "尚有1件议案原案未审查。以上报告，请予审议。") in _body(text, "motion_review")


def test_review_report_when_none_is_accepted_or_none_reviewed(demo_session, tmp_path):
    motions.review_motion(_motion(1).motion_id, "转为代表建议")
    _, text = _print("motion_review", tmp_path)
    assert (REVIEWED + "没有将议案原案确定为本次大会的议案。14件议案原案转为代表建议，") in text
    for row in motions.list_motions("议案"):
        motions.review_motion(row.motion_id, "")
    _, text = _print("motion_review", tmp_path)
    assert "》。尚有14件议案原案未审查。以上报告，请予审议。" in text
    assert "认真审查" not in text


def test_withdrawn_motions_are_not_in_the_report(demo_session, tmp_path):
    motion_id = _register("议案", "加快建设社区养老服务设施的议案", dt.datetime(2023, 12, 22, 10, 0))
    _, text = _print("motion_review", tmp_path)
    assert "议案原案15件" in text and "十五、吴家山街代表团的" in text and "尚有1件议案原案未审查" in text
    motions.withdraw_motion(motion_id, dt.datetime(2023, 12, 22, 10, 30))
    _, text = _print("motion_review", tmp_path)
    assert "议案原案14件" in text and "十五、" not in text and "养老" not in text


# ---------------------------------------------------------------- 决议草案, 截止时间的决定


def test_resolution_in_the_seeds_words_with_the_continued_motion(demo_session, tmp_path):
    texts, text = _print("motion_resolution", tmp_path)
    assert len(texts) == 1
    assert _body(text, "motion_resolution") == "".join(RESOLUTION)  # a draft: no adopted-by line
    [carried] = motions.list_carried()
    assert (carried.term, carried.number, carried.lead) == (11, 1, "")  # the seed names no lead delegate


def test_resolution_without_the_continued_motion_once_it_is_removed(demo_session, tmp_path):
    [carried] = motions.list_carried()
    motions.remove_carried(carried.carried_id)
    _, text = _print("motion_resolution", tmp_path)
    assert _body(text, "motion_resolution") == "".join([RESOLUTION[0], PLAIN_HANDLING, *RESOLUTION[2:]])
    assert "续办" not in text and "须继续办理" not in text


def test_resolution_names_each_continued_motion_under_its_session(demo_session, tmp_path):
    motions.add_carried(motions.CarriedInput("《加快建设社区养老服务设施的议案》", 11, 2, "刘锦刚"))
    motions.add_carried(motions.CarriedInput("加强耕地保护的议案", 11, 1))
    _, text = _print("motion_resolution", tmp_path)
    assert (f"同时，区十一届人大一次会议{CARRIED}、《加强耕地保护的议案》，"
            "区十一届人大二次会议《加快建设社区养老服务设施的议案》须继续办理。"
            "本次会议确定的议案和续办议案的办理情况") in text


def test_resolution_when_no_motion_is_accepted(demo_session, tmp_path):
    motions.review_motion(_motion(1).motion_id, "转为代表建议")
    _, text = _print("motion_resolution", tmp_path)
    assert _body(text, "motion_resolution") == (
        f"本次会议没有确定议案。区十一届人大一次会议{CARRIED}须继续办理，"
        "其办理情况应向区人大常委会会议及下一次人民代表大会会议报告。" + "".join(RESOLUTION[2:]))
    motions.remove_carried(motions.list_carried()[0].carried_id)
    _, text = _print("motion_resolution", tmp_path)
    assert _body(text, "motion_resolution") == "本次会议没有确定议案。" + RESOLUTION[-1]


def test_deadline_decision_under_its_meeting(demo_session, tmp_path):
    texts, text = _print("motion_deadline", tmp_path)
    assert len(texts) == 1
    adopted = "(2023年12月20日东西湖区第十一届人民代表大会第三次会议主席团第一次会议通过)"
    assert _body(text, "motion_deadline", adopted) == (
        "东西湖区第十一届人民代表大会第三次会议提出议案截止时间，规定为2023年12月22日上午11:00时。"
        "代表向大会提出的建议，不受议案截止时间的限制。")


def test_deadline_decision_without_its_meeting_or_without_a_deadline(demo_session, tmp_path):
    motions.set_deadline("议案", dt.datetime(2023, 12, 22, 15, 30))
    _, text = _print("motion_deadline", tmp_path)
    assert text.startswith(SESSION + "关于提出议案截止时间的决定东西湖区")
    assert "规定为2023年12月22日下午3:30时。" in text
    motions.set_deadline("议案", None)
    with pytest.raises(ServiceError, match="尚未设定提出议案截止时间"):
        printing.write_pdf("motion_deadline", tmp_path / "d.pdf")
    assert not (tmp_path / "d.pdf").exists()


def test_cli_refuses_the_deadline_decision_without_a_deadline(demo_file, tmp_path, capsys):
    session.open_session(demo_file)
    motions.set_deadline("议案", None)
    session.close_session()
    out = tmp_path / "d.pdf"
    assert main(["print", "motion_deadline", str(demo_file), "-o", str(out)]) == 1
    captured = capsys.readouterr()
    assert "尚未设定提出议案截止时间" in captured.err
    assert "Traceback" not in captured.err + captured.out
    assert not out.exists()


# ---------------------------------------------------------------- 统计表


def test_counts_per_delegation_and_per_state(demo_session, tmp_path):
    texts, text = _print("motion_counts", tmp_path)
    assert len(texts) == 1
    per_delegation = "".join(f"{name}{a}{b}" for name, a, b in motions.counts_by_delegation())
    # a 议案 the review turned into a suggestion counts as a suggestion (the 办理情况报告 does)
    assert per_delegation.startswith("吴家山街代表团01慈惠街代表团01") and "柏泉街代表团03" in per_delegation
    assert "径河街代表团11" in per_delegation
    assert f"代表团领衔议案领衔建议{per_delegation}合计113" in text
    assert "状态议案建议合计列为大会议案101已测评01313合计11314" in text


def test_counts_show_withdrawn_and_suggestions(demo_session, tmp_path):
    at = dt.datetime(2023, 12, 22, 10, 0)
    motions.withdraw_motion(_register("议案", "加快建设社区养老服务设施的议案", at), at)
    _register("建议", "关于增开公交线路的建议", at)
    _, text = _print("motion_counts", tmp_path)
    assert "吴家山街代表团02" in text  # the withdrawn motion is not counted for its delegation
    assert "合计114" in text
    assert "已撤回101列为大会议案101待交办011已测评01313合计21416" in text


# ---------------------------------------------------------------- 正式候选人名单


def test_candidates_as_the_seed_lists_them(demo_session, tmp_path):
    texts, text = _print("candidates", tmp_path)
    assert len(texts) == 1  # adopted, one page: no page number
    assert text == compact(SEED_CANDIDATES).replace("_", "")
    assert text.startswith(CANDIDATES_HEADING) and not text.startswith("武汉市")
    assert "李　静(女)" in texts[0]  # padded in the columns
    council, court, city = elections.list_elections()
    assert [(g.label, g.wording) for g in elections.candidate_groups(council)] == [
        ("大会主席团", "区级政党、人民团体提名"), ("代表十人以上联名", "")]
    assert [(g.label, g.text) for g in elections.candidate_groups(city)] == [("中共武汉市委", "市级政党提名")]


def test_candidates_in_the_datas_words_once_the_wording_is_cleared(demo_session, tmp_path):
    council, court, city = elections.list_elections()
    elections.set_group_wordings(council.election_id, {"大会主席团": "", "代表十人以上联名": ""})
    elections.set_group_wording(city.election_id, "中共武汉市委", " 中共武汉市委提名 ")  # the data's own: not kept
    assert elections.group_wordings() == {}
    _, text = _print("candidates", tmp_path)
    assert ("委员候选人8人(一)大会主席团提名7人李静(女)张宇新林修良胡建坤柯红梅(女)程明顺潘登"
            "(二)代表十人以上联名提名1人田志勇") in text
    assert text.endswith("候选人2人中共武汉市委提名2人苏顺康阚艳")
    # the secretariat words the court's group too: alone, it is printed unnumbered
    elections.set_group_wording(court.election_id, "大会主席团", "区级政党、人民团体提名")
    _, text = _print("candidates", tmp_path)
    assert "院长候选人1人区级政党、人民团体提名1人杨丹(女)三、" in text


@pytest.mark.parametrize("label, wording, field, message", [
    ("大会主席团", "(一) 区级政党、人民团体提名", "wording", "不要写编号"),
    ("大会主席团", "区级政党、人民团体提名 7 人", "wording", "不要写人数"),
    ("大会主席团", "区级政党、人民团体提名七人", "wording", "不要写人数"),
    ("大会主席团", "很" * 41, "wording", "措辞过长"),
    ("中共武汉市委", "市级政党提名", "label", "没有“中共武汉市委”这一组"),
])
def test_a_bad_group_wording_is_refused_and_nothing_is_written(demo_session, tmp_path, label, wording, field, message):
    council = elections.list_elections()[0]
    before = elections.group_wordings()
    with pytest.raises(ServiceError, match=message) as err:
        elections.set_group_wording(council.election_id, label, wording)
    assert err.value.field == field
    # several at once: the first is written, the second refused, neither kept
    with pytest.raises(ServiceError, match=message) as err:
        elections.set_group_wordings(council.election_id, {"代表十人以上联名": "代表联名提名", label: wording})
    assert err.value.field == label
    assert elections.group_wordings() == before
    _, text = _print("candidates", tmp_path)
    assert COUNCIL_GROUPS in text


def _council() -> elections.ElectionRow:
    return elections.list_elections()[0]


def test_a_candidate_nominated_twice_stands_once_under_the_first_paper(demo_session, tmp_path):
    council = _council()
    elections.fix_candidates(council.election_id, None)
    tian = next(c for c in council.candidates if c.name == "田志勇")
    # a second joint paper, still before the nomination deadline (9:00), binding every nominator
    signers = tuple(m.member_id for m in roster.list_members(role="代表") if m.delegation == "将军路街代表团")[:10]
    elections.add_nomination(elections.NominationInput(council.election_id, "代表联名", (tian.person_id,), signers,
                                                       received_at=dt.datetime(2023, 12, 22, 8, 45)))
    _, text = _print("candidates", tmp_path)
    assert f"委员候选人8人{COUNCIL_GROUPS}二、" in text


def test_withdrawn_nominees_are_not_printed(demo_session, tmp_path):
    council = _council()
    elections.fix_candidates(council.election_id, None)
    presidium_paper = council.nominations[0]
    pan = next(n for n in presidium_paper.nominees if n.name == "潘登")
    elections.withdraw_nominee(presidium_paper.nomination_id, pan.person_id, dt.datetime(2023, 12, 22, 10, 0),
                               "被提名人书面表示不愿被提名")
    elections.withdraw_nomination(council.nominations[1].nomination_id, dt.datetime(2023, 12, 22, 10, 0))
    _, text = _print("candidates", tmp_path)
    # one group left: not numbered; the secretariat's wording stays, the count follows the list
    assert "委员候选人6人区级政党、人民团体提名6人李静(女)张宇新林修良胡建坤柯红梅(女)程明顺二、" in text
    assert "潘登" not in text and "田志勇" not in text and "提名7人" not in text
    # the presidium's alone, not worded by the secretariat, is not named (as the seed's 院长)
    elections.set_group_wording(council.election_id, "大会主席团", "")
    _, text = _print("candidates", tmp_path)
    assert "委员候选人6人李静(女)张宇新林修良胡建坤柯红梅(女)程明顺二、" in text
    # a wording set for a group that has left the list is refused
    with pytest.raises(ServiceError, match="没有“代表十人以上联名”这一组"):
        elections.set_group_wording(council.election_id, "代表十人以上联名", "代表联名提名")


# ---------------------------------------------------------------- an empty session, fonts


def test_an_empty_session_prints_each_paper_or_says_why_not(empty_session, tmp_path):
    printed = {kind: _print(kind, tmp_path) for kind in KINDS if kind != "motion_deadline"}
    for kind, (pages, text) in printed.items():
        assert len(pages) == 1 and "通过)" not in text
        assert text.startswith("测试区第一届人民代表大会第一次会议" + printing.title_of(kind))
    texts = {kind: text for kind, (_, text) in printed.items()}
    assert texts["motions"].endswith("议案0件，建议0件；其中撤回0件第1页共1页")
    assert ("测试区第一届人民代表大会第一次会议议案审查委员会主任委员（尚未确定）各位主席团成员："
            "本次大会没有收到代表十人以上联名提出的议案原案。以上报告，请予审议。") in texts["motion_review"]
    assert "区人民政府" not in texts["motion_resolution"] and "本次会议没有确定议案。" in texts["motion_resolution"]
    assert "合计00" in texts["motion_counts"] and "合计000" in texts["motion_counts"]
    assert texts["candidates"].endswith("（以姓名笔画为序）：（尚未确定）")  # adopted, one page: no number
    with pytest.raises(ServiceError, match="^尚未设定提出议案截止时间"):
        printing.prepare("motion_deadline")


def test_an_election_without_candidates_says_so(empty_session, tmp_path):
    elections.add_election("测试区人民法院院长", 1, "等额", "正职")
    _, text = _print("candidates", tmp_path)
    assert "一、测试区人民法院院长候选人0人（尚未确定）" in text


def test_a_title_the_fonts_cannot_draw_is_refused_naming_the_item(demo_session, tmp_path):
    _register("议案", f"关于{IN_NEITHER}的议案", dt.datetime(2023, 12, 22, 9, 0))
    for kind in ("motions", "motion_review"):
        with pytest.raises(printing.FontCoverageError) as info:
            printing.write_pdf(kind, tmp_path / "m.pdf")
        assert str(info.value).startswith(f"无法打印“关于{IN_NEITHER}的议案”（议案原案第15号）中的")
    assert not (tmp_path / "m.pdf").exists()


# ---------------------------------------------------------------- line breaking


@pytest.mark.parametrize("kind", ["motion_review", "motion_resolution", "agenda"])
def test_no_line_begins_with_closing_punctuation(demo_session, tmp_path, kind):
    """reportlab alone set the review report's second motion as "…建设的议案" over a line "》；"."""
    texts, _ = _print(kind, tmp_path)
    lines = [line.strip() for page in texts for line in page.splitlines() if line.strip()]
    assert not [line for line in lines if line[0] in "，。；：、》）！？"]


def test_a_line_breaks_before_the_character_a_closing_mark_follows_and_keeps_numbers_whole():
    # [room left, text] per line, as reportlab's textsplit.dumbSplit gives them
    assert split_line_widths("甲乙丙》；丁", [10] * 6, 30) == [[10, "甲乙"], [0, "丙》；"], [20, "丁"]]
    assert split_line_widths("甲乙2023年", [10, 10, 5, 5, 5, 5, 10], 25) == [[5, "甲乙"], [5, "2023"], [15, "年"]]
    assert split_line_widths("》》》》", [10] * 4, 20) == [[0, "》》"], [0, "》》"]]  # nowhere better: cut
    assert split_line_widths("甲乙丙丁", [10] * 4, [15, 30]) == [[5, "甲"], [0, "乙丙丁"]]  # first line indented
