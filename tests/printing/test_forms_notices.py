"""請求書, 交付決定通知書 and 不採択通知書 as printed: what a person reads on the page."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable

import pytest
from pdf_reading import fonts, page_count, page_texts, pdf_text

from kyodo_desktop.forms.catalogue import FormKind, render_forms
from kyodo_desktop.forms.claim_sheet import claim
from kyodo_desktop.forms.document import Sheet, render
from kyodo_desktop.forms.notices import decision, rejection
from kyodo_desktop.forms.paper import ApplicationPaper, Party, Step

GROUP = Party(
    name="桜台二丁目町会",
    kind_label="町会・自治会",
    postal_code="176-0002",
    address="練馬区桜台二丁目1番1号",
    representative="会長　山田　太郎",
    phone="03-1234-5678",
)
JICHI = ApplicationPaper(
    "jichi",
    "自治活動推進協力費",
    fiscal_year=2026,
    office="練馬区民事務所",
    run_by="地域文化部地域振興課",
    group=GROUP,
    project_title="防犯パトロールと防災訓練",
    amount_requested=50_000,
    filed=Step(dt.date(2026, 5, 8), "受第12号", 50_000),
    decided=Step(dt.date(2026, 6, 1), "練地振第345号", 50_000),
    claimed=Step(dt.date(2026, 6, 20)),
)
HIROBA = ApplicationPaper(
    "hiroba",
    "相談情報ひろば運営支援",
    fiscal_year=2026,
    office="光が丘区民事務所",
    group=GROUP,
    project_title="地域の相談窓口",
    filed=Step(dt.date(2026, 4, 10), "", 900_000),
    decided=Step(dt.date(2026, 5, 1), "練協第8号", 900_000),
)
# Every value a record puts on these forms; a blank form must print none of them.
RECORD_VALUES = ("桜台", "山田", "練馬区桜台", "176-0002", "防犯", "50,000", "令和8年", "練地振")
# A 4,000-character text of characters found nowhere else on the forms, to count back.
MARKED = "鷺鶴亀竹梅"
LONG = (MARKED * 800)[:4000]


def pdf_of(sheets: list[Sheet]) -> bytes:
    return render(sheets)


def marked(pdf: bytes) -> str:
    return "".join(c for c in pdf_text(pdf) if c in MARKED)


def test_claim_prints_who_claims_what_and_on_which_decision() -> None:
    text = pdf_text(pdf_of(claim(JICHI)))
    assert "練馬区長殿" in text
    assert "令和8年6月20日" in text
    assert "練馬区桜台二丁目1番1号" in text and "〒176-0002" in text
    assert "桜台二丁目町会" in text and "会長山田太郎印" in text
    assert "令和8年度自治活動推進協力費請求書" in text
    assert (
        "令和8年6月1日付練地振第345号で交付決定を受けた自治活動推進協力費について、"
        "下記のとおり請求します。"
    ) in text
    assert "請求金額金50,000円金伍萬円也" in text
    assert "交付決定額50,000円" in text
    assert "既受領額0円" in text
    assert "□交付決定通知書（額の確定通知書）の写し" in text


@pytest.mark.parametrize(
    ("confirmed", "claimed", "shown", "formal"),
    [
        (None, None, "50,000", "金伍萬円也"),  # only decided: the decided amount
        (48_000, None, "48,000", "金肆萬捌阡円也"),  # confirmed below the decision
        (48_000, 45_000, "45,000", "金肆萬伍阡円也"),  # the claim as recorded
    ],
)
def test_claim_asks_the_recorded_else_confirmed_else_decided_amount(
    confirmed: int | None, claimed: int | None, shown: str, formal: str
) -> None:
    paper = dataclasses.replace(
        JICHI,
        confirmed=Step(dt.date(2027, 4, 20), "練地振第9号", confirmed) if confirmed else None,
        claimed=Step(dt.date(2027, 5, 1), "", claimed),
    )
    text = pdf_text(pdf_of(claim(paper)))
    assert f"請求金額金{shown}円{formal}" in text
    if confirmed:
        assert "令和9年4月20日付練地振第9号で額の確定を受けた" in text
        assert "確定額48,000円" in text


def test_an_advance_is_claimed_as_the_decided_amount_then_settled_for_the_rest() -> None:
    advance = pdf_text(pdf_of(claim(HIROBA)))
    assert "請求金額（概算払）金900,000円金玖拾萬円也" in advance
    assert "令和8年5月1日付練協第8号で交付決定を受けた" in advance

    settled = dataclasses.replace(
        HIROBA,
        advance_paid=Step(dt.date(2026, 5, 20), "", 600_000),
        confirmed=Step(dt.date(2027, 4, 20), "練協第99号", 850_000),
    )
    text = pdf_text(pdf_of(claim(settled)))
    assert "請求金額（精算払）金250,000円金弐拾伍萬円也" in text
    assert "令和9年4月20日付練協第99号で額の確定を受けた" in text
    assert "既受領額600,000円" in text and "確定額850,000円" in text


def test_the_bank_account_is_always_left_to_write_by_hand() -> None:
    text = pdf_text(pdf_of(claim(JICHI)))
    assert "振込先金融機関名銀行・信用金庫・信用組合支店名本店・支店・出張所" in text
    assert "預金種別□普通□当座口座番号口座名義（カナ）" in text


def test_a_decision_goes_from_the_ward_to_the_groups_representative() -> None:
    paper = dataclasses.replace(
        JICHI,
        decided=Step(
            dt.date(2026, 6, 1), "練地振第345号", 50_000, "年度末に活動の記録を提出すること。"
        ),
    )
    pdf = pdf_of(decision(paper))
    text = pdf_text(pdf)
    assert text.startswith("練地振第345号令和8年6月1日桜台二丁目町会代表者会長山田太郎様練馬区長印")
    assert "令和8年度自治活動推進協力費交付決定通知書" in text
    assert (
        "令和8年5月8日付けで申請のあった自治活動推進協力費について、"
        "下記のとおり交付することに決定したので通知します。"
    ) in text
    assert "事業名防犯パトロールと防災訓練" in text
    assert "交付決定額50,000円" in text
    assert "交付の条件1交付の目的に従い、善良な管理者の注意をもって事業を行うこと。" in text
    assert "6帳簿及び証拠書類は" in text
    assert "7年度末に活動の記録を提出すること。" not in text  # the officer's note stays inside
    assert "（教示）この決定に不服があるときは" in text
    assert "問合せ先地域文化部地域振興課練馬区民事務所" in text
    assert page_count(pdf) == 1


def test_a_change_prints_as_a_changed_decision_with_its_latest_amount() -> None:
    paper = ApplicationPaper(
        "machizukuri",
        "まちづくり活動助成",
        fiscal_year=2026,
        division_label="はばたき部門",
        group=GROUP,
        project_title="緑のまち歩きマップづくり",
        filed=Step(dt.date(2026, 5, 8), "", 300_000),
        decided=Step(dt.date(2026, 9, 1), "練環公第5号", 280_000, "会場の変更に伴う一部変更。"),
        decision_changed=True,
    )
    text = pdf_text(pdf_of(decision(paper)))
    assert "公益財団法人練馬区環境まちづくり公社理事長印" in text
    assert "令和8年度まちづくり活動助成金変更交付決定通知書" in text
    assert "下記のとおり変更して交付することに決定したので通知します。" in text
    assert "部門はばたき部門" in text
    assert "変更交付決定額280,000円" in text
    assert "変更の内容会場の変更に伴う一部変更。" in text
    assert "教示" not in text  # the 公社's decision is not an administrative act


def test_a_rejection_gives_its_reason_and_how_to_appeal() -> None:
    paper = dataclasses.replace(
        JICHI,
        decided=None,
        rejected=Step(
            dt.date(2026, 6, 10), "練地振第77号", None, "加入世帯数の確認ができないため。"
        ),
    )
    text = pdf_text(pdf_of(rejection(paper)))
    assert text.startswith("練地振第77号令和8年6月10日桜台二丁目町会代表者会長山田太郎様")
    assert "令和8年度自治活動推進協力費不採択通知書" in text
    assert (
        "令和8年5月8日付けで申請のあった自治活動推進協力費について審査した結果、"
        "下記の理由により交付しないことに決定したので通知します。"
    ) in text
    assert "申請額50,000円" in text
    assert "不採択の理由加入世帯数の確認ができないため。" in text
    assert "（教示）この決定に不服があるときは" in text


def test_a_long_rejection_reason_continues_on_the_next_page_whole() -> None:
    paper = dataclasses.replace(JICHI, rejected=Step(dt.date(2026, 6, 10), "", None, LONG))
    pdf = pdf_of(rejection(paper))
    pages = page_texts(pdf)
    assert len(pages) >= 2
    assert "不採択の理由（続き）" in pages[1]
    assert marked(pdf) == LONG
    assert "問合せ先" in pages[-1]


@pytest.mark.parametrize("build", [claim, decision, rejection])
def test_a_blank_form_holds_no_record_value_and_leaves_dates_to_write(
    build: Callable[[ApplicationPaper], list[Sheet]],
) -> None:
    text = pdf_text(pdf_of(build(ApplicationPaper("jichi", "自治活動推進協力費"))))
    for value in RECORD_VALUES:
        assert value not in text
    assert "令和年月日" in text and "令和年度自治活動推進協力費" in text


def test_a_blank_claim_names_both_notices_it_may_rest_on() -> None:
    text = pdf_text(pdf_of(claim(ApplicationPaper("machizukuri", "まちづくり活動助成"))))
    assert text.startswith("令和年月日公益財団法人練馬区環境まちづくり公社理事長殿")
    assert "令和年月日付第号で交付決定（額の確定）を受けたまちづくり活動助成金について" in text
    assert "請求金額金円" in text and "金伍" not in text


def test_the_forms_print_together_with_their_fonts_embedded() -> None:
    pdf = render_forms(
        [(FormKind.DECISION, JICHI), (FormKind.CLAIM, JICHI), (FormKind.REJECTION, JICHI)]
    )
    assert page_count(pdf) == 3
    used = fonts(pdf)
    assert used and all(used.values())
    assert all("IPAex" in name for name in used)


def test_the_confirmation_notice_fixes_the_amount_and_what_is_left_after_an_advance() -> None:
    from kyodo_desktop.forms.catalogue import FormKind, render_forms
    from kyodo_desktop.forms.paper import ApplicationPaper, Party, Step

    paper = ApplicationPaper(
        programme_code="hiroba",
        programme_name="相談情報ひろば運営支援",
        fiscal_year=2026,
        office="光が丘区民事務所",
        group=Party(name="ひろば光が丘", representative="理事長　佐藤　花子"),
        project_title="地域の相談窓口",
        decided=Step(on=dt.date(2026, 5, 1), document_number="練協推第10号", amount=900_000),
        advance_paid=Step(on=dt.date(2026, 5, 20), amount=900_000),
        reported=Step(on=dt.date(2027, 4, 10), amount=850_000),
        confirmed=Step(on=dt.date(2027, 4, 28), document_number="練協推第88号", amount=850_000),
    )
    text = pdf_text(render_forms([(FormKind.CONFIRMATION, paper)]))
    assert "令和8年度相談情報ひろば運営支援補助金額の確定通知書" in text
    assert "令和9年4月10日付けで報告のあった" in text
    assert "交付確定額850,000円" in text and "概算払済額900,000円" in text
    assert "返還額50,000円" in text and "練協推第88号" in text
    assert "ひろば光が丘代表者理事長佐藤花子様" in text
