"""A National-People's-Congress-sized session: about 3,000 delegates in 35 delegations
and 2,000 non-voting attendees and staff, with realistic Chinese names.

    python bench/generate.py OUT_DIR      # writes OUT_DIR/npc.xlsx and OUT_DIR/npc_delegations.txt
"""
from __future__ import annotations

import random
import sys
from pathlib import Path

# The most frequent surnames, roughly weighted as in the population (two compound ones included).
SURNAMES = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢"
    "姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
)
COMPOUND = ["欧阳", "司马", "上官", "诸葛"]
GIVEN = (
    "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红娥玲芬燕辉建国春梅林鹏飞宇浩然"
    "晓东海波志宏文斌俊峰立新永亮云龙晶晶婷雪琳颖佳琪慧思远博睿哲瑞欣怡子涵梓轩雨萱诗雅梦洁嘉怡"
    "楨嫻蒨甦玥堃喆昇珺镕"
)
PROVINCES = [
    "北京", "天津", "河北", "山西", "内蒙古", "辽宁", "吉林", "黑龙江", "上海", "江苏", "浙江", "安徽",
    "福建", "江西", "山东", "河南", "湖北", "湖南", "广东", "广西", "海南", "重庆", "四川", "贵州", "云南",
    "西藏", "陕西", "甘肃", "青海", "宁夏", "新疆", "香港特别行政区", "澳门特别行政区", "台湾省", "中国人民解放军和中国人民武装警察部队",
]


def _name(rng: random.Random) -> str:
    surname = rng.choice(COMPOUND) if rng.random() < 0.01 else rng.choice(SURNAMES)
    given = rng.choice(GIVEN) + (rng.choice(GIVEN) if rng.random() < 0.7 else "")
    return surname + given


def generate_rows(seed: int = 20261122, delegates: int = 3000, others: int = 2000) -> list[dict[str, str]]:
    """Rows in the import columns; equal names get a distinguishing note."""
    rng = random.Random(seed)
    teams = [p + "代表团" for p in PROVINCES]
    rows: list[dict[str, str]] = []
    seen: dict[str, int] = {}
    for i in range(delegates + others):
        role = "代表" if i < delegates else rng.choice(["列席", "列席", "工作人员"])
        team = teams[i % len(teams)]
        name = _name(rng)
        seen[name] = seen.get(name, 0) + 1
        note = f"{team[:-3]}第{seen[name]}位" if seen[name] > 1 else ""
        rows.append({"姓名": name, "性别": rng.choice("男男女"), "代表团": team, "身份": role,
                     "职务": "", "备注": note, "团内职务": ""})
    # the first name with no equal becomes the head of its delegation
    for team in teams:
        first = next(r for r in rows if r["代表团"] == team and r["身份"] == "代表" and seen[r["姓名"]] == 1)
        first["团内职务"] = "团长"
    # older entries of equal names need a note too
    for r in rows:
        if seen[r["姓名"]] > 1 and not r["备注"]:
            r["备注"] = f"{r['代表团'][:-3]}第1位"
    return rows


def write_xlsx(rows: list[dict[str, str]], path: Path) -> None:
    from openpyxl import Workbook

    wb = Workbook(write_only=True)
    ws = wb.create_sheet("名单")
    columns = list(rows[0])
    ws.append(columns)
    for r in rows:
        ws.append([r[c] for c in columns])
    wb.save(path)


def main() -> None:
    out = Path(sys.argv[1] if len(sys.argv) > 1 else "bench/out")
    out.mkdir(parents=True, exist_ok=True)
    rows = generate_rows()
    write_xlsx(rows, out / "npc.xlsx")
    teams = sorted({r["代表团"] for r in rows}, key=lambda t: PROVINCES.index(t[:-3]))
    (out / "npc_delegations.txt").write_text("\n".join(teams) + "\n", encoding="utf-8")
    print(f"{len(rows)} rows in {len(teams)} delegations → {out / 'npc.xlsx'}")


if __name__ == "__main__":
    main()
