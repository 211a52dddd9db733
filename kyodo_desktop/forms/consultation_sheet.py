"""相談記録票: the office's own record of one consultation, kept on file.

It is internal, so it has no 宛先 or signer, only the 確認 box of whoever checks it; it
holds a resident's name and phone, so it says at the top that it is personal information.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence

from reportlab.platypus import Flowable, KeepTogether

from kyodo_desktop.rules.vocabulary import Channel

from . import layout
from .document import Sheet
from .paper import ConsultationPaper, Party

PERSONAL = "個人情報を含みます。取扱いに注意してください。"


def marks(options: Sequence[str], chosen: Collection[str]) -> str:
    """「■来所　□電話 …」: every option, the chosen ones filled."""
    return "　".join(f"{'■' if option in chosen else '□'}{option}" for option in options)


def _channels(paper: ConsultationPaper) -> str:
    options = list(paper.channels) or [channel.label for channel in Channel]
    if paper.channel_label and paper.channel_label not in options:
        options.append(paper.channel_label)  # a channel since retired still prints as used
    return marks(options, {paper.channel_label})


def _party_rows(group: Party | None) -> list[layout.Field]:
    group = group or Party()
    contact = "　".join(part for part in (group.phone, group.email) if part)
    return [
        layout.Field("団体名", group.name or None),
        layout.Field("代表者", group.representative or None),
        layout.Field("連絡先", contact or None),
    ]


def _person_rows(paper: ConsultationPaper) -> list[layout.Field]:
    return [
        layout.Field("氏名", paper.person_name or None),
        layout.Field("電話", paper.person_phone or None),
        layout.Field("住所", paper.person_address or None),
    ]


def _asker(paper: ConsultationPaper) -> list[layout.Field]:
    """相談者: the group, or the resident; a blank record leaves room for either."""
    if paper.group is not None:
        return [
            layout.Field("相談者", marks(("団体", "個人"), {"団体"})),
            *_party_rows(paper.group),
        ]
    if paper.person_name:
        return [layout.Field("相談者", marks(("団体", "個人"), {"個人"})), *_person_rows(paper)]
    return [
        layout.Field("相談者", marks(("団体", "個人"), ())),
        layout.Field("団体名／氏名", None),
        layout.Field("代表者（団体）", None),
        layout.Field("連絡先", None),
        layout.Field("住所", None),
    ]


def _consent(consent: bool | None) -> str:
    chosen: Collection[str] = () if consent is None else ({"あり"} if consent else {"なし"})
    return marks(("あり", "なし"), chosen)


def _filled(paper: ConsultationPaper) -> bool:
    return bool(paper.occurred_on or paper.asked or paper.record_number)


def _follow_up(paper: ConsultationPaper) -> str:
    if _filled(paper) and paper.follow_up_on is None:
        return "なし"
    done = marks(("済", "未"), {"済" if paper.follow_up_done else "未"} if _filled(paper) else ())
    return f"{layout.wareki(paper.follow_up_on)}　　{done}"


def consultation(paper: ConsultationPaper) -> list[Sheet]:
    """The 相談記録票 of ``paper``; long 相談内容・対応内容 continue on the next page."""
    story: list[Flowable] = [
        layout.text(PERSONAL, layout.SMALL),
        *layout.title("相談記録票"),
        *layout.fields(
            [
                layout.Field("記録番号", paper.record_number or None),
                layout.Field("相談日", layout.wareki(paper.occurred_on)),
                layout.Field("受付事務所", paper.office or None),
                layout.Field("対応者", paper.officer or None),
                layout.Field("相談の方法", _channels(paper)),
                *_asker(paper),
                layout.Field("情報共有の同意", _consent(paper.consent_to_share)),
                layout.Field("相談分野", "、".join(paper.topics) or None, lines=2),
                layout.Field("相談内容", paper.asked or None, lines=6),
                layout.Field("対応内容", paper.answered or None, lines=6),
                layout.Field("つないだ部署", paper.referred_department or None),
                layout.Field("フォロー予定日", _follow_up(paper)),
            ]
        ),
        layout.spacer(4),
        KeepTogether([layout.seals(("確認",))]),  # the box never parts from its heading
    ]
    return [
        Sheet(
            "相談記録票",
            story,
            document_number=paper.record_number,
            office=paper.office,
            outline=f"相談記録票　{paper.record_number}" if paper.record_number else "",
        )
    ]
