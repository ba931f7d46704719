"""The peewee models of one session file.

One file holds one session (会议). People are kept apart from their role in the
session (Member), so an ended delegate who now attends as 列席 keeps both records.
"""
from __future__ import annotations

from peewee import (
    BooleanField,
    CharField,
    DatabaseProxy,
    DateField,
    ForeignKeyField,
    IntegerField,
    Model,
)

database = DatabaseProxy()

ROLES = ("代表", "列席", "工作人员")
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
    delegation = ForeignKeyField(Delegation, backref="members", on_delete="RESTRICT")
    role = CharField()
    status = CharField(default=STATUS_SERVING)
    ended_on = DateField(null=True)
    end_reason = CharField(default="")

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


ALL_MODELS = [Session, Person, Delegation, Member, Leader]
