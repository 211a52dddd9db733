"""The group registry (団体台帳): 町会・自治会 by town, NPOs, volunteer groups and the rest."""

from __future__ import annotations

import math
import uuid
from bisect import bisect_right
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any, Generic, Protocol, TypeVar

import jaconv

from kyodo_desktop.rules import GroupKind, format_wareki, search_key
from kyodo_desktop.services.demo.context import FIRST_DAY, LEDGERS_ENTERED_BY, Demo, top_weighted
from kyodo_desktop.services.demo.names import chome, kana_number, kanji_number, person_name
from kyodo_desktop.services.demo.places import TOWNS, Town, address, landline, mobile, towns_of
from kyodo_desktop.services.demo.staff import Roster
from kyodo_desktop.store.models import Group

# Groups at scale 1. 町会・自治会: 252 as of 2017-07-01 (the paper). The other kinds are
# sized so that ②③ can fund about 80 groups each over FY2006–2016 as the paper reports.
KIND_COUNTS: tuple[tuple[GroupKind, int, int], ...] = (
    # kind, count at scale 1, minimum at any scale
    (GroupKind.CHOKAI, 252, 3),
    (GroupKind.NPO, 32, 2),
    (GroupKind.VOLUNTEER, 48, 2),
    (GroupKind.SHAFUKU, 10, 1),
    (GroupKind.OTHER, 16, 1),
)
SEISHONEN_AREAS = 17  # 青少年育成地区委員会: one per area, whatever the scale

_DIRECTIONS = (
    ("東", "ヒガシ"),
    ("西", "ニシ"),
    ("南", "ミナミ"),
    ("北", "キタ"),
    ("中央", "チュウオウ"),
)
_FELLOWSHIPS = (
    ("睦会", "ムツミカイ"),
    ("親和会", "シンワカイ"),
    ("共栄会", "キョウエイカイ"),
    ("親睦会", "シンボクカイ"),
    ("協和会", "キョウワカイ"),
)
_HOUSING = (
    ("都営{t}アパート自治会", "トエイ{k}アパートジチカイ"),
    ("{t}団地自治会", "{k}ダンチジチカイ"),
    ("{t}ハイツ自治会", "{k}ハイツジチカイ"),
    ("{t}住宅自治会", "{k}ジュウタクジチカイ"),
)

# Activity themes: (name, reading, field). The field steers programmes and topics.
THEMES: tuple[tuple[str, str, str], ...] = (
    ("子育て", "コソダテ", "child"),
    ("子ども食堂", "コドモショクドウ", "child"),
    ("子どもの居場所", "コドモノイバショ", "child"),
    ("学習支援", "ガクシュウシエン", "child"),
    ("読み聞かせ", "ヨミキカセ", "child"),
    ("高齢者見守り", "コウレイシャミマモリ", "welfare"),
    ("ふれあいサロン", "フレアイサロン", "welfare"),
    ("傾聴", "ケイチョウ", "welfare"),
    ("配食サービス", "ハイショクサービス", "welfare"),
    ("介護予防", "カイゴヨボウ", "welfare"),
    ("障害者支援", "ショウガイシャシエン", "welfare"),
    ("手話", "シュワ", "welfare"),
    ("認知症カフェ", "ニンチショウカフェ", "welfare"),
    ("外出支援", "ガイシュツシエン", "welfare"),
    ("環境", "カンキョウ", "town"),
    ("みどり", "ミドリ", "town"),
    ("花と緑", "ハナトミドリ", "town"),
    ("防災", "ボウサイ", "town"),
    ("まちづくり", "マチヅクリ", "town"),
    ("農のある暮らし", "ノウノアルクラシ", "town"),
    ("水辺", "ミズベ", "town"),
    ("郷土史", "キョウドシ", "culture"),
    ("国際交流", "コクサイコウリュウ", "culture"),
    ("多文化共生", "タブンカキョウセイ", "culture"),
    ("音楽", "オンガク", "culture"),
    ("スポーツ", "スポーツ", "culture"),
)
NICKNAMES: tuple[tuple[str, str], ...] = (
    ("ひだまり", "ヒダマリ"),
    ("たんぽぽ", "タンポポ"),
    ("ひまわり", "ヒマワリ"),
    ("さくら", "サクラ"),
    ("わかば", "ワカバ"),
    ("こもれび", "コモレビ"),
    ("どんぐり", "ドングリ"),
    ("あおぞら", "アオゾラ"),
    ("にじいろ", "ニジイロ"),
    ("すずらん", "スズラン"),
    ("けやき", "ケヤキ"),
    ("なのはな", "ナノハナ"),
    ("ぽかぽか", "ポカポカ"),
    ("おひさま", "オヒサマ"),
    ("えがお", "エガオ"),
    ("ぬくもり", "ヌクモリ"),
)
_WARD_PREFIXES = (("ねりま", "ネリマ"), ("練馬", "ネリマ"))
_LANDMARKS = (
    ("石神井公園", "シャクジイコウエン"),
    ("白子川", "シラコガワ"),
    ("石神井川", "シャクジイガワ"),
    ("大泉学園", "オオイズミガクエン"),
    ("江古田", "エコダ"),
)
_SUFFIXES: dict[GroupKind, tuple[tuple[str, str], ...]] = {
    GroupKind.NPO: (
        ("ネットワーク", "ネットワーク"),
        ("サポートセンター", "サポートセンター"),
        ("協会", "キョウカイ"),
        ("応援団", "オウエンダン"),
        ("の会", "ノカイ"),
        ("センター", "センター"),
    ),
    GroupKind.VOLUNTEER: (
        ("の会", "ノカイ"),
        ("ボランティアの会", "ボランティアノカイ"),
        ("グループ", "グループ"),
        ("クラブ", "クラブ"),
        ("サークル", "サークル"),
        ("友の会", "トモノカイ"),
    ),
    GroupKind.OTHER: (
        ("実行委員会", "ジッコウイインカイ"),
        ("を考える会", "ヲカンガエルカイ"),
        ("研究会", "ケンキュウカイ"),
        ("プロジェクト", "プロジェクト"),
        ("連絡会", "レンラクカイ"),
    ),
}
_SHAFUKU_WORDS = (
    ("福祉会", "フクシカイ"),
    ("友愛会", "ユウアイカイ"),
    ("さくら会", "サクラカイ"),
    ("育成会", "イクセイカイ"),
    ("愛育会", "アイイクカイ"),
    ("けやき会", "ケヤキカイ"),
)
_LEGAL_FORMS = {GroupKind.NPO: "NPO法人", GroupKind.SHAFUKU: "社会福祉法人"}

# Fixed bodies of the ward (中間支援組織 and 公益財団法人): name, reading, kind, office.
WARD_BODIES: tuple[tuple[str, str, GroupKind, str], ...] = (
    (
        "社会福祉法人練馬区社会福祉協議会",
        "ネリマクシャカイフクシキョウギカイ",
        GroupKind.CHUKAN,
        "01",
    ),
    (
        "NPO法人ねりま市民活動サポートネット",
        "ネリマシミンカツドウサポートネット",
        GroupKind.CHUKAN,
        "02",
    ),
    ("NPO法人NPOセンターねりま", "エヌピーオーセンターネリマ", GroupKind.CHUKAN, "03"),
    ("公益財団法人ねりま地域文化財団", "ネリマチイキブンカザイダン", GroupKind.KOEKI, "01"),
    ("公益財団法人練馬みどりの基金", "ネリマミドリノキキン", GroupKind.KOEKI, "04"),
)


@dataclass
class GroupSpec:
    """What the generator remembers of a group after writing its row."""

    id: uuid.UUID
    name: str
    kind: GroupKind
    office: str
    town: Town
    registered_on: date
    dissolved_on: date | None
    theme: str  # the activity theme used in texts ("" for 町会・自治会)
    field: str  # child, welfare, town, culture, local (町会), youth, support
    households: dict[int, int] = field(default_factory=dict)  # 年 of the 7/1 count → count
    jichi_weight: float = 0.0  # how regularly a 町会 applies for ①
    row: dict[str, Any] | None = None  # the registry row, until it is written

    def alive(self, day: date) -> bool:
        return self.registered_on <= day and (self.dissolved_on is None or day < self.dissolved_on)

    @property
    def is_chokai(self) -> bool:
        return self.kind is GroupKind.CHOKAI


class Dated(Protocol):
    registered_on: date

    def alive(self, day: date) -> bool: ...


DatedT = TypeVar("DatedT", bound=Dated)


class Pool(Generic[DatedT]):
    """Groups (or persons) by registration day, for picking one that exists on a day."""

    def __init__(self, items: list[DatedT]) -> None:
        self.items = sorted(items, key=lambda item: item.registered_on)
        self.days = [item.registered_on for item in self.items]

    def pick(self, demo: Demo, day: date) -> DatedT | None:
        known = bisect_right(self.days, day)
        if known == 0:
            return None
        for _ in range(4):
            item = self.items[int(demo.rng.random() * known)]
            if item.alive(day):
                return item
        return None


class Registry:
    """Every group, by office, with pools for picking."""

    def __init__(self, groups: list[GroupSpec]) -> None:
        self.groups = groups
        self.by_office: dict[str, Pool[GroupSpec]] = {}
        offices = sorted({g.office for g in groups})
        for office in offices:
            self.by_office[office] = Pool([g for g in groups if g.office == office])
        self.everyone = Pool(groups)
        self.chokai = [g for g in groups if g.is_chokai]

    def of_kinds(self, kinds: tuple[GroupKind, ...]) -> list[GroupSpec]:
        return [g for g in self.groups if g.kind in kinds]


def count_year(today: date) -> int:
    """The year of the latest 1 July household count (加入世帯数) on ``today``."""
    return today.year if today >= date(today.year, 7, 1) else today.year - 1


def generate_groups(demo: Demo, roster: Roster) -> Registry:
    rng = demo.rng
    used: set[str] = set()
    specs: list[GroupSpec] = []
    for kind, base, minimum in KIND_COUNTS:
        count = demo.scaled(base, minimum=minimum)
        if kind is GroupKind.CHOKAI:
            specs.extend(_chokai(demo, roster, count, used))
        else:
            specs.extend(_civic_group(demo, roster, kind, used) for _ in range(count))
    areas = min(SEISHONEN_AREAS, demo.scaled(SEISHONEN_AREAS, minimum=1))
    offices = sorted(roster.office_ids)
    for number in range(1, areas + 1):
        office = offices[(number - 1) % len(offices)]
        name = f"青少年育成第{kanji_number(number)}地区委員会"
        kana = f"セイショウネンイクセイダイ{kana_number(number)}チクイインカイ"
        founded = date(1974 + rng.randint(0, 6), 4, 1)
        specs.append(
            _write(
                demo,
                roster,
                name,
                kana,
                GroupKind.SEISHONEN,
                office,
                founded,
                "青少年の健全育成",
                "youth",
            )
        )
    bodies = min(len(WARD_BODIES), demo.scaled(len(WARD_BODIES), minimum=1))
    for name, kana, kind, office in WARD_BODIES[:bodies]:
        founded = date(rng.randint(1990, 2008), rng.randint(1, 12), 1)
        specs.append(
            _write(demo, roster, name, kana, kind, office, founded, "市民活動の支援", "support")
        )
    return Registry(specs)


def _chokai(demo: Demo, roster: Roster, count: int, used: set[str]) -> list[GroupSpec]:
    """町会・自治会 named after the towns: 豊玉北五丁目町会, 光が丘団地自治会, ..."""
    rng = demo.rng
    candidates: list[tuple[str, str, Town, int, float]] = []  # name, kana, town, 丁目, weight
    for town in TOWNS:
        for n in range(1, town.chome + 1):
            written, read = chome(n)
            body, body_kana = (
                ("自治会", "ジチカイ") if rng.random() < 0.15 else ("町会", "チョウカイ")
            )
            candidates.append(
                (f"{town.name}{written}{body}", f"{town.kana}{read}{body_kana}", town, n, 3.0)
            )
        candidates.append((f"{town.name}町会", f"{town.kana}チョウカイ", town, 0, 1.5))
        if town.name[-1] not in "北南東西上中":
            for direction, direction_kana in _DIRECTIONS[:2] if town.chome else _DIRECTIONS:
                candidates.append(
                    (
                        f"{town.name}{direction}町会",
                        f"{town.kana}{direction_kana}チョウカイ",
                        town,
                        0,
                        1.0,
                    )
                )
        for word, word_kana in _FELLOWSHIPS[:2]:
            candidates.append((f"{town.name}{word}", f"{town.kana}{word_kana}", town, 0, 0.6))
        for written, read in _HOUSING[:2]:
            candidates.append((written.format(t=town.name), read.format(k=town.kana), town, 0, 0.8))
    chosen = top_weighted(demo.rng, candidates, [c[4] for c in candidates], count)
    # At large scales the towns run out of plausible names: number the rest (第二町会, ...).
    extra = 2
    while len(chosen) < count:
        for town in TOWNS:
            for n in range(1, town.chome + 1):
                if len(chosen) < count:
                    written, read = chome(n)
                    chosen.append(
                        (
                            f"{town.name}{written}第{kanji_number(extra)}町会",
                            f"{town.kana}{read}ダイ{kana_number(extra)}チョウカイ",
                            town,
                            n,
                            1.0,
                        )
                    )
        extra += 1
    specs = []
    latest = count_year(demo.today)
    for name, kana, town, n, _ in chosen:
        used.add(name)
        housing = "自治会" in name and ("団地" in name or "アパート" in name or "住宅" in name)
        typical = 600 if housing else 430
        households = int(math.exp(rng.gauss(math.log(typical), 0.6)))
        households = min(3000, max(80, households))
        founded = (
            None if rng.random() < 0.4 else date(rng.randint(1947, 1995), rng.randint(1, 12), 1)
        )
        spec = _write(
            demo, roster, name, kana, GroupKind.CHOKAI, town.office, founded, "", "local",
            town=town, chome_number=n or None, households=households, counted_year=latest,
        )  # fmt: skip
        # Most 町会 apply for ① every year; some only now and then.
        spec.jichi_weight = 1.0 if rng.random() < 0.78 else 0.15
        specs.append(spec)
    # The paper counts 252 町会・自治会 on 2017-07-01; a few have stopped since.
    if demo.today > date(2019, 4, 1):
        for spec in demo.rng.sample(specs, min(len(specs) - 1, demo.stochastic(1.5 * demo.scale))):
            spec.dissolved_on = demo.day_between(date(2019, 4, 1), demo.today - timedelta(days=30))
    return specs


def _civic_group(demo: Demo, roster: Roster, kind: GroupKind, used: set[str]) -> GroupSpec:
    """An NPO法人, ボランティア団体, 社会福祉法人 or other group with a plausible name."""
    rng = demo.rng
    offices = sorted(roster.office_ids)
    office = offices[int(rng.random() * len(offices))]
    town = demo.pick(towns_of(office) or list(TOWNS))
    theme, theme_kana, theme_field = demo.pick(THEMES)
    for _attempt in range(50):
        roll = rng.random()
        place, place_kana = (
            (town.name, town.kana)
            if roll < 0.55
            else demo.pick(_WARD_PREFIXES)
            if roll < 0.85
            else demo.pick(_LANDMARKS)
        )
        if kind is GroupKind.SHAFUKU:
            word, word_kana = demo.pick(_SHAFUKU_WORDS)
            body, body_kana = f"{place}{word}", f"{place_kana}{word_kana}"
            theme, theme_kana, theme_field = demo.pick([t for t in THEMES if t[2] == "welfare"])
        elif kind is GroupKind.VOLUNTEER and rng.random() < 0.35:
            nick, nick_kana = demo.pick(NICKNAMES)
            body, body_kana = (
                f"{theme}ボランティア「{nick}」",
                f"{theme_kana}ボランティア{nick_kana}",
            )
        else:
            suffix, suffix_kana = demo.pick(_SUFFIXES[kind])
            body, body_kana = f"{place}{theme}{suffix}", f"{place_kana}{theme_kana}{suffix_kana}"
        name = _LEGAL_FORMS.get(kind, "") + body
        if name not in used:
            break
        theme, theme_kana, theme_field = demo.pick(THEMES)
    else:
        name = f"{name}（{kanji_number(len(used) % 99 + 1)}）"
    used.add(name)
    if kind is GroupKind.NPO:
        # NPO法 took effect in December 1998.
        founded = _day_between(demo, date(1999, 4, 1), demo.today - timedelta(days=120))
    elif kind is GroupKind.SHAFUKU:
        founded = _day_between(demo, date(1960, 4, 1), date(2012, 3, 31))
    else:
        founded = _day_between(demo, date(1988, 4, 1), demo.today - timedelta(days=120))
    spec = _write(
        demo, roster, name, body_kana, kind, office, founded, theme, theme_field, town=town
    )
    # A few groups stop (解散) after some years of activity.
    if rng.random() < 0.05:
        first = spec.registered_on + timedelta(days=730)
        last = demo.today - timedelta(days=30)
        if first < last:
            spec.dissolved_on = _day_between(demo, first, last)
    return spec


def _day_between(demo: Demo, first: date, last: date) -> date:
    return first + timedelta(days=demo.rng.randint(0, max(0, (last - first).days)))


def _write(
    demo: Demo,
    roster: Roster,
    name: str,
    kana: str,
    kind: GroupKind,
    office: str,
    founded: date | None,
    theme: str,
    theme_field: str,
    *,
    town: Town | None = None,
    chome_number: int | None = None,
    households: int | None = None,
    counted_year: int | None = None,
) -> GroupSpec:
    rng = demo.rng
    if town is None:
        town = demo.pick(towns_of(office) or list(TOWNS))
    if founded is None or founded < FIRST_DAY:
        # Groups already active when the record began were entered from the paper ledgers
        # in its first month.
        registered = demo.day_between(FIRST_DAY, LEDGERS_ENTERED_BY)
    else:
        registered = demo.after(founded, 0, 100)
    spec = GroupSpec(
        id=demo.new_id(),
        name=name,
        kind=kind,
        office=office,
        town=town,
        registered_on=registered,
        dissolved_on=None,
        theme=theme,
        field=theme_field,
    )
    if households is not None and counted_year is not None:
        # Membership shrinks slowly over the years (加入率の低下): walk back from the latest count.
        count = households
        for year in range(counted_year, 2006, -1):
            spec.households[year] = count
            count = max(60, round(count * (1 + rng.uniform(-0.01, 0.025))))
    generations = (0, 1) if kind in (GroupKind.CHOKAI, GroupKind.SEISHONEN) else (0, 1, 2)
    representative = person_name(rng, generations).name
    if kind in (GroupKind.VOLUNTEER, GroupKind.OTHER) and rng.random() < 0.6:
        phone = mobile(rng)
    else:
        phone = landline(rng)
    email_share = {GroupKind.CHOKAI: 0.15, GroupKind.VOLUNTEER: 0.35, GroupKind.OTHER: 0.4}
    email = ""
    if rng.random() < email_share.get(kind, 0.8):
        slug = "".join(ch for ch in jaconv.kata2alphabet(kana) if ch.isascii() and ch.isalnum())
        email = f"{slug[:20]}@example.org"
    counted_on = date(counted_year, 7, 1) if counted_year is not None else None
    row = demo.stamp(
        office=office,
        made_on=registered,
        made_by=roster.counter(office, registered).id,
        changed_on=counted_on,
        changed_by=roster.lead(office, counted_on).id if counted_on else None,
        row_id=spec.id,
    )
    row.update(
        name=name,
        name_kana=kana,
        name_key=search_key(name + kana),
        kind=str(kind),
        office_id=roster.office_ids[office],
        representative=representative,
        postal_code=town.postal_code,
        address=address(rng, town, chome_number),
        phone=phone,
        email=email,
        households=households,
        households_counted_on=counted_on,
        founded_on=founded,
        active=True,
        notes="",
    )
    spec.row = row
    return spec


def write_groups(demo: Demo, registry: Registry, roster: Roster) -> None:
    """Write the registry rows, now that it is known which groups stopped (inactive)."""
    for spec in registry.groups:
        row = spec.row
        assert row is not None
        spec.row = None
        if spec.dissolved_on is not None:
            row["active"] = False
            note = (
                "活動休止の届出あり（役員の担い手不足）。" if spec.is_chokai else "解散の届出あり。"
            )
            row["notes"] = f"{format_wareki(spec.dissolved_on)} {note}"
            row["updated_at"] = demo.moment(spec.dissolved_on)
            row["updated_by"] = roster.lead(spec.office, spec.dissolved_on).id
        demo.sink.add(Group, row)
