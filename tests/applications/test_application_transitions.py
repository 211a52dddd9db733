"""Every step from every place an application can stand, through the services.

The table below is the specification, written out by hand (DOMAIN.md's 補助金の流れ): for each
place an application can reach, the steps that may come next. Every other step is tried too
and must be refused with the same reason the application's page shows for it, and with
nothing saved.
"""

from __future__ import annotations

import uuid
from datetime import date, timedelta

import pytest

from kyodo_desktop.rules.lifecycle import AMOUNT_LABELS
from kyodo_desktop.rules.vocabulary import StaffRole, StepKind
from kyodo_desktop.services.applications.filing import (
    ApplicationDraft,
    MonthDraft,
    ProjectDraft,
    StepDraft,
    create_project,
    get_application,
    open_application,
    record_step,
)
from kyodo_desktop.services.errors import InputError
from kyodo_desktop.services.groups.registry import GroupDraft, create_group

K = StepKind
CAPPED = ("yasashii", "katsudo", "volunteer")
ADVANCE = ("hiroba", None, "npo")
NO_REPORT = ("jichi", None, "chokai")
AWARDED = [K.FILED, K.DECIDED]
# where the application stands: (programme, the steps that brought it there, the steps allowed next)
PLACES = {
    "prior consultation": (CAPPED, [K.PRIOR_CONSULTATION], {K.FILED, K.WITHDRAWN}),
    "filed": (CAPPED, [K.FILED], {K.REVIEW, K.DECIDED, K.REJECTED, K.WITHDRAWN}),
    "in review": (CAPPED, [K.FILED, K.REVIEW], {K.DECIDED, K.REJECTED, K.WITHDRAWN}),
    "decided": (CAPPED, AWARDED, {K.CHANGE_APPROVED, K.WITHDRAWN, K.REPORTED}),
    "changed": (
        CAPPED,
        [*AWARDED, K.CHANGE_APPROVED],
        {K.CHANGE_APPROVED, K.WITHDRAWN, K.REPORTED},
    ),
    "reported": (CAPPED, [*AWARDED, K.REPORTED], {K.CONFIRMED}),
    "confirmed": (CAPPED, [*AWARDED, K.REPORTED, K.CONFIRMED], {K.CLAIMED}),
    "claimed": (CAPPED, [*AWARDED, K.REPORTED, K.CONFIRMED, K.CLAIMED], {K.PAID}),
    "paid": (CAPPED, [*AWARDED, K.REPORTED, K.CONFIRMED, K.CLAIMED, K.PAID], set()),
    "rejected": (CAPPED, [K.FILED, K.REJECTED], set()),
    "withdrawn": (CAPPED, [K.FILED, K.WITHDRAWN], set()),
    "decided, pays in advance": (
        ADVANCE,
        AWARDED,
        {K.CHANGE_APPROVED, K.WITHDRAWN, K.REPORTED, K.ADVANCE_PAID},
    ),
    "paid in advance": (ADVANCE, [*AWARDED, K.ADVANCE_PAID], {K.CHANGE_APPROVED, K.REPORTED}),
    "confirmed as advanced": (
        ADVANCE,
        [*AWARDED, K.ADVANCE_PAID, K.REPORTED, K.CONFIRMED],
        {K.SETTLED},
    ),
    "confirmed below the advance": (
        ADVANCE,
        [*AWARDED, K.ADVANCE_PAID, K.REPORTED, (K.CONFIRMED, 100_000)],
        {K.REFUNDED},
    ),
    "settled": (ADVANCE, [*AWARDED, K.ADVANCE_PAID, K.REPORTED, K.CONFIRMED, K.SETTLED], set()),
    "refunded": (
        ADVANCE,
        [*AWARDED, K.ADVANCE_PAID, K.REPORTED, (K.CONFIRMED, 100_000), K.REFUNDED],
        set(),
    ),
    "decided, no report": (NO_REPORT, AWARDED, {K.CHANGE_APPROVED, K.WITHDRAWN, K.CLAIMED}),
    "claimed, no report": (NO_REPORT, [*AWARDED, K.CLAIMED], {K.PAID}),
}


class Bench:
    def __init__(self, workspace, make_actor) -> None:  # type: ignore[no-untyped-def]
        self.db = workspace.database
        self.counter = make_actor(workspace, "01", StaffRole.COUNTER)
        self.head = make_actor(workspace, "01", StaffRole.HEAD_OFFICE)
        self.groups: dict[str, uuid.UUID] = {}

    def group(self, kind: str) -> uuid.UUID:
        if kind not in self.groups or kind == "chokai":  # ① counts per 町会: one each
            self.groups[kind] = create_group(
                self.db,
                self.counter,
                GroupDraft(
                    name=f"{kind}の会{len(self.groups)}{uuid.uuid4().hex[:6]}",
                    name_kana="カイ",
                    kind=kind,
                    households=800 if kind == "chokai" else None,
                    households_counted_on=date(2026, 4, 1) if kind == "chokai" else None,
                ),
            )
        return self.groups[kind]

    def application(self, place: str) -> tuple[uuid.UUID, date]:
        (code, division, kind), steps, _ = PLACES[place]
        project = create_project(
            self.db, self.counter, ProjectDraft(self.group(kind), f"{place}の事業")
        )
        first = steps[0]
        fields: dict[str, object] = {}
        if code == "hiroba":
            fields["months"] = (MonthDraft(2026, 4, 20, 75_000),)  # 120,000 + 75,000
        elif code == "yasashii":
            fields["amount_requested"] = 150_000
        app = open_application(
            self.db,
            self.counter,
            ApplicationDraft(
                project,
                code,
                2026,
                division,
                first_step=first,
                opened_on=date(2026, 5, 1),
                **fields,  # type: ignore[arg-type]
            ),
        )
        day = date(2026, 5, 1)
        for step in steps[1:]:
            kind_, amount = step if isinstance(step, tuple) else (step, None)
            day += timedelta(days=10)
            self.record(app, kind_, day, amount)
        return app, day

    def record(self, app: uuid.UUID, kind: StepKind, day: date, amount: int | None = None):  # type: ignore[no-untyped-def]
        view = get_application(self.db, self.head, app)
        if amount is None and kind in AMOUNT_LABELS:
            amount = next(o.suggested_amount for o in view.offers if o.kind is kind)
        actor = self.counter if kind in (K.FILED, K.WITHDRAWN, K.REPORTED, K.CLAIMED) else self.head
        return record_step(
            self.db, actor, app, StepDraft(kind, day, amount), row_version=view.row_version
        )


@pytest.fixture
def bench(workspace, actor_factory) -> Bench:  # type: ignore[no-untyped-def]
    return Bench(workspace, actor_factory)


@pytest.mark.parametrize("place", list(PLACES))
def test_only_the_steps_that_make_sense_are_offered_and_accepted(bench: Bench, place: str) -> None:
    allowed = PLACES[place][2]
    app, day = bench.application(place)
    view = get_application(bench.db, bench.head, app)
    assert set(view.next_steps) == allowed, place
    for offer in view.offers:
        if offer.allowed:
            continue
        assert offer.reason, (place, offer.kind)  # every refusal says why
        with pytest.raises(InputError) as refused:
            bench.record(app, offer.kind, day + timedelta(days=1))
        assert offer.reason in refused.value.message, (place, offer.kind)
    unchanged = get_application(bench.db, bench.head, app)
    assert unchanged.steps == view.steps and unchanged.row_version == view.row_version
    for kind in allowed:  # each allowed step is accepted (on a copy of the same place)
        fresh, fresh_day = bench.application(place)
        after = bench.record(fresh, kind, fresh_day + timedelta(days=1))
        assert after.status is kind and after.steps[-1].kind is kind
