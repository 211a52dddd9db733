"""The ward's staff over the years: who sat at each office's counter in each 年度."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date

from kyodo_desktop.rules import fiscal_year
from kyodo_desktop.rules.vocabulary import StaffRole
from kyodo_desktop.services.demo.context import FIRST_DAY, Demo
from kyodo_desktop.services.demo.names import person_name
from kyodo_desktop.store.models import Staff

HEAD_OFFICE = "01"  # 協働推進課 staff are attached to office 01 (at the ward office building)
KYODO_SECTION_FROM = 2016  # 協働推進課の設置（平成28年度～）


@dataclass(frozen=True)
class Member:
    """One staff member's posting: from the April they arrived to the March they left."""

    id: uuid.UUID
    login_id: str
    name: str
    office: str
    role: StaffRole
    seat: int  # 0: 地域支援推進員; 1, 2: other counter staff; head office seats
    first_fy: int
    last_fy: int | None  # None: still in post


class Roster:
    """Staff by office and 年度; postings change on 1 April (人事異動)."""

    def __init__(self, demo: Demo, office_ids: dict[str, uuid.UUID]) -> None:
        self._demo = demo
        self.office_ids = office_ids
        self.members: list[Member] = []
        self._logins: set[str] = set()
        self._cache: dict[tuple[str, int], tuple[list[Member], list[float]]] = {}
        self._head_cache: dict[int, list[Member]] = {}
        rng = demo.rng
        self.admin = self._member(HEAD_OFFICE, StaffRole.ADMIN, 0, 2006, None)
        for office in office_ids:
            # 区民事務所 (01–04) and some 出張所 have a third person at the counter.
            seats = 3 if office <= "04" or rng.random() < 0.35 else 2
            for seat in range(seats):
                self._seat(office, StaffRole.COUNTER, seat, 2006 - rng.randint(0, 4))
        for seat in range(3):
            self._seat(HEAD_OFFICE, StaffRole.HEAD_OFFICE, seat, 2006 - rng.randint(0, 3))
        self._seat(HEAD_OFFICE, StaffRole.HEAD_OFFICE, 3, KYODO_SECTION_FROM)
        self.default_login = next(
            m.login_id
            for m in self.members
            if m.office == HEAD_OFFICE
            and m.role is StaffRole.COUNTER
            and m.seat == 0
            and m.last_fy is None
        )

    def _seat(self, office: str, role: StaffRole, seat: int, first_fy: int) -> None:
        fy = first_fy
        while fy <= self._demo.current_fy:
            years = self._demo.rng.randint(3, 6)
            last = fy + years - 1
            self._member(office, role, seat, fy, None if last >= self._demo.current_fy else last)
            fy = last + 1

    def _member(
        self, office: str, role: StaffRole, seat: int, first_fy: int, last_fy: int | None
    ) -> Member:
        generations = (1, 2) if role is not StaffRole.ADMIN else (1,)
        name = person_name(self._demo.rng, generations)
        login = f"n{office}-{name.romaji}"
        suffix = 2
        while login in self._logins:
            login = f"n{office}-{name.romaji}{suffix}"
            suffix += 1
        self._logins.add(login)
        member = Member(
            self._demo.new_id(), login, name.name, office, role, seat, first_fy, last_fy
        )
        self.members.append(member)
        self._write(member, name.kana)
        return member

    def _write(self, member: Member, kana: str) -> None:
        demo = self._demo
        made_on = max(FIRST_DAY, date(member.first_fy, 4, 1))
        left_on = None if member.last_fy is None else date(member.last_fy + 1, 3, 31)
        admin_id = self.admin.id if self.members[0] is not member else member.id
        row = demo.stamp(
            office=HEAD_OFFICE,
            made_on=made_on,
            made_by=admin_id,
            changed_on=left_on,
            row_id=member.id,
        )
        row.update(
            login_id=member.login_id,
            name=member.name,
            name_kana=kana,
            office_id=self.office_ids[member.office],
            role=str(member.role),
            password_hash=None,
            active=member.last_fy is None,
        )
        demo.sink.add(Staff, row)

    def _on_duty(self, member: Member, fy: int) -> bool:
        return member.first_fy <= fy and (member.last_fy is None or fy <= member.last_fy)

    def counter_staff(self, office: str, fy: int) -> tuple[list[Member], list[float]]:
        """The counter staff of ``office`` in ``fy`` and how much of its work each does."""
        key = (office, fy)
        found = self._cache.get(key)
        if found is None:
            staff = [
                m
                for m in self.members
                if m.office == office and m.role is StaffRole.COUNTER and self._on_duty(m, fy)
            ]
            staff.sort(key=lambda m: m.seat)
            # The 地域支援推進員 (seat 0) takes most of the consultations.
            weights = [(0.55, 0.3, 0.15)[m.seat] for m in staff]
            found = self._cache[key] = (staff, weights)
        return found

    def counter(self, office: str, day: date) -> Member:
        staff, weights = self.counter_staff(office, fiscal_year(day))
        return self._demo.rng.choices(staff, weights)[0]

    def lead(self, office: str, day: date) -> Member:
        """The office's 地域支援推進員 on ``day``."""
        return self.counter_staff(office, fiscal_year(day))[0][0]

    def head(self, day: date) -> Member:
        fy = fiscal_year(day)
        staff = self._head_cache.get(fy)
        if staff is None:
            staff = self._head_cache[fy] = [
                m for m in self.members if m.role is StaffRole.HEAD_OFFICE and self._on_duty(m, fy)
            ]
        return self._demo.pick(staff)
