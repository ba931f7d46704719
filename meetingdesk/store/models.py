"""The peewee models of one session file.

One file holds one session (会议). People are kept apart from their role in the
session (Member), so an ended delegate who now attends as 列席 keeps both records.
"""
from __future__ import annotations

from peewee import (
    BlobField,
    BooleanField,
    CharField,
    DatabaseProxy,
    DateField,
    DateTimeField,
    ForeignKeyField,
    IntegerField,
    Model,
    TextField,
)

from meetingdesk.rules import words
from meetingdesk.rules.words import AttendanceStatus, Quorum, Role

database = DatabaseProxy()

ROLES = tuple(Role)  # the words themselves: rules.words
STATUS_SERVING = "在任"
STATUS_ENDED = "终止"
LEADER_TITLES = ("团长", "副团长")


class BaseModel(Model):
    class Meta:
        database = database


class Session(BaseModel):
    """The one session this file is about (always a single row)."""

    city = CharField(default="")
    region = CharField()
    term = IntegerField()
    number = IntegerField()
    start_date = DateField(null=True)
    end_date = DateField(null=True)
    venue = CharField(default="")
    statutory_delegates = IntegerField(default=0)
    # The figure the standing committee announced; the roster is checked against it.
    announced_delegates = IntegerField(null=True)
    single_name_first = BooleanField(default=False)
    # The quorum a vote needs, a key of rules.counting.QUORUM_RULES (schema 5).
    quorum_rule = CharField(default=Quorum.MORE_THAN_TWO_THIRDS)
    # The session's 选举和表决办法 as settings (rules.bylaw.Bylaw as JSON; schema 6): the rule of a
    # re-vote, what becomes of vacant seats, the ballot's marks, the articles the count cites.
    bylaw = TextField(default="{}")


class Person(BaseModel):
    name = CharField(index=True)
    gender = CharField(default="")  # 男 / 女 / "" when unknown
    note = CharField(default="")  # distinguishes equal names: 区消防救援大队大队长
    work_title = CharField(default="")


class Delegation(BaseModel):
    name = CharField(unique=True)
    position = IntegerField(index=True)
    room = CharField(default="")


class Member(BaseModel):
    """A person's role in the session: 代表, 列席 or 工作人员, in one delegation."""

    person = ForeignKeyField(Person, backref="roles", on_delete="CASCADE")
    # None for a delegate whose mandate ended before this session's delegations were formed
    # (seed 000: the eight who moved away after the second session); schema 8
    delegation = ForeignKeyField(Delegation, backref="members", on_delete="RESTRICT", null=True)
    role = CharField()
    status = CharField(default=STATUS_SERVING)
    ended_on = DateField(null=True)
    end_reason = CharField(default="")
    # The mandate over time (schema 8): who counts on a day is asked with that day.
    started_on = DateField(null=True)  # None: since the congress was elected (换届)
    start_reason = CharField(default="")  # "" (换届) or "补选"
    constituency = CharField(default="")  # the 补选's 选区 / 选举单位
    confirmed_by = CharField(default="")  # the 常委会 meeting that confirmed the 资格审查 report
    end_decision = CharField(default="")  # the 常委会 decision or 公告 that ended it

    class Meta:
        indexes = ((("person", "role"), True),)


class Leader(BaseModel):
    """团长 (one) and 副团长 (one or more) of a delegation, in printing order."""

    delegation = ForeignKeyField(Delegation, backref="leaders", on_delete="CASCADE")
    member = ForeignKeyField(Member, backref="leads", on_delete="CASCADE")
    title = CharField()
    position = IntegerField(default=0)

    class Meta:
        indexes = ((("delegation", "member"), True),)


# ------------------------------------------------------------ schema 2: presidium, schedule

PRESIDIUM_CATEGORIES = ("区委书记", "区委常委", "人大常委会组成人员", "政协主席", "代表团团长", "其他")
OFFICE_BODIES = ("区委", "区人大常委会", "区人大专门委员会", "区政协", "区人民政府", "区监察委员会", "其他")
# Offices only a delegate of this congress may hold: they end with the mandate (相应终止).
MANDATE_BODIES = ("区人大常委会", "区人大专门委员会")
# The session's officers besides the presidium; the order is the printing order of the papers.
SESSION_ROLES = ("秘书长", "副秘书长", "常务主席", "审查委员会主任委员", "审查委员会副主任委员",
                 "审查委员会委员", "总监票人", "监票人")
MEETING_KINDS = ("预备会议", "全体会议", "代表团会议", "主席团会议", "其他")
HALVES = ("上午", "下午", "晚上")


class Office(BaseModel):
    """A standing office a person holds outside the session (区人大常委会 副主任 …).

    The presidium proposal reads these: who the customary categories imply.
    """

    person = ForeignKeyField(Person, backref="offices", on_delete="CASCADE")
    body = CharField()
    title = CharField()
    # An office that needs the mandate ends with it (相应终止; schema 8)
    ended_on = DateField(null=True)
    end_reason = CharField(default="")

    class Meta:
        indexes = ((("person", "body", "title"), True),)


class PresidiumMember(BaseModel):
    member = ForeignKeyField(Member, backref="presidium", unique=True, on_delete="CASCADE")
    category = CharField(default="其他")
    position = IntegerField(default=0)


class SessionRole(BaseModel):
    """One person in one of SESSION_ROLES; position is the order a group is printed in."""

    kind = CharField()
    person = ForeignKeyField(Person, backref="session_roles", on_delete="CASCADE")
    position = IntegerField(default=0)

    class Meta:
        indexes = ((("kind", "person"), True),)


class Meeting(BaseModel):
    """One meeting of the schedule; plenaries and presidium meetings are numbered by date."""

    date = DateField()
    half = CharField(default="")  # 上午 / 下午 / 晚上 / "" when unknown
    start = CharField(default="")  # "08:30"
    end = CharField(default="")
    kind = CharField()
    title = CharField(default="")  # for kind 其他; otherwise the numbered name is computed
    place = CharField(default="")
    host = ForeignKeyField(Person, null=True, backref="hosted", on_delete="SET NULL")
    printed = BooleanField(default=True)  # listed on the printed 日程
    position = IntegerField(default=0)  # breaks ties between meetings of unknown time
    # 应到 as it stood when attendance was first taken (schema 8): the record of a past meeting
    # stays what it was; `check` reports when the roster for that day was edited since
    expected = IntegerField(null=True)


class MeetingItem(BaseModel):
    meeting = ForeignKeyField(Meeting, backref="items", on_delete="CASCADE")
    text = CharField()
    position = IntegerField(default=0)


class ChairGroup(BaseModel):
    """执行主席 group presiding over one plenary."""

    meeting = ForeignKeyField(Meeting, null=True, unique=True, backref="chair_group", on_delete="SET NULL")
    host = ForeignKeyField(PresidiumMember, null=True, backref="hosting", on_delete="SET NULL")
    position = IntegerField(default=0)


class ChairGroupMember(BaseModel):
    group = ForeignKeyField(ChairGroup, backref="members", on_delete="CASCADE")
    presidium_member = ForeignKeyField(PresidiumMember, backref="groups", on_delete="CASCADE")
    position = IntegerField(default=0)

    class Meta:
        indexes = ((("group", "presidium_member"), True),)


class AgendaItem(BaseModel):
    text = CharField()
    position = IntegerField(default=0)


class Adoption(BaseModel):
    """Which meeting adopted a paper (议程, 日程, 主席团名单 …) and with which word (通过 / 推定)."""

    paper = CharField(unique=True)
    meeting = ForeignKeyField(Meeting, null=True, backref="adopted", on_delete="SET NULL")
    verb = CharField(default="通过")


# ------------------------------------------------------------ schema 3: motions, nominations

MOTION_KINDS = ("议案", "建议")
SUBMITTERS = ("代表联名", "主席团", "常委会", "专门委员会", "区人民政府")
REVIEW_DECISIONS = ("列为大会议案", "转为代表建议", "其他")
RATINGS = ("满意", "基本满意", "不满意")
DEADLINE_KINDS = ("议案", "提名")
NOMINATORS = ("主席团", "代表联名", "政党团体")


class Deadline(BaseModel):
    """提出议案截止时间 / 提名候选人截止时间 and the meeting that set it."""

    kind = CharField(unique=True)
    at = DateTimeField()
    meeting = ForeignKeyField(Meeting, null=True, backref="deadlines", on_delete="SET NULL")


class Motion(BaseModel):
    """A motion or a suggestion as received; the record stays when it is withdrawn or merged."""

    kind = CharField()  # 议案 / 建议 as registered
    number = IntegerField()  # 议案原案第N号 / 建议第N号, in order of receipt per kind
    title = CharField()
    submitter = CharField(default="代表联名")
    lead = ForeignKeyField(Member, null=True, backref="led_motions", on_delete="SET NULL")
    received_at = DateTimeField()
    clerk = CharField(default="")
    reason = TextField(default="")  # 案由
    basis = TextField(default="")  # 案据
    plan = TextField(default="")  # 方案
    attachment = CharField(default="")  # the file's name; its bytes are kept in the session file
    attachment_data = BlobField(null=True)
    withdrawn_at = DateTimeField(null=True)
    withdraw_reason = CharField(default="")
    decision = CharField(default="")  # one of REVIEW_DECISIONS once reviewed
    decision_reason = CharField(default="")
    merged_into = ForeignKeyField("self", null=True, backref="merged", on_delete="SET NULL")
    # Schema 12 moved the handling (units, reply_date, rating) into Assignment and Reply.

    class Meta:
        indexes = ((("kind", "number"), True),)


class MotionSigner(BaseModel):
    motion = ForeignKeyField(Motion, backref="signers", on_delete="CASCADE")
    member = ForeignKeyField(Member, backref="signed", on_delete="CASCADE")
    position = IntegerField(default=0)

    class Meta:
        indexes = ((("motion", "member"), True),)


class Election(BaseModel):
    office = CharField()  # 东西湖区第十一届人民代表大会常务委员会委员
    seats = IntegerField()
    mode = CharField(default="差额")  # 差额 / 等额
    rule = CharField()  # a key of rules.elections.RULES
    position = IntegerField(default=0)
    fixed_on = DateField(null=True)  # the presidium fixed the candidates: no more withdrawals
    write_ins = BooleanField(default=True)  # 另选人 rows on the ballot, as the 办法 allows
    # Schema 6: the number of candidates the 办法 fixed within the legal range (seed: 8 for 7
    # seats), None when it fixed none; and the organ of the office (rules.elections.BODIES):
    # 常委会 offices go to delegates only and exclude 行政、监察、审判、检察 office.
    candidates = IntegerField(null=True)
    body = CharField(default="")


class Nomination(BaseModel):
    """One nomination paper: by the presidium, by delegates jointly, or by parties/organisations."""

    election = ForeignKeyField(Election, backref="nominations", on_delete="CASCADE")
    nominator = CharField()  # one of NOMINATORS
    organisation = CharField(default="")  # 中共武汉市委 … for 政党团体
    received_at = DateTimeField()
    withdrawn_at = DateTimeField(null=True)
    note = CharField(default="")


class NominationSigner(BaseModel):
    nomination = ForeignKeyField(Nomination, backref="signers", on_delete="CASCADE")
    member = ForeignKeyField(Member, backref="nominated", on_delete="CASCADE")
    position = IntegerField(default=0)

    class Meta:
        indexes = ((("nomination", "member"), True),)


class Nominee(BaseModel):
    nomination = ForeignKeyField(Nomination, backref="nominees", on_delete="CASCADE")
    person = ForeignKeyField(Person, backref="nominations", on_delete="CASCADE")
    position = IntegerField(default=0)
    withdrawn_at = DateTimeField(null=True)
    withdraw_reason = CharField(default="")

    class Meta:
        indexes = ((("nomination", "person"), True),)


# ------------------------------------------------------------ schema 4: ballots and counting

VOTE_ITEM_KINDS = ("决议", "名单", "其他")


class BallotBox(BaseModel):
    """票箱: seed 000 has three, one for the presidium and two in the hall."""

    name = CharField(unique=True)
    place = CharField(default="")
    position = IntegerField(default=0)


class VoteItem(BaseModel):
    """An item put to the vote on the 表决票 (a resolution, a name list)."""

    title = CharField()
    kind = CharField(default="决议")
    position = IntegerField(default=0)


POLL_KINDS = ("正式投票", "再次投票", "另行选举", "重新投票")
PAPERS_OF_POLL = ("选票", "表决票")


class Poll(BaseModel):
    """One vote in a plenary: the 选票 (its elections) and the 表决票 (its items), counted by box.

    A re-vote among candidates tied at the cut-off is a Poll of its own, with its parent.
    """

    kind = CharField(default="正式投票")
    title = CharField()
    meeting = ForeignKeyField(Meeting, null=True, backref="polls", on_delete="SET NULL")
    parent = ForeignKeyField("self", null=True, backref="revotes", on_delete="SET NULL")
    present = IntegerField(null=True)  # delegates present at the vote, for the quorum
    created_at = DateTimeField()
    confirmed_at = DateTimeField(null=True)  # the presidium confirmed: locked
    # Schema 6. 全体代表 on the day of the vote, recorded with the first entry; the time of the
    # vote ("10:30"), so a delegate who left early before it is not counted present; and the
    # result as the presidium confirmed it (JSON), which every paper prints from then on.
    all_delegates = IntegerField(null=True)
    vote_time = CharField(default="")
    frozen = TextField(default="")


class PollElection(BaseModel):
    poll = ForeignKeyField(Poll, backref="elections", on_delete="CASCADE")
    election = ForeignKeyField(Election, backref="polls", on_delete="CASCADE")
    seats = IntegerField()  # a re-vote fills only the seats the tie left open
    position = IntegerField(default=0)


class PollCandidate(BaseModel):
    poll_election = ForeignKeyField(PollElection, backref="candidates", on_delete="CASCADE")
    person = ForeignKeyField(Person, on_delete="CASCADE")
    position = IntegerField(default=0)


class PollItem(BaseModel):
    poll = ForeignKeyField(Poll, backref="items", on_delete="CASCADE")
    vote_item = ForeignKeyField(VoteItem, on_delete="CASCADE")
    position = IntegerField(default=0)


class Sheet(BaseModel):
    """One clerk's entry (1 or 2) of one box: ballots issued and returned, per paper."""

    poll = ForeignKeyField(Poll, backref="sheets", on_delete="CASCADE")
    box = ForeignKeyField(BallotBox, on_delete="CASCADE")
    entry = IntegerField()
    paper = CharField()  # 选票 / 表决票
    issued = IntegerField(default=0)
    returned = IntegerField(default=0)

    class Meta:
        indexes = ((("poll", "box", "entry", "paper"), True),)


class Tally(BaseModel):
    """One figure of one clerk's entry of one box: a candidate's, a write-in's or an item's votes,
    or the void ballots of an election or an item (person, write_in and the counts empty)."""

    poll = ForeignKeyField(Poll, backref="tallies", on_delete="CASCADE")
    box = ForeignKeyField(BallotBox, on_delete="CASCADE")
    entry = IntegerField()
    poll_election = ForeignKeyField(PollElection, null=True, on_delete="CASCADE")
    person = ForeignKeyField(Person, null=True, on_delete="CASCADE")
    write_in = CharField(default="")
    poll_item = ForeignKeyField(PollItem, null=True, on_delete="CASCADE")
    yes = IntegerField(default=0)
    no = IntegerField(default=0)
    abstain = IntegerField(default=0)
    void = IntegerField(default=0)


class PollAct(BaseModel):
    """The log of a poll once counted: 确认 by the presidium, each 更正 with its reason."""

    poll = ForeignKeyField(Poll, backref="acts", on_delete="CASCADE")
    act = CharField()
    reason = CharField(default="")
    at = DateTimeField()
    detail = TextField(default="")  # what changed, old → new


# ------------------------------------------------------------ schema 5: attendance

ATTENDANCE_STATUSES = tuple(AttendanceStatus)
PRESENT_STATUSES = words.PRESENT_STATUSES
ATTENDANCE_SOURCES = ("签到", "扫码", "团长点名", "签到表", "手工", "结束签到")


class Attendance(BaseModel):
    """One person's attendance at one meeting; no row means not checked in yet (未签到)."""

    meeting = ForeignKeyField(Meeting, backref="attendance", on_delete="CASCADE")
    member = ForeignKeyField(Member, backref="attendance", on_delete="CASCADE")
    status = CharField()  # one of ATTENDANCE_STATUSES
    reason = CharField(default="")  # 请假 reason
    approver = CharField(default="")  # who approved the leave
    time = CharField(default="")  # "09:10": arrival of 迟到, departure of 早退
    source = CharField(default="手工")
    at = DateTimeField()

    class Meta:
        indexes = ((("meeting", "member"), True),)


class PriorAbsence(BaseModel):
    """An earlier session a delegate missed without leave, as the secretariat noted it."""

    person = ForeignKeyField(Person, backref="prior_absences", on_delete="CASCADE")
    session = CharField()  # 第十一届人民代表大会第二次会议
    note = CharField(default="")


class PreRound(BaseModel):
    """One round of the preliminary vote (预选) on an election: the first among all nominees,
    a further one among those tied at the cut-off (办法 第九条)."""

    election = ForeignKeyField(Election, backref="pre_rounds", on_delete="CASCADE")
    number = IntegerField()
    places = IntegerField()  # official candidates this round decides
    created_at = DateTimeField()
    adopted_at = DateTimeField(null=True)  # the presidium fixed the official candidates from it

    class Meta:
        indexes = ((("election", "number"), True),)


class PreCandidate(BaseModel):
    round = ForeignKeyField(PreRound, backref="candidates", on_delete="CASCADE")
    person = ForeignKeyField(Person, on_delete="CASCADE")
    position = IntegerField(default=0)


class PreSheet(BaseModel):
    """One clerk's entry (1 or 2) of one delegation's preliminary ballots in one round."""

    round = ForeignKeyField(PreRound, backref="sheets", on_delete="CASCADE")
    delegation = ForeignKeyField(Delegation, on_delete="CASCADE")
    entry = IntegerField()
    present = IntegerField(default=0)  # delegates taking part
    issued = IntegerField(default=0)
    returned = IntegerField(default=0)
    void = IntegerField(default=0)

    class Meta:
        indexes = ((("round", "delegation", "entry"), True),)


class PreVote(BaseModel):
    sheet = ForeignKeyField(PreSheet, backref="votes", on_delete="CASCADE")
    person = ForeignKeyField(Person, on_delete="CASCADE")
    yes = IntegerField(default=0)

    class Meta:
        indexes = ((("sheet", "person"), True),)


class Draft(BaseModel):
    """Input typed but not yet submitted (a counting pass half entered), kept as it is typed so
    that a crash, Ctrl+Q or a power cut does not lose it (schema 7). KEY names the form and its
    subject, e.g. "tally:3:1" for poll 3, pass 1; DATA is the form's own JSON."""

    key = CharField(unique=True)
    data = TextField(default="{}")
    saved = CharField(default="")  # ISO time of the last keystroke written


class Setting(BaseModel):
    """A setting of the session that has no table of its own (schema 9): the 常委会's wording of
    how the 补选 was held, for the 代表变动公告 … KEY names it; VALUE is its text."""

    key = CharField(unique=True)
    value = TextField(default="")


class Hall(BaseModel):
    """The plenary hall and its 主席台 (schema 10); one per session. PODIUM_ROWS gives the seats
    of each 主席台 row, the front row first ("9,12"); the rest are the arrangement's settings
    (rules.seating's words)."""

    name = CharField(default="会场")
    podium_rows = CharField(default="")
    precedence = CharField(default="左为上")
    direction = CharField(default="纵向")
    rotation = CharField(default="不轮换")
    rotation_step = IntegerField(default=1)
    rotation_start = IntegerField(default=0)  # the delegation that comes first this session


class Block(BaseModel):
    """A block (区) of the hall (schema 10): ROWS gives the seats of each row, front first."""

    hall = ForeignKeyField(Hall, backref="blocks", on_delete="CASCADE")
    name = CharField()
    position = IntegerField(default=0)  # left to right as seen from the hall, within its band
    band = IntegerField(default=0)  # 0 the front band; 1 behind it …
    zone = CharField(default=Role.DELEGATE)
    rows = CharField()
    numbering = CharField(default="顺序")
    first_number = IntegerField(default=1)
    first_row = IntegerField(default=1)
    aisles = CharField(default="")


class SeatAssignment(BaseModel):
    """Who sits where in the hall (schema 10). MEETING is None for the session's arrangement; a
    plenary has its own when delegations rotate from one plenary to the next. ROW and COLUMN
    count from 0 (front row, leftmost column as seen from the hall)."""

    member = ForeignKeyField(Member, backref="seats", on_delete="CASCADE")
    meeting = ForeignKeyField(Meeting, null=True, backref="seats", on_delete="CASCADE")
    block = ForeignKeyField(Block, backref="seats", on_delete="CASCADE")
    row = IntegerField()
    column = IntegerField()
    pinned = BooleanField(default=False)


class PodiumPerson(BaseModel):
    """Who sits on the 主席台 at one meeting, in precedence order, once the clerk has set the list
    by hand (schema 10); without rows the list comes from the meeting's 执行主席 group."""

    meeting = ForeignKeyField(Meeting, backref="podium", on_delete="CASCADE")
    person = ForeignKeyField(Person, backref="podium_seats", on_delete="CASCADE")
    position = IntegerField(default=0)


# ------------------------------------------------------------ schema 11


class CarriedMotion(BaseModel):
    """A motion an earlier session of this congress made that this session orders handled
    further (续办议案; schema 11): seed 000's 决议 names 区十一届人大一次会议's. TERM and NUMBER
    name that session (第十一届 … 第一次会议); LEAD is its 领衔代表 as that session recorded
    it (a name: the delegate may have left since), "" when not known."""

    title = CharField()
    lead = CharField(default="")
    term = IntegerField()
    number = IntegerField()
    position = IntegerField(default=0)


class NominationGroup(BaseModel):
    """The secretariat's wording of one group of an election's 正式候选人名单 (schema 11).
    LABEL is the group as the data names it (大会主席团, 代表十人以上联名, 中共武汉市委);
    WORDING what the list prints before the count (seed 000: 区级政党、人民团体提名)."""

    election = ForeignKeyField(Election, backref="group_wordings", on_delete="CASCADE")
    label = CharField()
    wording = CharField()

    class Meta:
        indexes = ((("election", "label"), True),)


class PreScrutineer(BaseModel):
    """A delegation's 预选监票人 (schema 11): 办法 第七条 has each delegation choose them from
    its delegates who are not candidates of the preliminary vote; they sign its report."""

    delegation = ForeignKeyField(Delegation, backref="pre_scrutineers", on_delete="CASCADE")
    member = ForeignKeyField(Member, backref="pre_scrutinies", on_delete="CASCADE")
    position = IntegerField(default=0)

    class Meta:
        indexes = ((("member",), True),)


# ------------------------------------------------------------ schema 12: suggestions after the session


class SuggestionField(BaseModel):
    """A field (领域) of the session's list the suggestions are counted by (seed 003: 经济发展、
    城建城管、社会管理、文教民生); POSITION is the order the report names them in."""

    name = CharField(unique=True)
    position = IntegerField(default=0)


class Unit(BaseModel):
    """A handling unit (承办单位) of the session's list: suggestions go to units of this list,
    never to a name typed anew (seed 003: 39 units; seed 001: 43)."""

    name = CharField(unique=True)
    position = IntegerField(default=0)


class Suggestion(BaseModel):
    """A suggestion as handled after the session (schema 12), numbered per PERIOD (会议期间:
    建议第N号; 闭会期间: 闭会第N号).

    One made during the session is a 建议 of the motion register, or a 议案 the review turned into
    a suggestion (转为代表建议): MOTION names it, and its title, lead and date of receipt are the
    register's (TITLE, LEAD and RECEIVED_ON stay empty here, so they are kept once). One made
    between sessions has no motion and holds its own."""

    period = CharField()
    number = IntegerField()
    motion = ForeignKeyField(Motion, null=True, unique=True, backref="suggestion", on_delete="RESTRICT")
    title = CharField(default="")
    lead = ForeignKeyField(Member, null=True, backref="led_suggestions", on_delete="RESTRICT")
    received_on = DateField(null=True)
    screening = CharField(default="受理")  # 受理 / 退回修改 (一事一议 …)
    returned_reason = CharField(default="")
    field = ForeignKeyField(SuggestionField, null=True, backref="suggestions", on_delete="RESTRICT")
    key = BooleanField(default=False)  # 重点建议
    key_leader = CharField(default="")  # 督办领导
    key_committee = CharField(default="")  # 督办的专门委员会或工作机构

    class Meta:
        indexes = ((("period", "number"), True),)


class Assignment(BaseModel):
    """One unit's part in handling a suggestion (or a 大会议案: MOTION, SUGGESTION empty): 主办
    (LEAD) or 协办, with the due date of the round open now. Replies are kept per round (Reply)."""

    suggestion = ForeignKeyField(Suggestion, null=True, backref="assignments", on_delete="RESTRICT")
    motion = ForeignKeyField(Motion, null=True, backref="assignments", on_delete="RESTRICT")
    unit = ForeignKeyField(Unit, backref="assignments", on_delete="RESTRICT")
    lead = BooleanField(default=False)
    due = DateField(null=True)
    assigned_on = DateField(null=True)
    position = IntegerField(default=0)

    class Meta:
        indexes = ((("suggestion", "unit"), True), (("motion", "unit"), True))


class Reply(BaseModel):
    """A unit's reply in one round, never written over: a reply the delegate rates 不满意 opens the
    next round, whose reply is a row of its own. DUE is the due date that round had."""

    assignment = ForeignKeyField(Assignment, backref="replies", on_delete="RESTRICT")
    round = IntegerField(default=1)
    unit_name = CharField(default="")  # the unit's name when it replied: a later renaming is not history's
    due = DateField(null=True)
    replied_on = DateField()
    result = CharField(default="")  # 已解决或基本解决 / 列入计划逐步解决 / 因条件限制留作参考
    text = TextField(default="")
    attachment = CharField(default="")  # the file's name; its bytes are kept in the session file
    attachment_data = BlobField(null=True)
    rating = CharField(default="")  # "" / 满意 / 基本满意 / 不满意
    rated_on = DateField(null=True)
    entered_at = DateTimeField(null=True)  # None: moved from an older file, not known

    class Meta:
        indexes = ((("assignment", "round"), True),)


# ------------------------------------------------------------ schema 13: the change log


class Change(BaseModel):
    """One record of the change log (store.changelog): a row inserted, updated or deleted, by which
    desk and user, when, with the row before and after as JSON; or an EVENT (published, pulled,
    restored) described in NOTE. Written by triggers only, never changed or deleted."""

    at = DateTimeField()
    desk = CharField(default="")
    user = CharField(default="", column_name="username")
    table = CharField(default="", column_name="tbl")
    row = IntegerField(null=True, column_name="row_id")
    action = CharField()  # INSERT / UPDATE / DELETE / EVENT
    before = TextField(null=True)
    after = TextField(null=True)
    note = TextField(default="")

    class Meta:
        table_name = "change_log"
        indexes = ((("table", "row"), False), (("at",), False))


SCHEMA_1_MODELS = [Session, Person, Delegation, Member, Leader]
SCHEMA_2_MODELS = [Office, PresidiumMember, SessionRole, Meeting, MeetingItem, ChairGroup,
                   ChairGroupMember, AgendaItem, Adoption]
SCHEMA_3_MODELS = [Deadline, Motion, MotionSigner, Election, Nomination, NominationSigner, Nominee]
SCHEMA_4_MODELS = [BallotBox, VoteItem, Poll, PollElection, PollCandidate, PollItem, Sheet, Tally, PollAct]
SCHEMA_5_MODELS = [Attendance, PriorAbsence, PreRound, PreCandidate, PreSheet, PreVote]
SCHEMA_7_MODELS = [Draft]
SCHEMA_9_MODELS = [Setting]
SCHEMA_10_MODELS = [Hall, Block, SeatAssignment, PodiumPerson]
SCHEMA_11_MODELS = [CarriedMotion, NominationGroup, PreScrutineer]
SCHEMA_12_MODELS = [SuggestionField, Unit, Suggestion, Assignment, Reply]
SCHEMA_13_MODELS = [Change]
ALL_MODELS = (SCHEMA_1_MODELS + SCHEMA_2_MODELS + SCHEMA_3_MODELS + SCHEMA_4_MODELS + SCHEMA_5_MODELS
              + SCHEMA_7_MODELS + SCHEMA_9_MODELS + SCHEMA_10_MODELS + SCHEMA_11_MODELS + SCHEMA_12_MODELS
              + SCHEMA_13_MODELS)
