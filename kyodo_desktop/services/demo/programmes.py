"""Who applies to which programme each 年度, for how much, and how it ends.

Caps, award limits, divisions and 年度 windows are read from the rules module, so the
demo keeps to whatever the rules say (DOMAIN.md: caps, times per project, one award
per project per 年度, ④ only FY2011–2015).
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import date, timedelta

from kyodo_desktop.rules import (
    Division,
    GroupKind,
    HirobaRates,
    format_wareki,
    hiroba_amount,
    jichi_grant,
    load_default_settings,
    programme,
)
from kyodo_desktop.rules.vocabulary import StepKind
from kyodo_desktop.services.demo.applications import Desk, Draft, budget_lines
from kyodo_desktop.services.demo.context import (
    FIRST_DAY,
    LEDGERS_ENTERED_BY,
    Demo,
    fy_bounds,
    next_workday,
    top_weighted,
)
from kyodo_desktop.services.demo.groups import GroupSpec, Registry, count_year
from kyodo_desktop.services.demo.projects import write_project
from kyodo_desktop.services.demo.staff import Roster

K = GroupKind

# Filing windows (month, day) of each programme within its 年度.
WINDOWS: dict[str, tuple[tuple[int, int], tuple[int, int]]] = {
    "jichi": ((7, 10), (9, 30)),
    "yasashii": ((5, 7), (6, 20)),
    "machizukuri": ((4, 15), (5, 31)),
    "teian": ((4, 10), (5, 15)),
    "hiroba": ((4, 1), (4, 20)),
    "okoshi": ((5, 10), (6, 20)),
}
# Divided programmes: the preparation division (once) and the activity division.
DIVISIONS: dict[str, tuple[str, str]] = {
    "yasashii": ("hajime", "katsudo"),
    "machizukuri": ("tamago", "habataki"),
}
# New projects a year at scale 1: ② 83 and ③ 79 groups over FY2006–2016 (the paper).
NEW_PER_YEAR = {"yasashii": 8.1, "machizukuri": 8.0, "teian": 8.0}
# How likely a group of each kind is to apply (per group; there are many 町会).
APPLICANTS: dict[str, dict[GroupKind, float]] = {
    "yasashii": {K.VOLUNTEER: 1.0, K.NPO: 0.8, K.OTHER: 0.8, K.SHAFUKU: 0.5, K.CHOKAI: 0.05, K.SEISHONEN: 0.1},
    "machizukuri": {K.OTHER: 1.0, K.VOLUNTEER: 0.9, K.NPO: 0.6, K.CHOKAI: 0.06, K.SEISHONEN: 0.1},
    "teian": {K.NPO: 1.0, K.VOLUNTEER: 0.8, K.OTHER: 0.8, K.CHOKAI: 0.05},
    "hiroba": {K.NPO: 1.0, K.SHAFUKU: 1.0},
    "okoshi": {K.NPO: 1.0, K.VOLUNTEER: 0.9, K.OTHER: 1.0, K.SHAFUKU: 0.4, K.CHOKAI: 0.03, K.CHUKAN: 0.3, K.KOEKI: 0.3},
}  # fmt: skip
HIROBA_FY2017 = 12  # 平成29年度 12団体に対して運営支援
OKOSHI_PROPOSALS, OKOSHI_CHOSEN = 27, 3  # 平成29年度 27事業の提案から３事業を選定
JICHI_FY2016 = 201  # 平成28年度 201団体に交付

_REJECTIONS = (
    "審査の結果、事業の実現性について具体性が不足していたため。",
    "審査の結果、予算の範囲内で他の事業を優先したため。",
    "対象経費の積算根拠が不十分であったため。",
    "地域への波及効果が十分に示されていなかったため。",
)
_WITHDRAWALS = (
    "会場の確保ができず、今年度の事業実施を見送るため。",
    "代表者の体調不良により事業の実施が困難となったため。",
    "他の助成金の交付が決まったため。",
)
_CHANGES = (
    "会場の変更に伴う事業計画の一部変更。",
    "実施時期の変更（雨天による順延）。",
    "経費の費目間の流用（印刷製本費から消耗品費へ）。",
)
_JICHI_ACTIVITIES = (
    "防犯パトロール",
    "防災訓練",
    "環境美化",
    "夏祭り",
    "敬老の集い",
    "餅つき大会",
    "広報紙の発行",
)


@dataclass
class Track:
    """A project's path through one programme over the years."""

    project_id: uuid.UUID
    group: GroupSpec
    title: str
    next_fy: int | None
    stage: str | None  # the division applied for next (None: undivided programme)
    planned: int  # awards the group hopes for in the main division
    awards: dict[str | None, int] = field(default_factory=dict)
    years: int = 0  # applications so far
    # ⑤ only: the desk's usual days a month and monthly 会場費
    usual_days: int = 0
    usual_venue: int = 0


class Planner:
    """Plans each programme's applications a 年度 at a time and hands them to the desk."""

    def __init__(
        self,
        demo: Demo,
        roster: Roster,
        registry: Registry,
        desk: Desk,
        departments: dict[str, tuple[uuid.UUID, str]],
    ) -> None:
        self.demo = demo
        self.roster = roster
        self.registry = registry
        self.desk = desk
        # ④ sets a ward section (所管課) per project, not an outside body.
        found = list(departments.values())
        self.sections = [d for d in found if d[1].endswith("課")] or found
        self.settings = load_default_settings()
        self.tracks: dict[str, list[Track]] = {code: [] for code in WINDOWS}
        self.jichi_projects: dict[uuid.UUID, uuid.UUID] = {}
        self.funded: dict[str, set[uuid.UUID]] = {code: set() for code in WINDOWS}

    def fiscal_year(self, fy: int) -> None:
        self._jichi(fy)
        for code in DIVISIONS:
            self._divided(code, fy)
        self._teian(fy)
        self._hiroba(fy)
        self._okoshi(fy)
        self.desk.release(fy)

    # ---- shared ---------------------------------------------------------------------

    def _window(self, code: str, fy: int) -> tuple[date, date]:
        (m1, d1), (m2, d2) = WINDOWS[code]
        first, last = date(fy, m1, d1), date(fy, m2, d2)
        if first <= LEDGERS_ENTERED_BY:
            first = LEDGERS_ENTERED_BY + timedelta(days=3)
            last = max(last, first + timedelta(days=20))
        return first, last

    def _candidates(self, code: str, fy: int, k: int, busy: set[uuid.UUID]) -> list[GroupSpec]:
        """``k`` groups to start new projects, favouring those the programme never funded."""
        version = programme(code).version_for(fy)
        assert version is not None
        eligible = version.kinds_under(self.settings)
        weights_by_kind = APPLICANTS[code]
        first, _ = self._window(code, fy)
        _, year_end = fy_bounds(fy)
        groups, weights = [], []
        for group in self.registry.groups:
            weight = weights_by_kind.get(group.kind, 0.0)
            if (
                weight <= 0
                or group.kind not in eligible
                or group.id in busy
                or not group.alive(first)
                or (group.dissolved_on is not None and group.dissolved_on <= year_end)
            ):
                continue
            groups.append(group)
            weights.append(weight * (0.08 if group.id in self.funded[code] else 1.0))
        return top_weighted(self.demo.rng, groups, weights, k)

    def _start(
        self,
        code: str,
        fy: int,
        group: GroupSpec,
        draft: Draft,
        *,
        ends_fy: int | None,
        prefix: str = "",
        department_id: uuid.UUID | None = None,
    ) -> Track | None:
        """Write a new project and its first application (unless not yet filed today)."""
        if draft.steps[0].day > self.demo.today:
            return None
        title = write_project(
            self.demo,
            project_id=draft.project_id,
            programme=code,
            group=group,
            made_on=draft.steps[0].day,
            staff=self.roster.counter(group.office, draft.steps[0].day),
            starts_on=date(fy, 4, 1),
            ends_on=None
            if ends_fy is None or ends_fy >= self.demo.current_fy
            else date(ends_fy + 1, 3, 31),
            description_prefix=prefix,
            department_id=department_id,
        )
        draft.purpose = f"{title}の実施。{draft.purpose}"
        return Track(draft.project_id, group, title, None, None, 1)

    def _capped_steps(self, draft: Draft, code: str, outcome: str, *, review: bool) -> None:
        demo = self.demo
        fy = draft.fy
        filed = demo.day_between(*self._window(code, fy))
        if demo.chance(0.35):
            prior = next_workday(filed - timedelta(days=demo.rng.randint(10, 45)))
            if max(FIRST_DAY, draft.group.registered_on) <= prior < filed:
                draft.add(StepKind.PRIOR_CONSULTATION, prior)
        last = draft.add(StepKind.FILED, filed, draft.requested)
        if outcome == "withdrawn":
            draft.add(StepKind.WITHDRAWN, demo.after(last, 10, 35), note=demo.pick(_WITHDRAWALS))
            return
        if review:
            last = draft.add(
                StepKind.REVIEW, demo.after(last, 15, 30), note="審査会（公開プレゼンテーション）"
            )
        decision = demo.after(last, 20, 45)
        if outcome == "rejected":
            draft.add(StepKind.REJECTED, decision, note=demo.pick(_REJECTIONS))
            return
        last = draft.add(StepKind.DECIDED, decision, draft.decided)
        if demo.chance(0.08):
            last = draft.add(
                StepKind.CHANGE_APPROVED,
                demo.after(last, 60, 150),
                draft.decided,
                demo.pick(_CHANGES),
            )
        reported = max(
            demo.day_between(date(fy + 1, 3, 1), date(fy + 1, 4, 25)), demo.after(last, 1, 5)
        )
        last = draft.add(StepKind.REPORTED, reported, draft.confirmed)
        last = draft.add(StepKind.CONFIRMED, demo.after(last, 10, 30), draft.confirmed)
        last = draft.add(StepKind.CLAIMED, demo.after(last, 3, 14), draft.confirmed)
        draft.add(StepKind.PAID, demo.after(last, 14, 30), draft.confirmed)

    def _capped_amounts(self, draft: Draft, cap: int, low_share: float) -> None:
        demo = self.demo
        requested = demo.amount(int(cap * low_share), cap)
        decided = requested if demo.chance(0.8) else demo.amount(int(requested * 0.6), requested)
        confirmed = (
            decided if demo.chance(0.75) else demo.amount(int(decided * 0.8), decided, unit=1)
        )
        draft.requested, draft.decided, draft.confirmed = requested, decided, confirmed
        draft.budget = budget_lines(demo, requested, own_share=demo.rng.uniform(0.0, 0.5))
        draft.actual = budget_lines(demo, confirmed, own_share=demo.rng.uniform(0.0, 0.5))

    def _draft(
        self,
        code: str,
        division: str | None,
        fy: int,
        group: GroupSpec,
        project_id: uuid.UUID | None = None,
    ) -> Draft:
        return Draft(code, division, fy, project_id or self.demo.new_id(), group, 0, "")

    def _outcome(self, new: bool) -> str:
        weights = (0.9, 0.07, 0.03) if new else (0.94, 0.04, 0.02)
        return self.demo.weighted(("decided", "rejected", "withdrawn"), weights)

    def _paper_target(self, code: str) -> tuple[int, int] | None:
        """(last 年度, groups at this scale) the paper reports funded over a span of 年度.

        ②③ 「平成18年度～平成28年度 N団体に交付」, ④ 「平成23年度～平成27年度 23団体と実施」:
        counted from the programme's first 年度, so the funded set of the run is the count.
        """
        rules = programme(code)
        for result in rules.results:
            if result.unit == "団体" and result.from_fy == rules.since_fy < result.until_fy:
                return result.until_fy, self.demo.scaled(result.count, minimum=1)
        return None

    def _steered(self, code: str, fy: int, group: GroupSpec, outcome: str) -> str:
        """The outcome, unless a decision would fund one group more than the paper counts."""
        target = self._paper_target(code)
        if (
            target is not None
            and outcome == "decided"
            and fy <= target[0]
            and group.id not in self.funded[code]
            and len(self.funded[code]) >= target[1]
        ):
            return "rejected"
        return outcome

    def _missing(self, code: str, fy: int) -> int:
        """How many groups the paper's span still lacks when its last 年度 is planned."""
        target = self._paper_target(code)
        if target is None or fy != target[0]:
            return 0
        return max(0, target[1] - len(self.funded[code]))

    def _submit(self, code: str, draft: Draft, track: Track, outcome: str) -> None:
        if self.desk.submit(draft) and outcome == "decided":
            self.funded[code].add(track.group.id)
        track.years += 1

    # ---- ① 自治活動推進協力費 ---------------------------------------------------------

    def _jichi(self, fy: int) -> None:
        demo = self.demo
        if not programme("jichi").is_open(fy):
            return
        first, last = self._window("jichi", fy)
        counted_on = date(fy, 7, 1)
        if fy > count_year(demo.today):
            return  # this year's households are not counted yet
        alive = [
            g for g in self.registry.chokai
            if g.alive(first) and (g.dissolved_on is None or g.dissolved_on > last)
        ]  # fmt: skip
        base = (
            JICHI_FY2016
            if fy == 2016
            else min(203, 184 + 2.5 * (fy - 2007)) + demo.rng.uniform(-3, 3)
        )
        wanted = min(len(alive), demo.scaled(base, minimum=1))
        for group in top_weighted(demo.rng, alive, [g.jichi_weight for g in alive], wanted):
            households = group.households[fy]
            amount = jichi_grant(
                households, count_part_blocks=self.settings.jichi_count_part_blocks
            ).total
            project_id = self.jichi_projects.get(group.id)
            draft = self._draft("jichi", None, fy, group, project_id)
            draft.requested = draft.decided = amount
            draft.households, draft.households_counted_on = households, counted_on
            activities = "、".join(demo.rng.sample(_JICHI_ACTIVITIES, 3))
            draft.purpose = (
                f"加入世帯数{households:,}世帯（{format_wareki(counted_on)}現在）。"
                f"{activities}などの自治活動に充てる。"
            )
            filed = draft.add(StepKind.FILED, demo.day_between(first, last), amount)
            decided = draft.add(StepKind.DECIDED, demo.after(filed, 14, 40), amount)
            claimed = max(
                demo.day_between(date(fy + 1, 1, 10), date(fy + 1, 2, 20)),
                demo.after(decided, 5, 10),
            )
            draft.add(StepKind.CLAIMED, claimed, amount)
            draft.add(StepKind.PAID, demo.after(claimed, 14, 30), amount)
            if filed > demo.today:
                continue
            if project_id is None:
                self.jichi_projects[group.id] = draft.project_id
                write_project(
                    demo,
                    project_id=draft.project_id,
                    programme="jichi",
                    group=group,
                    made_on=filed,
                    staff=self.roster.counter(group.office, filed),
                    starts_on=date(fy, 4, 1),
                    ends_on=None,
                )
            self.desk.submit(draft)

    # ---- ② やさしいまちづくり支援事業, ③ まちづくり活動助成 ---------------------------------

    def _divided(self, code: str, fy: int) -> None:
        demo = self.demo
        rules = programme(code)
        version = rules.version_for(fy)
        if not rules.is_open(fy) or version is None:
            return
        prep_code, main_code = DIVISIONS[code]
        prep, main = version.division(prep_code), version.division(main_code)
        tracks = self.tracks[code]
        _, year_end = fy_bounds(fy)
        for track in [t for t in tracks if t.next_fy == fy]:
            group = track.group
            if group.dissolved_on is not None and group.dissolved_on <= year_end:
                track.next_fy = None
                continue
            division = prep if track.stage == prep_code else main
            draft = self._draft(code, division.code, fy, group, track.project_id)
            self._divided_application(code, draft, track, division, main, prep_code, new=False)
        busy = {t.group.id for t in tracks if t.next_fy is not None}
        wanted = demo.stochastic(NEW_PER_YEAR[code] * demo.scale)
        # The record should show every programme at any scale: FY2006 always has one.
        if fy == 2006:
            wanted = max(1, wanted)
        for group in self._candidates(code, fy, wanted, busy):
            division = prep if demo.chance(0.55) else main
            draft = self._draft(code, division.code, fy, group)
            planned = demo.weighted((1, 2, 3), (25, 30, 45))
            track = self._divided_application(
                code, draft, None, division, main, prep_code, new=True, planned=planned
            )
            if track is not None:
                tracks.append(track)
        # The paper's span ends this 年度: the groups it counts, neither more nor fewer.
        taken = self.funded[code] | {t.group.id for t in tracks}  # none applies twice a 年度
        for group in self._candidates(code, fy, self._missing(code, fy), taken):
            draft = self._draft(code, main.code, fy, group)
            track = self._divided_application(
                code, draft, None, main, main, prep_code, new=True, outcome="decided"
            )
            if track is not None:
                tracks.append(track)
        self.tracks[code] = [t for t in tracks if t.next_fy is not None]

    def _divided_application(
        self,
        code: str,
        draft: Draft,
        track: Track | None,
        division: Division,
        main: Division,
        prep_code: str,
        *,
        new: bool,
        planned: int = 1,
        outcome: str | None = None,
    ) -> Track | None:
        demo = self.demo
        fy = draft.fy
        outcome = self._steered(code, fy, draft.group, outcome or self._outcome(new))
        is_prep = division.code == prep_code
        self._capped_amounts(draft, division.cap, 0.5 if is_prep else 0.4)
        self._capped_steps(draft, code, outcome, review=False)
        if track is None:
            years = planned + (1 if is_prep else 0)
            track = self._start(code, fy, draft.group, draft, ends_fy=fy + years - 1)
            if track is None:
                return None
            track.planned = planned
            track.stage = division.code
        else:
            draft.purpose = f"{track.title}の継続実施（{division.name}）。"
        self._submit(code, draft, track, outcome)
        if outcome != "decided":
            track.next_fy = fy + 1 if demo.chance(0.5) else None
            return track
        track.awards[division.code] = track.awards.get(division.code, 0) + 1
        if is_prep:
            track.stage = main.code
            track.next_fy = fy + 1 if demo.chance(0.85) else None
        elif track.awards[main.code] < min(track.planned, main.max_awards or track.planned):
            track.next_fy = fy + (1 if demo.chance(0.9) else 2)
        else:
            track.next_fy = None
        return track

    # ---- ④ 協働事業提案制度 (FY2011–2015) ----------------------------------------------

    def _teian(self, fy: int) -> None:
        demo = self.demo
        rules = programme("teian")
        version = rules.version_for(fy)
        if not rules.is_open(fy) or version is None:
            return
        division = version.division(None)
        assert division.cap is not None
        limit = division.max_awards or 2
        tracks = self.tracks["teian"]
        for track in [t for t in tracks if t.next_fy == fy]:
            draft = self._draft("teian", None, fy, track.group, track.project_id)
            outcome = self._steered(
                "teian", fy, track.group, "decided" if demo.chance(0.95) else "rejected"
            )
            self._capped_amounts(draft, division.cap, 0.4)
            self._capped_steps(draft, "teian", outcome, review=True)
            draft.purpose = f"{track.title}の2年目。"
            self._submit("teian", draft, track, outcome)
            self._after_award(track, fy, outcome, limit, rules.is_open(fy + 1))
        busy = {t.group.id for t in tracks if t.next_fy is not None}
        wanted = max(1, demo.stochastic(NEW_PER_YEAR["teian"] * demo.scale))
        for group in self._candidates("teian", fy, wanted, busy):
            roll = demo.rng.random()
            outcome = "decided" if roll < 0.58 else "withdrawn" if roll < 0.62 else "rejected"
            self._teian_new(fy, group, self._steered("teian", fy, group, outcome), limit)
        # The paper's span ends this 年度: the groups it counts, neither more nor fewer.
        taken = self.funded["teian"] | {t.group.id for t in self.tracks["teian"]}
        for group in self._candidates("teian", fy, self._missing("teian", fy), taken):
            self._teian_new(fy, group, "decided", limit)
        self.tracks["teian"] = [t for t in self.tracks["teian"] if t.next_fy is not None]

    def _teian_new(self, fy: int, group: GroupSpec, outcome: str, limit: int) -> None:
        """A new ④ project and its first application, with its 所管課."""
        demo = self.demo
        rules = programme("teian")
        version = rules.version_for(fy)
        assert version is not None
        division = version.division(None)
        assert division.cap is not None
        draft = self._draft("teian", None, fy, group)
        self._capped_amounts(draft, division.cap, 0.4)
        self._capped_steps(draft, "teian", outcome, review=True)
        department_id, department = demo.pick(self.sections)
        track = self._start(
            "teian",
            fy,
            group,
            draft,
            ends_fy=min(fy + 1, rules.until_fy or fy + 1),
            prefix=f"所管課: {department}。",
            department_id=department_id,
        )
        if track is None:
            return
        track.planned = demo.weighted((1, 2), (40, 60))
        self._submit("teian", draft, track, outcome)
        self._after_award(track, fy, outcome, min(limit, track.planned), rules.is_open(fy + 1))
        self.tracks["teian"].append(track)

    def _after_award(
        self, track: Track, fy: int, outcome: str, limit: int, next_open: bool
    ) -> None:
        if outcome != "decided":
            track.next_fy = None
            return
        track.awards[None] = track.awards.get(None, 0) + 1
        track.next_fy = fy + 1 if next_open and track.awards[None] < limit else None

    # ---- ⑤ 相談情報ひろば運営支援 -----------------------------------------------------

    def _hiroba(self, fy: int) -> None:
        demo = self.demo
        rules = programme("hiroba")
        version = rules.version_for(fy)
        if not rules.is_open(fy) or version is None:
            return
        rates = version.divisions[0].hiroba
        assert rates is not None
        _, year_end = fy_bounds(fy)
        desks = [
            t for t in self.tracks["hiroba"]
            if (t.group.dissolved_on is None or t.group.dissolved_on > year_end) and demo.chance(0.95)
        ]  # fmt: skip
        if fy == 2017:
            target = demo.scaled(HIROBA_FY2017, minimum=1)
        else:
            base = (
                8 + 4 * (fy - 2006) / 11 if fy < 2017 else HIROBA_FY2017 + demo.rng.randint(-1, 1)
            )
            target = demo.scaled(base, minimum=1)
        while len(desks) > target:
            desks.pop(int(demo.rng.random() * len(desks)))
        opened = []
        for desk in desks:
            opened.append((desk, False))
        busy = {t.group.id for t in desks}
        for group in self._candidates("hiroba", fy, target - len(desks), busy):
            track = Track(demo.new_id(), group, "", fy, None, 0)
            track.usual_days = demo.rng.randint(6, 16)
            track.usual_venue = 0 if demo.chance(0.35) else demo.amount(20_000, 88_000)
            opened.append((track, True))
        kept = []
        for track, new in opened:
            draft = self._draft("hiroba", None, fy, track.group, track.project_id)
            self._hiroba_application(draft, track, rates)
            if new:
                started = self._start("hiroba", fy, track.group, draft, ends_fy=None)
                if started is None:
                    continue
                track.title = started.title
            else:
                draft.purpose = f"{track.title}（{track.years + 1}年目）。" + draft.purpose
            self.desk.submit(draft)
            track.years += 1
            kept.append(track)
        self.tracks["hiroba"] = kept

    def _hiroba_application(self, draft: Draft, track: Track, rates: HirobaRates) -> None:
        demo = self.demo
        fy = draft.fy
        months = []
        for offset in range(12):
            year, month = (fy, 4 + offset) if offset < 9 else (fy + 1, offset - 8)
            days = min(20, max(4, track.usual_days + demo.rng.randint(-3, 3)))
            venue = 0
            if track.usual_venue:
                venue = min(90_000, max(0, track.usual_venue + 1000 * demo.rng.randint(-10, 10)))
            months.append((year, month, days, venue))
        total_days = sum(m[2] for m in months)
        operating = 1000 * round(
            rates.operating_per_day * total_days * demo.rng.uniform(0.75, 1.15) / 1000
        )
        grant = hiroba_amount(
            operating, months, rates, venue_needs_opening=self.settings.hiroba_venue_needs_opening
        ).total
        draft.months, draft.operating_cost = months, operating
        filed = draft.add(StepKind.FILED, demo.day_between(*self._window("hiroba", fy)))
        decided_on = demo.after(filed, 10, 30)
        reported_on = demo.day_between(date(fy + 1, 4, 5), date(fy + 1, 4, 28))
        if reported_on <= demo.today:
            # The months hold what happened; the plan asked for a little more (概算払の精算).
            planned = grant if demo.chance(0.6) else grant + demo.amount(10_000, 120_000)
        else:
            planned = grant  # the months are still the plan
        draft.requested = draft.decided = planned
        draft.confirmed = grant
        draft.steps[0].amount = planned
        draft.purpose = f"月{track.usual_days}日程度、地域の相談窓口を開設する。"
        draft.add(StepKind.DECIDED, decided_on, planned)
        last = draft.add(StepKind.ADVANCE_PAID, demo.after(decided_on, 10, 25), planned)
        if demo.chance(0.05):
            last = draft.add(
                StepKind.CHANGE_APPROVED, demo.after(last, 60, 150), planned, demo.pick(_CHANGES)
            )
        last = draft.add(StepKind.REPORTED, max(reported_on, demo.after(last, 1, 5)), grant)
        last = draft.add(StepKind.CONFIRMED, demo.after(last, 10, 25), grant)
        if grant < planned:
            draft.add(
                StepKind.REFUNDED,
                demo.after(last, 15, 30),
                planned - grant,
                "確定額との差額を返還。",
            )
        else:
            draft.add(
                StepKind.SETTLED,
                demo.after(last, 10, 20),
                grant,
                "概算払額と確定額が同額のため精算を完了。",
            )
        venue_total = sum(m[3] for m in months)
        draft.budget = _hiroba_lines(planned, operating + planned - grant, venue_total)
        draft.actual = _hiroba_lines(grant, operating, venue_total)

    # ---- ⑥ 地域おこしプロジェクト (FY2017–) --------------------------------------------

    def _okoshi(self, fy: int) -> None:
        demo = self.demo
        rules = programme("okoshi")
        version = rules.version_for(fy)
        if not rules.is_open(fy) or version is None:
            return
        division = version.division(None)
        assert division.cap is not None
        limit = division.max_awards or 3
        tracks = self.tracks["okoshi"]
        for track in [t for t in tracks if t.next_fy == fy]:
            draft = self._draft("okoshi", None, fy, track.group, track.project_id)
            self._capped_amounts(draft, division.cap, 0.4)
            self._okoshi_steps(draft, continuing=True, chosen=True)
            draft.purpose = f"{track.title}（{track.years + 1}年度目）。"
            self._submit("okoshi", draft, track, "decided")
            track.awards[None] = track.awards.get(None, 0) + 1
            track.next_fy = fy + 1 if track.awards[None] < limit and demo.chance(0.85) else None
        # Most proposals are not chosen, at any scale.
        chosen = demo.scaled(OKOSHI_CHOSEN, minimum=1)
        proposals = max(chosen + 1, demo.scaled(OKOSHI_PROPOSALS))
        busy = {t.group.id for t in tracks if t.next_fy is not None}
        for index, group in enumerate(self._candidates("okoshi", fy, proposals, busy)):
            draft = self._draft("okoshi", None, fy, group)
            self._capped_amounts(draft, division.cap, 0.5)
            self._okoshi_steps(draft, continuing=False, chosen=index < chosen)
            track = self._start(
                "okoshi", fy, group, draft, ends_fy=fy + 2 if index < chosen else fy
            )
            if track is None:
                continue
            outcome = "decided" if index < chosen else "rejected"
            self._submit("okoshi", draft, track, outcome)
            if outcome == "decided":
                track.awards[None] = 1
                track.next_fy = fy + 1 if limit > 1 and demo.chance(0.85) else None
                tracks.append(track)
        self.tracks["okoshi"] = [t for t in tracks if t.next_fy is not None]

    def _okoshi_steps(self, draft: Draft, *, continuing: bool, chosen: bool) -> None:
        demo = self.demo
        fy = draft.fy
        if continuing:
            filed = demo.day_between(date(fy, 4, 8), date(fy, 4, 30))
            last = draft.add(StepKind.FILED, filed, draft.requested)
        else:
            last = draft.add(
                StepKind.FILED, demo.day_between(*self._window("okoshi", fy)), draft.requested
            )
            last = draft.add(
                StepKind.REVIEW, demo.after(last, 20, 35), note="公開プレゼンテーション審査"
            )
        if not chosen:
            draft.add(
                StepKind.REJECTED,
                demo.after(last, 7, 20),
                note="審査の結果、今年度の選定事業とならなかったため。",
            )
            return
        last = draft.add(StepKind.DECIDED, demo.after(last, 7, 20), draft.decided)
        last = draft.add(
            StepKind.REPORTED,
            max(demo.day_between(date(fy + 1, 3, 10), date(fy + 1, 4, 25)), demo.after(last, 1, 5)),
            draft.confirmed,
        )
        last = draft.add(StepKind.CONFIRMED, demo.after(last, 10, 30), draft.confirmed)
        last = draft.add(StepKind.CLAIMED, demo.after(last, 3, 14), draft.confirmed)
        draft.add(StepKind.PAID, demo.after(last, 14, 30), draft.confirmed)


def _hiroba_lines(grant: int, operating: int, venue: int) -> list[tuple[str, str, int, str]]:
    """相談情報ひろば: 運営費 and 会場費 against the subsidy and the group's own money."""
    fee = operating * 6 // 10
    supplies = operating * 25 // 100
    postage = operating - fee - supplies
    lines = [
        ("expense", "講師謝礼", fee, "相談員への謝礼"),
        ("expense", "消耗品費", supplies, "文具・お茶代"),
        ("expense", "通信運搬費", postage, "電話・郵送料"),
        ("expense", "会場費", venue, "相談会場の使用料"),
        ("income", "助成金", grant, ""),
    ]
    own = operating + venue - grant
    if own > 0:
        lines.append(("income", "会費", own, "団体の自己資金"))
    return [line for line in lines if line[2] > 0 or line[1] == "助成金"]
