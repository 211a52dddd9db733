"""相談記録票 and 団体台帳 as printed: the office's own records on paper."""

from __future__ import annotations

import dataclasses
import datetime as dt

from pdf_reading import fonts, page_count, page_texts, pdf_text

from kyodo_desktop.forms.consultation_sheet import consultation
from kyodo_desktop.forms.document import render
from kyodo_desktop.forms.group_card import group_card
from kyodo_desktop.forms.paper import AwardLine, ConsultationPaper, GroupPaper, Party

GROUP = Party(
    name="桜台二丁目町会",
    kind_label="町会・自治会",
    postal_code="176-0002",
    address="練馬区桜台二丁目1番1号",
    representative="会長　山田　太郎",
    phone="03-1234-5678",
    email="sakura@example.jp",
)
CHANNELS = ("来所", "電話", "メール", "訪問", "その他")
RESIDENT = ConsultationPaper(
    occurred_on=dt.date(2026, 7, 3),
    office="光が丘区民事務所",
    officer="鈴木　花子",
    channel_label="来所",
    channels=CHANNELS,
    person_name="佐藤　一郎",
    person_phone="03-9999-0000",
    person_address="練馬区光が丘三丁目2番",
    consent_to_share=True,
    topics=("立ち上げ", "助成金"),
    asked="地域で子ども食堂を始めたい。",
    answered="やさしいまちづくり支援事業を説明した。",
    referred_department="福祉部管理課",
    follow_up_on=dt.date(2026, 7, 17),
    record_number="A1B2C3D4",
)
CARD = GroupPaper(
    party=GROUP,
    name_kana="サクラダイニチョウメチョウカイ",
    office="練馬区民事務所",
    households=1234,
    households_counted_on=dt.date(2026, 4, 1),
    founded_on=dt.date(1975, 4, 1),
    notes="防災訓練を毎年9月に実施。",
    awards=(
        AwardLine(2024, "① 自治活動推進協力費", "町会活動", "支払済", 163_080),
        AwardLine(2026, "② やさしいまちづくり支援事業", "見守り", "不採択", None),
    ),
    printed_on=dt.date(2026, 11, 27),
    record_number="9A8B7C6D",
)
MARKED = "鷺鶴亀竹梅"  # found nowhere else on the forms, to count back
LONG = (MARKED * 800)[:4000]


def test_a_consultation_record_holds_who_asked_what_and_what_was_done() -> None:
    pdf = render(consultation(RESIDENT))
    text = pdf_text(pdf)
    assert text.startswith("個人情報を含みます。取扱いに注意してください。相談記録票")
    assert "記録番号A1B2C3D4" in text
    assert "相談日令和8年7月3日" in text
    assert "受付事務所光が丘区民事務所対応者鈴木花子" in text
    assert "相談の方法■来所□電話□メール□訪問□その他" in text
    assert "相談者□団体■個人氏名佐藤一郎電話03-9999-0000住所練馬区光が丘三丁目2番" in text
    assert "情報共有の同意■あり□なし" in text
    assert "相談分野立ち上げ、助成金" in text
    assert "相談内容地域で子ども食堂を始めたい。" in text
    assert "対応内容やさしいまちづくり支援事業を説明した。" in text
    assert "つないだ部署福祉部管理課" in text
    assert "フォロー予定日令和8年7月17日□済■未" in text
    assert "確認" in text
    assert page_count(pdf) == 1


def test_a_groups_consultation_names_the_group_and_leaves_consent_unmarked() -> None:
    paper = dataclasses.replace(
        RESIDENT,
        channel_label="訪問",
        group=GROUP,
        person_name="",
        consent_to_share=None,
        follow_up_on=None,
    )
    text = pdf_text(render(consultation(paper)))
    assert "相談の方法□来所□電話□メール■訪問□その他" in text
    assert "相談者■団体□個人団体名桜台二丁目町会代表者会長山田太郎" in text
    assert "連絡先03-1234-5678sakura@example.jp" in text
    assert "情報共有の同意□あり□なし" in text
    assert "フォロー予定日なし" in text
    assert "佐藤" not in text


def test_a_done_follow_up_is_marked_done() -> None:
    text = pdf_text(render(consultation(dataclasses.replace(RESIDENT, follow_up_done=True))))
    assert "令和8年7月17日■済□未" in text


def test_a_long_consultation_continues_on_the_next_page_whole() -> None:
    pdf = render(consultation(dataclasses.replace(RESIDENT, asked=LONG)))
    pages = page_texts(pdf)
    assert len(pages) >= 2
    assert "相談内容（続き）" in pages[1]
    assert "".join(c for c in pdf_text(pdf) if c in MARKED) == LONG
    assert "対応内容やさしいまちづくり支援事業を説明した。" in pages[-1]


def test_a_blank_consultation_record_leaves_every_answer_to_write() -> None:
    pdf = render(consultation(ConsultationPaper()))
    text = pdf_text(pdf)
    assert "個人情報を含みます。" in text
    assert "相談日令和年月日" in text
    assert "相談の方法□来所□電話□メール□訪問□その他" in text
    assert "相談者□団体□個人団体名／氏名代表者（団体）連絡先住所" in text
    assert "情報共有の同意□あり□なし" in text
    assert "フォロー予定日令和年月日□済□未" in text
    assert "■" not in text
    for value in ("鈴木", "佐藤", "光が丘", "A1B2", "令和8年", "福祉部"):
        assert value not in text
    assert page_count(pdf) == 1


def test_a_group_card_holds_the_group_as_of_its_printing_day() -> None:
    pdf = render(group_card(CARD))
    text = pdf_text(pdf)
    assert text.startswith("令和8年11月27日現在団体台帳")
    assert "台帳番号9A8B7C6D" in text
    assert "フリガナサクラダイニチョウメチョウカイ団体名桜台二丁目町会" in text
    assert "種別町会・自治会" in text
    assert "所在地〒176-0002練馬区桜台二丁目1番1号" in text
    assert "代表者会長山田太郎電話03-1234-5678メールsakura@example.jp" in text
    assert "担当事務所練馬区民事務所" in text
    assert "設立日昭和50年4月1日" in text
    assert "加入世帯数1,234世帯（令和8年4月1日現在）" in text
    assert "活動状況■活動中□休止" in text
    assert "備考防災訓練を毎年9月に実施。" in text
    assert "年度支援事業事業名状況金額（円）" in text
    assert "令和6年度①自治活動推進協力費町会活動支払済163,080" in text
    assert "令和8年度②やさしいまちづくり支援事業見守り不採択" in text
    assert page_count(pdf) == 1


def test_a_resting_group_is_marked_resting() -> None:
    text = pdf_text(render(group_card(dataclasses.replace(CARD, active=False))))
    assert "活動状況□活動中■休止" in text


def test_a_blank_group_card_leaves_room_for_the_group_and_its_history() -> None:
    pdf = render(group_card(GroupPaper()))
    text = pdf_text(pdf)
    assert text.startswith("令和年月日現在団体台帳")
    assert "所在地〒－" in text
    assert "設立日昭和・平成・令和年月日" in text
    assert "加入世帯数世帯（令和年月日現在）" in text
    assert "活動状況□活動中□休止" in text
    assert "■" not in text
    for value in ("桜台", "山田", "サクラ", "練馬区民事務所", "令和8年", "163,080", "9A8B"):
        assert value not in text


def test_records_print_with_their_fonts_embedded() -> None:
    pdf = render([*consultation(RESIDENT), *group_card(CARD), *group_card(GroupPaper())])
    assert page_count(pdf) == 3
    used = fonts(pdf)
    assert used and all(used.values())
    assert all("IPAex" in name for name in used)
