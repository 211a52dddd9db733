"""Residents who consult as individuals (相談者): only what the work needs."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import bindparam, update

from kyodo_desktop.rules import search_key
from kyodo_desktop.services.demo.context import FIRST_DAY, Demo
from kyodo_desktop.services.demo.groups import Pool
from kyodo_desktop.services.demo.names import person_name
from kyodo_desktop.services.demo.places import TOWNS, address, landline, mobile, towns_of
from kyodo_desktop.services.demo.staff import Roster
from kyodo_desktop.store.models import Person

PERSONS = 500  # at scale 1
CONSENT_SHARE = 0.6  # 情報共有への同意 recorded for about 60%


@dataclass
class PersonSpec:
    id: uuid.UUID
    office: str
    town_name: str
    registered_on: date  # the first consultation
    last_contact_on: date
    last_staff: uuid.UUID

    def alive(self, day: date) -> bool:
        return self.registered_on <= day


class People:
    """The persons, by office, with the day each was last in contact."""

    def __init__(self, persons: list[PersonSpec]) -> None:
        self.persons = persons
        offices = sorted({p.office for p in persons})
        self.by_office: dict[str, Pool[PersonSpec]] = {
            o: Pool([p for p in persons if p.office == o]) for o in offices
        }
        self.everyone = Pool(persons)
        self.arriving: dict[int, list[PersonSpec]] = {}
        for person in self.everyone.items:
            fy = person.registered_on.year - (person.registered_on.month < 4)
            self.arriving.setdefault(fy, []).append(person)


def generate_persons(demo: Demo, roster: Roster) -> People:
    rng = demo.rng
    offices = sorted(roster.office_ids)
    span = (demo.today - FIRST_DAY).days
    persons = []
    for _ in range(demo.scaled(PERSONS, minimum=3)):
        office = offices[int(rng.random() * len(offices))]
        town = demo.pick(towns_of(office) or list(TOWNS))
        registered = demo.day_between(FIRST_DAY, FIRST_DAY + timedelta(days=span))
        name = person_name(rng)
        staff = roster.counter(office, registered).id
        consent = rng.random() < CONSENT_SHARE
        spec = PersonSpec(demo.new_id(), office, town.name, registered, registered, staff)
        row = demo.stamp(office=office, made_on=registered, made_by=staff, row_id=spec.id)
        row.update(
            name=name.name,
            name_kana=name.kana,
            name_key=search_key(name.name + name.kana),
            phone=mobile(rng) if rng.random() < 0.7 else landline(rng),
            address=address(rng, town) if rng.random() < 0.8 else "",
            consent_to_share=consent,
            consent_recorded_on=registered if consent else None,
            last_contact_on=registered,
            anonymised_on=None,
            notes="",
        )
        demo.sink.add(Person, row)
        persons.append(spec)
    return People(persons)


def record_last_contacts(demo: Demo, people: People) -> None:
    """Set each person's last contact once every consultation is written."""
    session = demo.sink.session
    table = Person.__table__
    statement = (
        update(table)
        .where(table.c.id == bindparam("person_id"))
        .values(
            last_contact_on=bindparam("last_on"),
            updated_at=bindparam("at"),
            updated_by=bindparam("by"),
        )
    )
    rows = [
        {
            "person_id": p.id,
            "last_on": p.last_contact_on,
            "at": demo.moment(p.last_contact_on),
            "by": p.last_staff,
        }
        for p in people.persons
        if p.last_contact_on > p.registered_on
    ]
    for start in range(0, len(rows), 4000):
        session.execute(statement, rows[start : start + 4000])
