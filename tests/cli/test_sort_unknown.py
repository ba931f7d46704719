"""`meetingdesk sort` and `sort --unknown` with characters counted by analogical simplification
(类推简化: 馼 as 马 + 文) next to characters the order knows nothing about."""
from __future__ import annotations

from meetingdesk.cli.main import main


def run(capsys, tmp_path, text: str, *args: str) -> tuple[int, list[str], str]:
    path = tmp_path / "names.txt"
    path.write_text(text, encoding="utf-8")
    status = main(["sort", *args, str(path)])
    out, err = capsys.readouterr()
    return status, out.splitlines(), err


def test_unknown_lists_guesses_and_unknown_characters(capsys, tmp_path):
    status, out, _ = run(capsys, tmp_path, "马凯\n马馼\n王𠀀\n刘䶮_(女)\n钱鍹\n陈凯\n", "--unknown")
    assert status == 0
    assert out == [
        "䶮\tU+4DAE\t本字无笔画数据，按部件（龙+天）计 9 画：横撇折撇点横横撇点",
        "鍹\tU+9379\t按类推简化（钅+宣）计 14 画：撇横横横折点点折横竖折横横横",
        "馼\tU+99BC\t按类推简化（马+文）计 7 画：折折横点横撇点",
        "𠀀\tU+20000\t没有笔画数据，排在所有已知字之后",
    ]


def test_unknown_lists_nothing_for_standard_names(capsys, tmp_path):
    # 鋆 has 金 under 均 and is itself in the 通用规范汉字表: its own 15 strokes, no guess.
    status, out, err = run(capsys, tmp_path, "马凯\n陈鋆\n钱伟\n", "--unknown")
    assert (status, out, err) == (0, [], "")


def test_sort_puts_ma_wen_before_ma_kai_and_says_what_it_guessed(capsys, tmp_path):
    status, out, err = run(capsys, tmp_path, "马凯\n马 馼_(女)\n马兴瑞\n")
    assert status == 0
    assert out == ["马兴瑞", "马 馼_(女)", "马凯"]
    assert "提示：以下字按类推简化或部件计笔画（--unknown 列出详情）：馼（马+文，7 画）" in err
    assert "没有笔画数据" not in err


def test_sort_of_empty_input(capsys, tmp_path):
    assert run(capsys, tmp_path, "\n\n", "--unknown") == (0, [], "")
    assert run(capsys, tmp_path, "") == (0, [], "")


def test_unknown_and_guessed_in_one_sort(capsys, tmp_path):
    status, out, err = run(capsys, tmp_path, "王𠀀\n王馼\n王凯\n")
    assert out == ["王馼", "王凯", "王𠀀"]
    assert "提示：以下字没有笔画数据，已排在最后：𠀀" in err
    assert "馼（马+文，7 画）" in err
