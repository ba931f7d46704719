"""The bundled demo session, built from the data files in `seeds/`."""
from __future__ import annotations

import csv
import datetime as dt
import tomllib
from pathlib import Path

from meetingdesk import store
from meetingdesk.assets import seed
from meetingdesk.rules import mandates
from meetingdesk.rules import people as people_rules
from meetingdesk.rules.words import Quorum, Role
from meetingdesk.store import Delegation, Leader, Member, Office, Person
from meetingdesk.store import models as store_models

from . import elections, motions, presidium, schedule, seating, settings, suggestions, voting
from . import session as session_service
from .errors import ServiceError

DEMO_FILENAME = "东西湖区第十一届人民代表大会第三次会议.meetingdesk"


def refresh_demo(path: str | Path) -> tuple[Path | None, str]:
    """Make the demo at PATH usable: build it when missing, rebuild it when it is from an older
    or a newer version, empty, damaged or not a session at all. The old file (the newcomer may
    have tried things in it) is kept beside it.

    Returns (the kept file or None, a sentence saying why it was rebuilt, '' when it was not)."""
    path = Path(path)
    try:
        found = store.check_session_file(path)
    except store.SessionFileError as exc:
        found, why = (0, 0), str(exc)
    else:
        if found is None:
            create_demo(path)
            session_service.close_session()
            return None, ""
        if found[1] == store.SCHEMA_VERSION:
            return None, ""
        why = (f"演示会议文件是较早版本（第 {found[1]} 版）写的" if found[1] < store.SCHEMA_VERSION
               else f"演示会议文件由较新版本的 MeetingDesk 写入（第 {found[1]} 版）")
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    kept = path.with_name(f"{path.name}.v{found[1]}.bak" if found[1] else f"{path.name}.{stamp}.damaged")
    path.replace(kept)
    for extra in (path.with_name(path.name + "-journal"), path.with_name(path.name + "-wal"),
                  path.with_name(path.name + "-shm")):
        # a journal left beside the old file belongs to it, not to the demo built anew
        if extra.exists():
            extra.replace(kept.with_name(kept.name + extra.name[len(path.name):]))
    create_demo(path)
    session_service.close_session()
    return kept, f"{why}，已重新建立演示会议；原文件保留为“{kept.name}”。"


def _read_csv(name: str) -> list[dict[str, str]]:
    with open(seed(name), encoding="utf-8", newline="") as fh:
        return [{k: (v or "").strip() for k, v in row.items()} for row in csv.DictReader(fh)]


def _date(text: str) -> dt.date | None:
    return dt.date.fromisoformat(text) if text else None


def create_demo(path: str | Path) -> session_service.SessionInfo:
    """Write the demo session (东西湖区第十一届人民代表大会第三次会议) to PATH."""
    path = Path(path)
    with open(seed("session.toml"), "rb") as fh:
        toml = tomllib.load(fh)
    meta, bylaw = toml["session"], toml.get("bylaw", {})
    session_service.create_session(
        path,
        city=meta.get("city", ""), region=meta["region"], term=meta["term"], number=meta["number"],
        start_date=meta.get("start_date"), end_date=meta.get("end_date"), venue=meta.get("venue", ""),
        statutory_delegates=meta.get("statutory_delegates", 0),
        announced_delegates=meta.get("current_delegates"),
    )
    try:
        with store.database.atomic():
            session_service.update_session(quorum_rule=meta.get("quorum_rule", Quorum.MORE_THAN_TWO_THIRDS))
            session_service.set_bylaw(**bylaw)
            settings.set_text(settings.BY_ELECTION_WHERE, toml.get("changes", {}).get("by_election", ""))
            _load_roster()
            _load_presidium()
            meetings = _load_schedule()
            with open(seed("elections.toml"), "rb") as fh:
                elections_data = tomllib.load(fh)
            # deadlines first: motions and nominations are checked against them
            for kind, entry in elections_data["deadline"].items():
                motions.set_deadline(kind, entry["at"], meetings[entry["meeting"]])
            _load_motions()
            _load_carried()
            _load_suggestions()
            _load_elections(elections_data)
            _load_voting()
            _load_hall()
    except (ServiceError, KeyError, ValueError) as exc:
        session_service.close_session()
        path.unlink(missing_ok=True)
        raise ServiceError(f"演示会议的数据文件有误：{exc}") from exc
    return session_service.session_info()


def _load_roster() -> None:
    delegations = {}
    for row in _read_csv("delegations.csv"):
        delegations[row["代表团"]] = Delegation.create(
            name=row["代表团"], position=int(row["顺序"]), room=row["讨论地点"])
    persons: dict[tuple[str, str], Person] = {}
    members: dict[tuple[str, str, str], Member] = {}
    for line, row in enumerate(_read_csv("people.csv"), start=2):
        name = people_rules.normalise_name(row["姓名"])
        err = people_rules.check_name(name) or people_rules.check_gender(row["性别"])
        if err:
            raise ServiceError(f"people.csv 第 {line} 行：{err.message}")
        ended = row["状态"] == store.STATUS_ENDED
        started_on, ended_on = _date(row["开始日期"]), _date(row["终止日期"])
        wrong = _check_mandate(row, ended, started_on, ended_on)
        if wrong:
            raise ServiceError(f"people.csv 第 {line} 行：{wrong}")
        key = (name, row["备注"])
        person = persons.get(key)
        if person is None:
            person = persons[key] = Person.create(
                name=name, gender=row["性别"], note=row["备注"], work_title=row["职务"])
        member = Member.create(
            # a delegate who left before this session's delegations were formed has none
            person=person, delegation=delegations[row["代表团"]] if row["代表团"] else None, role=row["身份"],
            status=store.STATUS_ENDED if ended else store.STATUS_SERVING,
            started_on=started_on, start_reason=row["开始方式"], constituency=row["选区"],
            confirmed_by=row["确认会议"],
            ended_on=ended_on, end_reason=row["终止原因"], end_decision=row["终止决定"])
        members[(row["代表团"], row["身份"], name)] = member
    for row in _read_csv("delegations.csv"):
        team = row["代表团"]
        titles = [("团长", row["团长"])] + [("副团长", n) for n in row["副团长"].split("、") if n]
        for position, (title, name) in enumerate(titles):
            member = members.get((team, Role.DELEGATE, name))
            if member is None:
                raise ServiceError(f"delegations.csv：{team}的{title}“{name}”不是该团代表")
            Leader.create(delegation=delegations[team], member=member, title=title, position=position)


def _check_mandate(row: dict[str, str], ended: bool, started_on: dt.date | None,
                   ended_on: dt.date | None) -> str:
    """'' or what is wrong with a row's mandate (its start, its end, its delegation)."""
    if row["开始方式"] not in mandates.START_REASONS:
        return f"开始方式只能为空（换届选举）或“{mandates.BY_ELECTION}”，不能是“{row['开始方式']}”"
    if row["开始方式"] == mandates.BY_ELECTION and (row["身份"] != Role.DELEGATE or started_on is None):
        return "补选的须是代表，并填写开始日期（常委会确认代表资格的日期）"
    if not ended and (row["终止日期"] or row["终止原因"] or row["终止决定"]):
        return "在任人员不能有终止日期、原因或决定"
    if ended and not row["终止原因"]:
        return "已终止的须填写终止原因"
    if not row["代表团"] and not ended:
        return "在任人员须有所属代表团"
    return mandates.check_dates(started_on, ended_on)


def _delegate(name: str, where: str) -> Member:
    found = list(Member.select().join(Person).where(
        Person.name == name, Member.role == Role.DELEGATE, Member.status == store.STATUS_SERVING))
    if len(found) != 1:
        raise ServiceError(f"{where}：“{name}”不是名单中唯一的在任代表")
    return found[0]


def _person(name: str, where: str) -> Person:
    found = list(Person.select().where(Person.name == name))
    if len(found) != 1:
        raise ServiceError(f"{where}：名单中没有唯一的“{name}”")
    return found[0]


def _load_presidium() -> None:
    for line, row in enumerate(_read_csv("presidium.csv"), start=2):
        presidium.add_presidium_member(_delegate(row["姓名"], f"presidium.csv 第 {line} 行").id, row["组成方面"])
    for line, row in enumerate(_read_csv("offices.csv"), start=2):
        _load_office(row, f"offices.csv 第 {line} 行")
    officers: dict[str, list[int]] = {}
    for line, row in enumerate(_read_csv("officers.csv"), start=2):
        officers.setdefault(row["职务"], []).append(_person(row["姓名"], f"officers.csv 第 {line} 行").id)
    for kind, ids in officers.items():
        presidium.set_roles(kind, ids)


def _load_office(row: dict[str, str], where: str) -> None:
    """An office held now (在任), or one that ended with its holder's mandate (相应终止): it ends
    when the mandate did, the date unknown when the mandate's is (seed 000's 李勇)."""
    person = _person(row["姓名"], where)
    office_id = presidium.add_office(person.id, row["机构"], row["职务"])
    if row["状态"] == "在任":
        return
    mandate = Member.get_or_none((Member.person == person.id) & (Member.role == Role.DELEGATE)
                                 & (Member.status == store.STATUS_ENDED))
    if row["状态"] != "相应终止" or row["机构"] not in store_models.MANDATE_BODIES or mandate is None:
        raise ServiceError(f"{where}：状态只能是“在任”，或在代表资格终止时“相应终止”"
                           f"（{'、'.join(store_models.MANDATE_BODIES)}的职务）")
    Office.update(ended_on=mandate.ended_on, end_reason=mandates.OFFICES_END_WITH).where(
        Office.id == office_id).execute()


def _load_hall() -> None:
    """The invented hall of seeds/hall.toml (the documents do not give one), arranged."""
    seating.set_hall(seating.hall_from_toml(seed("hall.toml")))
    seating.rearrange()


def _load_schedule() -> dict[str, int]:
    with open(seed("schedule.toml"), "rb") as fh:
        data = tomllib.load(fh)
    for text in data["agenda"]:
        schedule.add_agenda_item(text)
    meetings: dict[str, int] = {}
    for entry in data["meeting"]:
        meeting_id = schedule.add_meeting(schedule.MeetingInput(
            date=entry["date"], kind=entry["kind"], start=entry.get("start", ""),
            place=entry.get("place", ""), printed=entry.get("printed", True)), attendance_item=False)
        for text in entry["items"]:
            schedule.add_item(meeting_id, text)
        meetings[entry["key"]] = meeting_id
    by_name = {r.name: r.presidium_id for r in presidium.list_presidium()}
    for entry in data["group"]:
        group_id = presidium.add_group(meetings[entry["meeting"]])
        for name in entry["members"]:
            presidium.place_in_group(by_name[name], group_id)
        presidium.set_host(group_id, by_name[entry["host"]])
    for paper, entry in data["adoption"].items():
        schedule.set_adoption(paper, meetings[entry["meeting"]], entry["verb"])
    return meetings


def _load_motions() -> None:
    for line, row in enumerate(_read_csv("motions.csv"), start=2):
        where = f"motions.csv 第 {line} 行"
        lead = _delegate(row["领衔代表"], where)
        signers = [_delegate(n, where).id for n in row["联名代表"].split("、") if n]
        if len(signers) + 1 != int(row["联名人数"]):
            raise ServiceError(f"{where}：联名代表与人数 {row['联名人数']} 不符")
        motion_id = motions.register_motion(motions.MotionInput(
            kind="议案", title=row["标题"], lead_member_id=lead.id, signer_member_ids=tuple(signers),
            received_at=dt.datetime.fromisoformat(row["收到时间"])))
        motions.review_motion(motion_id, row["审查意见"])


def _load_carried() -> None:
    """The earlier sessions' motions this session carries on (续办议案): seed 000's one."""
    for line, row in enumerate(_read_csv("carried_motions.csv"), start=2):
        try:
            motions.add_carried(motions.CarriedInput(row["标题"], int(row["届次"]), int(row["次数"]), row["领衔代表"]))
        except ServiceError as exc:
            raise ServiceError(f"carried_motions.csv 第 {line} 行：{exc.message}") from None


def _load_suggestions() -> None:
    """The handling after the session (seeds/suggestions.toml, units.csv): the register's suggestions
    taken over, the 闭会期间 ones registered, each screened, put in a field, handed to units and
    answered round by round, as the file says. All of it is the demo's own (seeds/README.md)."""
    with open(seed("suggestions.toml"), "rb") as fh:
        data = tomllib.load(fh)
    fields = {name: suggestions.add_field(name) for name in data["fields"]}
    units = {}
    for line, row in enumerate(_read_csv("units.csv"), start=2):
        try:
            units[row["名称"]] = suggestions.add_unit(row["名称"])
        except ServiceError as exc:
            raise ServiceError(f"units.csv 第 {line} 行：{exc.message}") from None
    suggestions.set_due_defaults(suggestions.DueDefaults(**data["due"]))
    taken = data["take_over"]
    suggestions.take_over(now=dt.datetime.combine(taken["on"], dt.time(9, 0)))
    assigned_on: dict[str, dt.date] = {}
    for entry in data["between"]:
        where = f"suggestions.toml {entry['title']}"
        sid = suggestions.register_between(suggestions.SuggestionInput(
            entry["title"], _delegate(entry["lead"], where).id, entry["received_on"]))
        if entry.get("returned"):
            suggestions.screen(sid, False, entry["returned"])
        if entry.get("assigned_on"):
            assigned_on[suggestions.get_suggestion(sid).number_words] = entry["assigned_on"]
    rows = {}
    for row in suggestions.list_suggestions():
        rows[row.source or row.number_words] = row
    for entry in data["handling"]:
        row = rows.get(entry["item"])
        if row is None:
            raise ServiceError(f"suggestions.toml：没有“{entry['item']}”这件建议")
        sid = row.suggestion_id
        suggestions.set_field([sid], fields[entry["field"]])
        if "key" in entry:
            suggestions.set_key(sid, True, entry["key"]["leader"], entry["key"].get("committee", ""))
        if "lead" not in entry:
            continue
        suggestions.assign([sid], units[entry["lead"]], [units[u] for u in entry.get("assisting", [])],
                           on=assigned_on.get(entry["item"], taken["assigned_on"]))
        for reply in entry.get("reply", []):
            [assignment] = [a for a in suggestions.get_suggestion(sid).assignments if a.unit == reply["unit"]]
            # entered the morning after it came, so that the demo does not depend on the clock
            entered = dt.datetime.combine(reply["replied_on"] + dt.timedelta(days=1), dt.time(9, 0))
            reply_id = suggestions.record_reply(assignment.assignment_id, suggestions.ReplyInput(
                reply["replied_on"], reply.get("result", ""), reply.get("text", "")), now=entered)
            if reply.get("rating"):
                suggestions.rate(reply_id, reply["rating"], reply["rated_on"], reply.get("redo_due"))


def _load_elections(data: dict) -> None:
    for entry in data["election"]:
        election_id = elections.add_election(entry["office"], entry["seats"], entry["mode"], entry["rule"],
                                             body=entry.get("body"), candidates=entry.get("candidates"))
        for paper in entry["nomination"]:
            where = f"elections.toml {entry['office']}"
            if paper.get("outsiders"):
                people = [presidium.add_outside_person(n) for n in paper["nominees"]]
            else:
                people = [_delegate(n, where).person_id for n in paper["nominees"]]
            nomination_id = elections.add_nomination(elections.NominationInput(
                election_id, paper["nominator"], tuple(people),
                tuple(_delegate(n, where).id for n in paper.get("signers", [])),
                paper.get("organisation", ""), paper["received_at"]))
            if paper.get("wording"):
                # the 正式候选人名单's wording of this paper's group, the secretariat's
                election = elections.get_election(election_id)
                paper_row = next(n for n in election.nominations if n.nomination_id == nomination_id)
                elections.set_group_wording(election_id, elections.group_label(paper_row), paper["wording"])
        elections.fix_candidates(election_id, entry["fixed_on"])


def _load_voting() -> None:
    with open(seed("voting.toml"), "rb") as fh:
        data = tomllib.load(fh)
    for box in data["box"]:
        voting.add_box(box["name"], box.get("place", ""))
    for item in data["item"]:
        voting.add_vote_item(item["title"], item["kind"])
