"""Projects (事業) as groups name them, per programme, and the rows that record them."""

from __future__ import annotations

import uuid
from datetime import date

from kyodo_desktop.services.demo.context import Demo
from kyodo_desktop.services.demo.groups import NICKNAMES, GroupSpec
from kyodo_desktop.services.demo.staff import Member
from kyodo_desktop.store.models import Project

_YASASHII: dict[str, tuple[str, ...]] = {
    "child": (
        "子ども食堂「{nick}」の運営",
        "子育て中の親子の居場所づくり",
        "放課後の学習支援教室",
        "多世代交流ふれあい食堂",
    ),
    "welfare": (
        "高齢者見守りサロン「{nick}」",
        "認知症カフェ「{nick}」",
        "ひとり暮らし高齢者への配食",
        "傾聴ボランティアの養成講座",
        "障害のある人との外出支援",
        "介護予防の健康体操教室",
    ),
    "other": (
        "車いすで歩けるまちのマップづくり",
        "多文化共生の日本語サロン",
        "地域の茶の間「{nick}」",
        "音楽でつながるふれあいコンサート",
        "{town}ふれあい福祉まつり",
    ),
}
_MACHIZUKURI = (
    "石神井川の水辺を楽しむまち歩きマップづくり",
    "{town}の農地と防災を考える勉強会",
    "{town}みどりの散歩道づくり",
    "空き家を活かした地域の居間づくり",
    "商店街と連携したまちの縁側づくり",
    "{town}の歴史を伝える案内板づくり",
    "{town}駅前の花いっぱい運動",
    "練馬大根を通じた食と農のまちづくり",
    "{town}防災まち歩きと防災マップづくり",
    "屋敷林の保全と活用の調査",
    "{town}の坂道と路地の調査・学習",
)
_TEIAN = (
    "町会とNPOが協働する子どもの見守り",
    "外国人住民と取り組む防災訓練",
    "地域の担い手を育てる連続講座",
    "空き店舗を活かした多世代交流拠点",
    "ひとり暮らし高齢者の買い物支援",
    "地域情報紙の協働編集",
    "公園を活かした子どもの外遊びの場づくり",
)
_OKOSHI = (
    "農をいかしたマルシェ",
    "アートで彩るまちかどプロジェクト",
    "空き家をいかした若者の活動拠点",
    "の魅力を伝える動画制作",
    "多文化共生カフェ",
    "防災リーダー育成プロジェクト",
    "こども食堂ネットワーク",
    "シェア畑で多世代交流",
    "まちの本棚プロジェクト",
    "みどりのキッチンカー",
    "音楽祭",
    "歴史さんぽマップづくり",
    "ナイトマーケット",
    "子どもがつくるまちの新聞",
)

DESCRIPTIONS: dict[str, tuple[str, ...]] = {
    "jichi": ("防犯パトロール、防災訓練、環境美化、夏祭りなど町会・自治会の自治活動。",),
    "yasashii": (
        "地域の誰もが気軽に集える場をつくり、支え合いの関係を育てる。",
        "ひとり暮らしの高齢者や子育て世帯を、地域の住民同士で見守る。",
        "ボランティアを養成し、活動の担い手を増やす。",
    ),
    "machizukuri": (
        "住民が自らまちを歩いて調べ、まちの魅力と課題を共有する。",
        "みどりと農地を活かしたまちづくりを、近隣の住民と一緒に考える。",
        "学習会と実践を通じて、住民主体のまちづくりの担い手を育てる。",
    ),
    "teian": (
        "地域の課題に、団体と区の所管課が協働して取り組む。",
        "町会・自治会とNPOが役割を分担し、区が広報と会場の確保を支援する。",
    ),
    "hiroba": ("地域の日常生活上の相談窓口を開き、地域情報の提供と住民同士の交流の場をつくる。",),
    "okoshi": (
        "区民の自由な発想から生まれた企画を、団体と区が協働で実施する。区若手職員3名程度が参加。",
        "練馬の魅力を未来につなぐ企画を、区の若手職員とともに形にする。",
    ),
}


def project_title(demo: Demo, programme: str, group: GroupSpec) -> str:
    fields = {"town": group.town.name, "nick": demo.pick(NICKNAMES)[0]}
    if programme == "jichi":
        return "自治活動（防犯・防災・地域行事）"
    if programme == "yasashii":
        return demo.pick(_YASASHII.get(group.field, _YASASHII["other"])).format_map(fields)
    if programme == "machizukuri":
        return demo.pick(_MACHIZUKURI).format_map(fields)
    if programme == "teian":
        return demo.pick(_TEIAN)
    if programme == "hiroba":
        return f"相談情報ひろば「{fields['nick']}」の運営"
    place = group.town.name if demo.chance(0.6) else "ねりま"
    return place + demo.pick(_OKOSHI)


def write_project(
    demo: Demo,
    *,
    project_id: uuid.UUID,
    programme: str,
    group: GroupSpec,
    made_on: date,
    staff: Member,
    starts_on: date,
    ends_on: date | None,
    description_prefix: str = "",
    department_id: uuid.UUID | None = None,
) -> str:
    """Write the project; return its title."""
    row = demo.stamp(office=group.office, made_on=made_on, made_by=staff.id, row_id=project_id)
    row.update(
        group_id=group.id,
        title=project_title(demo, programme, group),
        description=description_prefix + demo.pick(DESCRIPTIONS[programme]),
        starts_on=starts_on,
        ends_on=ends_on,
        department_id=department_id,
    )
    demo.sink.add(Project, row)
    return row["title"]
