"""Support cases (支援ケース): a group followed over months, with a timeline of events."""

from __future__ import annotations

import random
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, timedelta
from typing import NamedTuple

from sqlalchemy import select

from kyodo_desktop.rules import GroupKind, fiscal_year
from kyodo_desktop.rules.vocabulary import CaseEventKind, CaseStatus, Channel
from kyodo_desktop.services.demo.consultations import ConsultationLog
from kyodo_desktop.services.demo.context import Demo, next_workday
from kyodo_desktop.services.demo.groups import GroupSpec, Pool, Registry
from kyodo_desktop.services.demo.staff import Member, Roster
from kyodo_desktop.store.models import Application, CaseEvent, Project, SupportCase

CASES = 120  # at scale 1
# The demo officer's own open cases at office 01, with their next action due this many days
# from today: one due today, two overdue, so 今日のフォロー has cases in it at any scale.
DESK_OFFICE = "01"
DESK_DUE_DAYS = (0, -3, -12)
DESK_SEED = 6  # the desk cases' own random stream
DESK_KINDS = (CaseEventKind.CONSULTATION, CaseEventKind.APPLICATION, CaseEventKind.VISIT)
FIRST_CASE_DAY = date(2009, 4, 1)  # 地域支援推進員の配置（平成21年度～）

K = GroupKind


class CaseTheme(NamedTuple):
    title: str
    purpose: str
    topics: tuple[str, ...]
    kinds: tuple[GroupKind, ...]
    notes: tuple[str, ...]
    actions: tuple[str, ...]
    department: str  # where a referral on this case goes


THEMES: tuple[CaseTheme, ...] = (
    CaseTheme(
        "役員・担い手の確保に向けた支援",
        "役員の高齢化と担い手不足に対し、募集方法の見直しと他団体との連携を支援する。",
        ("volunteers", "management"),
        (K.CHOKAI, K.VOLUNTEER, K.NPO, K.SEISHONEN),
        (
            "役員会で募集チラシの案が了承されたと報告あり。",
            "新たに2名が行事の手伝いに加わったと連絡あり。",
            "輪番制の導入について会員アンケートを実施中とのこと。",
        ),
        (
            "募集チラシの配架状況を確認する",
            "役員会に同席し、輪番制の案を説明する",
            "ボランティアセンターへの登録状況を確認する",
        ),
        "shakyo",
    ),
    CaseTheme(
        "NPO法人化の支援",
        "任意団体からNPO法人への移行を、定款の作成から認証申請まで支援する。",
        ("npo_procedure", "accounting"),
        (K.VOLUNTEER, K.OTHER),
        (
            "定款案の第一稿を受け取った。",
            "設立総会の日程が決まったと連絡あり。",
            "所轄庁へ認証申請書を提出したと報告あり。",
        ),
        ("定款案への意見を返す", "設立総会の議事録案を確認する", "認証の結果を確認する"),
        "koryu_center",
    ),
    CaseTheme(
        "会計処理の見直し支援",
        "会計担当の交代に伴い、帳簿の付け方と会計監査の仕組みを整える。",
        ("accounting", "management"),
        (K.CHOKAI, K.VOLUNTEER, K.NPO, K.OTHER),
        (
            "新しい会計担当者が現金出納帳の記入を始めた。",
            "会計監査の手順書の案を受け取った。",
            "総会で決算が承認されたと報告あり。",
        ),
        ("帳簿の記入状況を確認する", "会計監査に立ち会う", "決算書の案を確認する"),
        "koryu_center",
    ),
    CaseTheme(
        "助成金の申請と実績報告の支援",
        "助成金の申請から実績報告まで、事業計画書と収支の書類づくりを支援する。",
        ("funding", "accounting"),
        (K.VOLUNTEER, K.NPO, K.OTHER, K.CHOKAI),
        (
            "事業計画書の案を受け取り、記載の不足を伝えた。",
            "交付決定の通知が届いたと連絡あり。",
            "実績報告書の下書きを確認した。",
        ),
        ("申請書類の最終確認を行う", "実績報告書の提出を確認する", "収支決算書の案を確認する"),
        "kyodo",
    ),
    CaseTheme(
        "活動拠点の確保に向けた支援",
        "定期的に使える活動場所と備品の保管場所を探す。",
        ("venue", "referral"),
        (K.VOLUNTEER, K.NPO, K.OTHER),
        (
            "候補の地域集会所を団体と一緒に見学した。",
            "空き店舗の所有者と話ができたと報告あり。",
            "近隣の団体と倉庫を共同で使う話がまとまった。",
        ),
        (
            "候補地の使用条件を確認する",
            "所有者との打ち合わせに同席する",
            "利用申込の結果を確認する",
        ),
        "kosha",
    ),
    CaseTheme(
        "地域の団体との連携の調整",
        "町会・自治会とNPO・ボランティア団体が互いの強みを活かして取り組めるよう橋渡しをする。",
        ("cooperation", "referral"),
        (K.CHOKAI, K.NPO, K.VOLUNTEER, K.SHAFUKU, K.SEISHONEN),
        (
            "双方の顔合わせを行い、次回の打ち合わせ日を決めた。",
            "合同行事の役割分担表の案が届いた。",
            "合同行事は予定どおり実施されたと報告あり。",
        ),
        ("合同の打ち合わせを設定する", "行事の役割分担を確認する", "実施後の振り返りに同席する"),
        "kyodo",
    ),
    CaseTheme(
        "団体の立ち上げ支援",
        "新しい団体の会則づくり、仲間集め、活動場所の確保を支援する。",
        ("startup", "management"),
        (K.VOLUNTEER, K.OTHER),
        (
            "会則案がまとまったと連絡あり。",
            "設立総会が開かれ、代表が決まった。",
            "最初の活動に12名が参加したと報告あり。",
        ),
        ("会則案を確認する", "設立総会の準備状況を確認する", "初回の活動を見学する"),
        "koryu_center",
    ),
    CaseTheme(
        "町会・自治会への加入促進の支援",
        "転入者や集合住宅の住民への加入の呼びかけを、広報物の見直しとあわせて支援する。",
        ("publicity", "management"),
        (K.CHOKAI,),
        (
            "加入案内のチラシを改訂した。",
            "集合住宅の管理組合と話し合いの場を持った。",
            "今年度の新規加入が15世帯あったと報告あり。",
        ),
        (
            "加入案内の配布状況を確認する",
            "管理組合との打ち合わせに同席する",
            "加入世帯数の推移を確認する",
        ),
        "chiiki_shinko",
    ),
    CaseTheme(
        "町会とNPOが協働する防災訓練の支援",
        "町会の防災訓練に地域のNPOや学校が加わるよう、関係者の調整を支援する。",
        ("cooperation", "referral"),
        (K.CHOKAI, K.SEISHONEN),
        (
            "訓練の実施計画の案が届いた。",
            "避難所運営の担当者と打ち合わせた。",
            "防災訓練に約80名が参加したと報告あり。",
        ),
        ("実施計画の案を確認する", "関係機関との打ち合わせを設定する", "訓練の振り返りに同席する"),
        "chiiki_shinko",
    ),
)


@dataclass
class PlannedEvent:
    case_id: uuid.UUID
    day: date
    kind: CaseEventKind
    office: str
    group: GroupSpec
    theme: CaseTheme
    staff: Member
    stream: random.Random | None = None  # a desk case's own draws (see `drawing_from`)


@contextmanager
def drawing_from(demo: Demo, stream: random.Random | None) -> Iterator[None]:
    """Draw from `stream` instead of the demo's (None: the demo's own).

    The demo officer's own cases came later than the rest of the data: drawn from a stream
    of their own, they leave every other row of the demo as it was without them.
    """
    if stream is None:
        yield
        return
    main, demo.rng = demo.rng, stream
    try:
        yield
    finally:
        demo.rng = main


def plan_cases(demo: Demo, roster: Roster, registry: Registry) -> dict[int, list[PlannedEvent]]:
    """Write the cases and return their events by 年度 (written with that year's log)."""
    pools: dict[tuple[GroupKind, ...], Pool[GroupSpec]] = {}
    events: dict[int, list[PlannedEvent]] = {}
    span = (demo.today - FIRST_CASE_DAY).days
    count = demo.scaled(CASES, minimum=2)
    desk_groups = _desk_groups(demo, registry)
    desk_stream = random.Random(DESK_SEED)
    for number in range(count + len(desk_groups)):
        desk = number - count  # >= 0: one of the demo officer's own cases
        stream = desk_stream if desk >= 0 else None
        with drawing_from(demo, stream):
            _plan_case(demo, roster, registry, pools, events, span, desk, desk_groups, stream)
    return events


def _plan_case(
    demo: Demo,
    roster: Roster,
    registry: Registry,
    pools: dict[tuple[GroupKind, ...], Pool[GroupSpec]],
    events: dict[int, list[PlannedEvent]],
    span: int,
    desk: int,
    desk_groups: list[GroupSpec],
    stream: random.Random | None,
) -> None:
    """One case and its planned entries (`desk` >= 0: the demo officer's own, that one)."""
    rng = demo.rng
    theme = demo.pick(THEMES)
    pool = pools.get(theme.kinds)
    if pool is None:
        pool = pools[theme.kinds] = Pool(registry.of_kinds(theme.kinds))
    # More recent cases are more likely (and more of them still open).
    opened = next_workday(demo.today - timedelta(days=int(span * rng.random() ** 1.6)))
    opened = min(opened, demo.today)
    group = pool.pick(demo, opened) or registry.everyone.pick(demo, opened)
    if desk >= 0:
        # A 町会 that applies for ① every year: its case is about last year's report.
        theme = next(t for t in THEMES if "funding" in t.topics)
        opened = next_workday(demo.today - timedelta(days=40 + 25 * desk))
        group = desk_groups[desk]
    if group is None:
        return
    age = (demo.today - opened).days
    roll = rng.random()
    if age > 730:
        status = CaseStatus.CLOSED if roll < 0.88 else CaseStatus.WATCHING
    elif age > 180:
        status = (
            CaseStatus.CLOSED
            if roll < 0.4
            else CaseStatus.WATCHING
            if roll < 0.7
            else CaseStatus.ACTIVE
        )
    else:
        status = (
            CaseStatus.ACTIVE
            if roll < 0.7
            else CaseStatus.WATCHING
            if roll < 0.9
            else CaseStatus.CLOSED
        )
    if desk >= 0:
        status = CaseStatus.ACTIVE
    end = demo.today
    if group.dissolved_on is not None:
        status = CaseStatus.CLOSED
        end = group.dissolved_on - timedelta(days=1)
    closed_on = None
    if status is CaseStatus.CLOSED:
        length = rng.randint(30, max(30, min(720, (end - opened).days)))
        closed_on = min(end, next_workday(opened + timedelta(days=length)))
        if closed_on <= opened:
            closed_on = opened
        end = closed_on
    case_id = demo.new_id()
    # The opening consultation, then 1–9 more entries up to the end (2–10 in all).
    days = [opened, *sorted(demo.day_between(opened, end) for _ in range(rng.randint(1, 9)))]
    if desk >= 0:  # entries well before the next action fell due
        days = sorted(demo.day_between(opened, opened + timedelta(days=20)) for _ in DESK_KINDS)
        days[0] = opened
    office = DESK_OFFICE if desk >= 0 else group.office
    lead = roster.lead(office, end)
    planned = []
    for index, day in enumerate(days):
        if index == 0:
            kind = CaseEventKind.CONSULTATION
        elif desk >= 0:
            kind = DESK_KINDS[index]
        else:
            kinds = [
                CaseEventKind.VISIT,
                CaseEventKind.CONSULTATION,
                CaseEventKind.REFERRAL,
                CaseEventKind.NOTE,
            ]
            weights = [30, 30, 15, 25]
            if "funding" in theme.topics:
                kinds.append(CaseEventKind.APPLICATION)
                weights.append(12)
            kind = rng.choices(kinds, weights)[0]
        fy = fiscal_year(day)
        # The lead officer writes most entries while in post.
        staff = lead if lead.first_fy <= fy and rng.random() < 0.7 else roster.counter(office, day)
        planned.append(PlannedEvent(case_id, day, kind, office, group, theme, staff, stream))
        events.setdefault(fy, []).append(planned[-1])
    # Open cases have a next step; some are overdue (期限切れ), as at any desk.
    next_action, due = "", None
    if status is CaseStatus.ACTIVE:
        next_action = demo.pick(theme.actions)
        due = demo.today + timedelta(days=rng.randint(-25, 40))
    elif status is CaseStatus.WATCHING and rng.random() < 0.6:
        next_action = "状況を確認する（" + demo.pick(theme.actions) + "）"
        due = demo.today + timedelta(days=rng.randint(-10, 120))
    if due is not None:
        due = next_workday(max(due, days[-1] + timedelta(days=7)))
    if desk >= 0:
        due = demo.today + timedelta(days=DESK_DUE_DAYS[desk])
    row = demo.stamp(
        office=office,
        made_on=opened,
        made_by=planned[0].staff.id,
        changed_on=days[-1],
        changed_by=lead.id,
        row_id=case_id,
    )
    row.update(
        group_id=group.id,
        office_id=roster.office_ids[office],
        lead_staff_id=lead.id,
        title=theme.title,
        purpose=theme.purpose,
        status=status.value,
        opened_on=opened,
        closed_on=closed_on,
        next_action=next_action,
        next_action_due=due,
    )
    demo.sink.add(SupportCase, row)


def write_events(demo: Demo, log: ConsultationLog, planned: list[PlannedEvent]) -> None:
    """The timeline entries of one 年度; consultations and visits are logged as consultations."""
    for event in sorted(planned, key=lambda e: (e.day, e.case_id.int)):
        with drawing_from(demo, event.stream):
            _write_event(demo, log, event)


def _write_event(demo: Demo, log: ConsultationLog, event: PlannedEvent) -> None:
    consultation_id = department_id = application_id = None
    staff = event.staff
    if event.kind in (CaseEventKind.CONSULTATION, CaseEventKind.VISIT):
        channel = (
            Channel.VISIT
            if event.kind is CaseEventKind.VISIT
            else demo.pick((Channel.COUNTER, Channel.COUNTER, Channel.PHONE))
        )
        written = log.write(
            event.day,
            event.office,
            staff,
            group=event.group,
            channel=channel,
            topic_codes=[c for c in event.theme.topics if c in log.topics] or ["other"],
            allow_follow_up=False,
        )
        consultation_id = written.id
        summary = written.asked
    elif event.kind is CaseEventKind.REFERRAL:
        department_id, name = log.departments.get(
            event.theme.department, next(iter(log.departments.values()))
        )
        summary = f"{name}につなぎ、担当者との打ち合わせの日程を調整した。"
    elif event.kind is CaseEventKind.APPLICATION:
        summary = "助成金の申請書類を一緒に確認し、提出前の不足を伝えた。"
        application_id = _latest_application(demo, event.group, event.day)
        if application_id is not None:
            summary = "前年度の申請の実績報告について、書類の不足を一緒に確認した。"
    else:
        summary = demo.pick(event.theme.notes)
    row = demo.stamp(office=event.office, made_on=event.day, made_by=staff.id)
    row.update(
        case_id=event.case_id,
        occurred_on=event.day,
        kind=event.kind.value,
        staff_id=staff.id,
        summary=summary,
        consultation_id=consultation_id,
        department_id=department_id,
        application_id=application_id,
    )
    demo.sink.add(CaseEvent, row)


def _desk_groups(demo: Demo, registry: Registry) -> list[GroupSpec]:
    """Groups for the demo officer's own cases: 町会 that apply yearly, the desk office's first.

    A small demo may have none at the desk office; a group of another office will do (groups
    are shared), and any long-standing group if there is no such 町会 at all.
    """
    start = demo.today - timedelta(days=2 * 365)
    standing = [g for g in registry.groups if g.registered_on <= start and g.dissolved_on is None]
    standing.sort(key=lambda g: (g.jichi_weight < 1.0, g.office != DESK_OFFICE))
    return standing[: len(DESK_DUE_DAYS)]


def _latest_application(demo: Demo, group: GroupSpec, day: date) -> uuid.UUID | None:
    """The group's latest application of an earlier 年度 (those are written already)."""
    return demo.sink.session.scalar(
        select(Application.id)
        .join(Project, Project.id == Application.project_id)
        .where(Project.group_id == group.id, Application.fiscal_year < fiscal_year(day))
        .order_by(Application.fiscal_year.desc(), Application.id)
        .limit(1)
    )
