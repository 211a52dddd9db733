"""The consultation log (相談記録), one 年度 at a time."""

from __future__ import annotations

import uuid
from bisect import bisect_left
from dataclasses import dataclass
from datetime import date, timedelta
from itertools import accumulate

from kyodo_desktop.rules import programmes, search_key
from kyodo_desktop.rules.vocabulary import Channel
from kyodo_desktop.services.demo.context import FIRST_FISCAL_YEAR, Demo, fy_bounds, workdays
from kyodo_desktop.services.demo.groups import THEMES, GroupSpec, Registry
from kyodo_desktop.services.demo.people import People, PersonSpec
from kyodo_desktop.services.demo.places import TOWNS
from kyodo_desktop.services.demo.staff import Member, Roster
from kyodo_desktop.services.demo.texts import (
    FOLLOW_UP_NOTES,
    GROUP_LEADS,
    MEETINGS,
    PERSON_LEADS,
    REFERRALS,
    ROLES,
    TOPIC_TEXTS,
)
from kyodo_desktop.store.models import Consultation, consultation_topic

# Consultations a year, ward-wide, at scale 1: about 1,200 in FY2006, growing a little.
FIRST_YEAR_RATE = 1200
GROWTH_PER_YEAR = 15
GROUP_SHARE = 0.65
PERSON_SHARE = 0.25  # the rest are anonymous
FOLLOW_UP_SHARE = 0.2
# Follow-ups left open for the demo's day (scale 1; never fewer than DUE_MINIMUM), and the
# share of them at the office whose counter officer the demo signs in.
DUE_TODAY = 8
OVERDUE = 8
DUE_MINIMUM = 8
DUE_AT_DEMO_OFFICE = 0.5
DEMO_OFFICE = "01"

_CHANNELS = (Channel.COUNTER, Channel.PHONE, Channel.VISIT, Channel.MAIL, Channel.OTHER)
_GROUP_CHANNEL_WEIGHTS = (40, 28, 20, 8, 4)
_PERSON_CHANNEL_WEIGHTS = (55, 35, 0, 7, 3)
_ANONYMOUS_CHANNEL_WEIGHTS = (35, 60, 0, 0, 5)

# Topic weights by who asks (codes of the shipped topics).
_TOPIC_WEIGHTS: dict[str, dict[str, float]] = {
    "chokai": {
        "management": 20, "volunteers": 20, "funding": 15, "cooperation": 12, "referral": 12,
        "publicity": 8, "accounting": 6, "venue": 4, "other": 8,
    },
    "npo": {
        "npo_procedure": 15, "accounting": 15, "funding": 18, "publicity": 12, "volunteers": 10,
        "management": 8, "cooperation": 8, "referral": 6, "venue": 5, "other": 3,
    },
    "civic": {
        "startup": 8, "funding": 18, "volunteers": 14, "publicity": 12, "venue": 12,
        "accounting": 8, "management": 8, "cooperation": 8, "referral": 6, "npo_procedure": 4,
        "other": 4,
    },
    "institution": {
        "cooperation": 20, "funding": 15, "referral": 15, "publicity": 10, "volunteers": 10,
        "management": 10, "other": 10, "accounting": 5, "venue": 5,
    },
    "person": {
        "startup": 20, "volunteers": 22, "referral": 18, "venue": 10, "npo_procedure": 6,
        "funding": 8, "other": 16,
    },
}  # fmt: skip
_LEGAL_FORMS = ("NPO法人", "社会福祉法人", "公益財団法人")
_AUDIENCE = {
    "chokai": "chokai",
    "npo": "npo",
    "volunteer": "civic",
    "other": "civic",
    "shafuku": "institution",
    "seishonen": "institution",
    "chukan": "institution",
    "koeki": "institution",
}


def department_label(name: str, division: str) -> str:
    """How staff write a department in a record: 福祉部管理課, 練馬区社会福祉協議会."""
    return division + name if division.endswith("部") else name


@dataclass(frozen=True)
class Written:
    """A consultation just written, for a support case's timeline."""

    id: uuid.UUID
    asked: str


class ConsultationLog:
    """Writes consultations: the everyday stream, and those on a support case."""

    def __init__(
        self,
        demo: Demo,
        roster: Roster,
        registry: Registry,
        people: People,
        topics: dict[str, uuid.UUID],
        departments: dict[str, tuple[uuid.UUID, str]],
    ) -> None:
        self.demo = demo
        self.roster = roster
        self.registry = registry
        self.people = people
        self.topics = topics
        self.departments = departments
        self.offices = sorted(roster.office_ids)
        # Offices with more groups hear more; every office hears some.
        share = {o: 0 for o in self.offices}
        for group in registry.groups:
            share[group.office] += 1
        total = max(1, sum(share.values()))
        weights = [0.4 / len(self.offices) + 0.6 * share[o] / total for o in self.offices]
        self._office_cum = list(accumulate(weights))
        self._topic_tables = {
            audience: (
                [code for code in weights_ if code in topics],
                list(accumulate(w for code, w in weights_.items() if code in topics)),
            )
            for audience, weights_ in _TOPIC_WEIGHTS.items()
        }
        self._programme_names: dict[int, list[tuple[str, str]]] = {}
        # Referrals go to the shipped departments; should the head office have renamed
        # their codes, to whichever departments there are.
        fallback = sorted(departments)
        self._referrals = [(s, d) for s, d in REFERRALS if d in departments] or [
            (s, fallback[i % len(fallback)]) for i, (s, _) in enumerate(REFERRALS)
        ]

    # ---- the everyday stream --------------------------------------------------------

    def fiscal_year(self, fy: int) -> None:
        demo = self.demo
        rng = demo.rng
        first, last = fy_bounds(fy)
        if fy == FIRST_FISCAL_YEAR:
            first = max(first, date(2006, 4, 3))
        days = workdays(first, last)
        open_days = [d for d in days if d <= demo.today]
        if not open_days:
            return
        rate = (FIRST_YEAR_RATE + GROWTH_PER_YEAR * (fy - FIRST_FISCAL_YEAR)) * demo.scale
        expected = rate * rng.uniform(0.95, 1.05) * len(open_days) / len(days)
        arriving = [p for p in self.people.arriving.get(fy, []) if p.registered_on <= demo.today]
        count = max(0, demo.stochastic(expected) - len(arriving))
        dates = sorted(open_days[int(rng.random() * len(open_days))] for _ in range(count))
        due = self._due_follow_ups(dates)
        for person in arriving:
            staff = self.roster.counter(person.office, person.registered_on)
            self.write(person.registered_on, person.office, staff, person=person)
        for index, day in enumerate(dates):
            office = self.offices[self._pick_cum(self._office_cum)]
            if index in due and DEMO_OFFICE in self.offices and rng.random() < DUE_AT_DEMO_OFFICE:
                office = DEMO_OFFICE
            staff = self.roster.counter(office, day)
            roll = rng.random()
            group = person = None
            if roll < GROUP_SHARE:
                pool = self.registry.by_office.get(office) if rng.random() < 0.85 else None
                group = (pool or self.registry.everyone).pick(demo, day)
            elif roll < GROUP_SHARE + PERSON_SHARE:
                pool = self.people.by_office.get(office) if rng.random() < 0.8 else None
                person = (pool or self.people.everyone).pick(demo, day)
            self.write(day, office, staff, group=group, person=person, due_on=due.get(index))

    def _due_follow_ups(self, dates: list[date]) -> dict[int, date]:
        """Recent consultations whose follow-up is not done: due today (本日期限) or overdue.

        Whatever the scale, the officer who opens the demo finds a day's work waiting:
        a few due today and a few some days late, from the last weeks' consultations.
        """
        demo = self.demo
        recent = [
            i for i, d in enumerate(dates) if demo.today - timedelta(days=28) <= d < demo.today
        ]
        if not recent:
            return {}
        wanted = min(len(recent), demo.scaled(DUE_TODAY + OVERDUE, minimum=DUE_MINIMUM))
        chosen = demo.rng.sample(recent, wanted)
        due: dict[int, date] = {}
        for n, index in enumerate(chosen):
            if n % 2 == 0:
                due[index] = demo.today
            else:
                # Overdue: a day between the consultation and yesterday.
                first = dates[index].toordinal()
                last = (demo.today - timedelta(days=1)).toordinal()
                due[index] = date.fromordinal(demo.rng.randint(min(first, last), last))
        return due

    def _pick_cum(self, cumulative: list[float]) -> int:
        """An index drawn in proportion to the weights whose running sums are given."""
        target = self.demo.rng.random() * cumulative[-1]
        return min(bisect_left(cumulative, target), len(cumulative) - 1)

    # ---- one consultation -----------------------------------------------------------

    def write(
        self,
        day: date,
        office: str,
        staff: Member,
        *,
        group: GroupSpec | None = None,
        person: PersonSpec | None = None,
        channel: Channel | None = None,
        topic_codes: list[str] | None = None,
        due_on: date | None = None,
        allow_follow_up: bool = True,
    ) -> Written:
        demo = self.demo
        rng = demo.rng
        if channel is None:
            weights = (
                _GROUP_CHANNEL_WEIGHTS
                if group is not None
                else _PERSON_CHANNEL_WEIGHTS
                if person is not None
                else _ANONYMOUS_CHANNEL_WEIGHTS
            )
            channel = rng.choices(_CHANNELS, weights)[0]
        if topic_codes is None:
            topic_codes = self._topics(group)
        fy = day.year - (day.month < 4)
        town = group.town.name if group else person.town_name if person else demo.pick(TOWNS).name
        subject, department = demo.pick(self._referrals)
        fields = {
            "g": group.name if group else "",
            "theme": group.theme if group and group.theme else demo.pick(THEMES)[0],
            "prog": self._programme_name(fy, group),
            "town": town,
            "subject": subject,
            "dept": self.departments[department][1],
            "role": demo.pick(ROLES.get(group.kind.value, ROLES["default"])) if group else "",
            "meeting": demo.pick(MEETINGS),
        }
        lead = ""
        leads = (GROUP_LEADS if group else PERSON_LEADS).get(channel.value)
        if leads and (channel is Channel.VISIT or rng.random() < 0.4):
            lead = demo.pick(leads).format_map(fields)
            if group is not None:
                # Once named, the group is 同会 (or 同法人) for the rest of the record.
                fields["g"] = "同法人" if group.name.startswith(_LEGAL_FORMS) else "同会"
        asked_parts = []
        answered_parts = []
        for code in topic_codes[:2]:
            text = TOPIC_TEXTS.get(code, TOPIC_TEXTS["other"])
            asked_parts.append(demo.pick(text.asked_group if group else text.asked_person))
            answered_parts.append(demo.pick(text.answered))
        follow_up_on = None
        done = False
        if due_on is not None:
            follow_up_on = due_on
        elif allow_follow_up and rng.random() < FOLLOW_UP_SHARE:
            follow_up_on = demo.after(day, 5, 30)
            # Follow-ups are done, save a handful of recent ones that slipped (期限切れ).
            recent = follow_up_on >= demo.today - timedelta(days=45)
            done = follow_up_on < demo.today and not (recent and rng.random() < 0.35)
        if follow_up_on is not None:
            answered_parts.append(demo.pick(FOLLOW_UP_NOTES))
        asked = lead + self._fill(asked_parts, fields, group)
        answered = self._fill(answered_parts, fields, group)
        referred = self.departments[department][0] if "referral" in topic_codes else None
        row = demo.stamp(
            office=office,
            made_on=day,
            made_by=staff.id,
            changed_on=follow_up_on if done else None,
        )
        row.update(
            occurred_on=day,
            office_id=self.roster.office_ids[office],
            staff_id=staff.id,
            channel=channel.value,
            group_id=group.id if group else None,
            person_id=person.id if person else None,
            asked=asked,
            answered=answered,
            text_key=search_key(asked + answered),
            referred_department_id=referred,
            follow_up_on=follow_up_on,
            follow_up_done=done,
            topic_codes=",".join(sorted(topic_codes)),
        )
        sink = demo.sink
        sink.add(Consultation, row)
        for code in topic_codes:
            sink.add(
                consultation_topic, {"consultation_id": row["id"], "topic_id": self.topics[code]}
            )
        if person is not None and day > person.last_contact_on:
            person.last_contact_on = day
            person.last_staff = staff.id
        return Written(row["id"], asked)

    @staticmethod
    def _fill(parts: list[str], fields: dict[str, str], group: GroupSpec | None) -> str:
        """The sentences with their fields; a group named once is 同会 afterwards."""
        filled = []
        for part in parts:
            filled.append(part.format_map(fields))
            if group is not None and "{g}" in part:
                fields["g"] = "同法人" if group.name.startswith(_LEGAL_FORMS) else "同会"
        return "".join(filled)

    def _topics(self, group: GroupSpec | None) -> list[str]:
        audience = _AUDIENCE.get(group.kind.value, "civic") if group else "person"
        codes, cumulative = self._topic_tables[audience]
        roll = self.demo.rng.random()
        wanted = 1 if roll < 0.55 else 2 if roll < 0.9 else 3
        chosen: list[str] = []
        for _ in range(wanted * 3):
            code = codes[self._pick_cum(cumulative)]
            if code not in chosen:
                chosen.append(code)
                if len(chosen) == wanted:
                    break
        return chosen

    def _programme_name(self, fy: int, group: GroupSpec | None) -> str:
        names = self._programme_names.get(fy)
        if names is None:
            names = self._programme_names[fy] = [(p.code, p.name) for p in programmes(fy)]
        if group is not None and group.is_chokai:
            for code, name in names:
                if code == "jichi" and self.demo.rng.random() < 0.7:
                    return name
        others = [name for code, name in names if code != "jichi"] or [n for _, n in names]
        return self.demo.pick(others)
