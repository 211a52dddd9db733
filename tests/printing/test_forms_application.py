"""The application forms as printed: 交付申請書・事業計画書・収支予算書, 実績報告書・収支決算書.

Each test reads the PDF back as a person checks the paper: the names, amounts and 和暦 dates
on it, the pages and their footers, the fonts, and the blank version left to write in.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest
from pdf_reading import fonts, page_count, page_texts, pdf_text

from kyodo_desktop.forms.application_sheets import application
from kyodo_desktop.forms.catalogue import FormKind, render_forms
from kyodo_desktop.forms.document import render
from kyodo_desktop.forms.paper import ApplicationPaper, Figures, Line, MonthFigures, Party, Step
from kyodo_desktop.forms.report_sheets import report
from kyodo_desktop.forms.wording import wording
from kyodo_desktop.rules import programme

CODES = ("jichi", "yasashii", "machizukuri", "teian", "hiroba", "okoshi")
GROUP = Party(
    name="練馬区北町一丁目町会",
    postal_code="179-0081",
    address="練馬区北町一丁目2番3号",
    representative="会長　練馬太郎",
    phone="03-3993-1111",
)
HIROBA_MONTHS = tuple(
    MonthFigures(2026, month, days, venue)
    for month, days, venue in ((5, 8, 60_000), (6, 10, 80_000), (7, 0, 60_000))
)


def filled(code: str, **changes: object) -> ApplicationPaper:
    """An application of 令和8年度 as the records would give it, for ``code``."""
    rules = programme(code)
    names = [d.name for d in rules.latest.divisions if d.name]
    paper = ApplicationPaper(
        programme_code=code,
        programme_name=rules.name,
        fiscal_year=2026,
        division_label=names[-1] if names else "",
        office="北町出張所",
        group=GROUP,
        project_title="北町ふれあい広場",
        project_description="毎月第2土曜日に町会会館で交流会を開く。",
        purpose="高齢者と子育て世帯が顔を合わせる場をつくる。",
        starts_on=dt.date(2026, 5, 1),
        ends_on=dt.date(2027, 3, 31),
        department_name="環境部環境課",
        amount_requested=50_000,
        award_year=2,
        filed=Step(on=dt.date(2026, 4, 1), document_number="R8-05-0012"),
        budget=Figures(
            income=(Line("会費", 10_000, "50世帯×200円"),),
            spending=(Line("会場費", 30_000), Line("印刷費", 30_000, "チラシ")),
        ),
    )
    if code == "jichi":
        paper = replace(
            paper,
            households=300,
            households_counted_on=dt.date(2026, 4, 1),
            calculation=(("基礎割", 15_000), ("世帯割", 36_000)),
            amount_requested=51_000,
        )
    if code == "hiroba":
        budget = Figures(months=HIROBA_MONTHS, operating_cost=108_000)
        paper = replace(paper, budget=budget, amount_requested=243_000)
    return replace(paper, **changes)


def blank(code: str) -> ApplicationPaper:
    return ApplicationPaper(programme_code=code, programme_name=programme(code).name)


def reported(code: str, **changes: object) -> ApplicationPaper:
    """The same application once granted and done: its 決算 beside its 予算."""
    return filled(
        code,
        **changes,
        decided=Step(on=dt.date(2026, 5, 15), document_number="練地協第123号", amount=48_000),
        reported=Step(on=dt.date(2027, 4, 10), document_number="R8-05-0345"),
        actual=Figures(
            income=(Line("会費", 9_000),),
            spending=(Line("会場費", 28_000), Line("印刷費", 32_500), Line("通信費", 1_200)),
        ),
    )


@pytest.mark.parametrize("code", CODES)
def test_filled_application_prints_the_group_the_project_and_the_amount(code: str) -> None:
    paper = filled(code)
    shown = pdf_text(render(application(paper)))
    words = wording(code)
    assert "練馬区北町一丁目町会" in shown
    assert "〒179-0081練馬区北町一丁目2番3号" in shown
    assert "会長練馬太郎" in shown
    assert "北町ふれあい広場" in shown
    assert f"金{paper.amount_requested:,}円" in shown
    assert "受付番号R8-05-0012令和8年4月1日" in shown
    assert "令和8年5月1日から令和9年3月31日まで" in shown
    assert f"令和8年度{words.grant_name}交付申請書" in shown
    assert f"令和8年度において{words.grant_name}の交付を受けたい" in shown
    assert f"{words.addressee}殿".replace(" ", "") in shown
    for item in words.application_attachments:
        assert item in shown
    # what comes with the 申請書 is checked; what the group must add is not
    assert "■事業計画書" in shown and "■収支予算書" in shown
    assert "□" in shown


def test_application_of_each_programme_asks_its_own_particulars() -> None:
    jichi = pdf_text(render(application(filled("jichi"))))
    assert "300世帯（基準日令和8年4月1日現在）" in jichi
    assert "基礎割500世帯まで15,000円、以降500世帯ごとに5,000円を加算15,000" in jichi
    assert "世帯割120円×300世帯36,000" in jichi
    assert "合計基礎割＋世帯割51,000" in jichi

    machizukuri = pdf_text(render(application(filled("machizukuri"))))
    assert "□たまご部門■はばたき部門" in machizukuri
    assert "公益財団法人練馬区環境まちづくり公社理事長殿" in machizukuri

    assert "所管課環境部環境課" in pdf_text(render(application(filled("teian"))))
    assert "2年度目（3年度を上限）" in pdf_text(render(application(filled("okoshi"))))
    for other in ("yasashii", "hiroba", "okoshi"):
        assert "所管課" not in pdf_text(render(application(filled(other))))


def test_hiroba_prints_its_months_against_the_limits() -> None:
    pages = page_texts(render(application(filled("hiroba"))))
    request, plan, budget = pages
    assert "開催日数18日（3か月）" in request
    assert "運営費108,000円（上限1日6,000円×開催日数18日＝108,000円）" in request
    assert "会場費200,000円（上限1か月75,000円）" in request
    assert "令和8年5月8日60,000" in plan and "令和8年6月10日80,000" in plan
    assert "運営費は1日6,000円×開催日数、会場費は1か月75,000円が上限" in budget
    assert "令和8年6月10日60,00080,00075,000円を超える分は対象外" in budget
    assert "令和8年7月0日060,000開催なし" in budget
    assert "合計18日108,000200,000" in budget


def test_budget_adds_the_grant_asked_and_checks_the_totals() -> None:
    words = wording("yasashii")
    budget = page_texts(render(application(filled("yasashii"))))[2]
    assert f"{words.grant_name}（申請額）50,000" in budget
    assert "会費10,00050世帯×200円合計60,000" in budget
    assert "収入合計60,000円＝支出合計60,000円" in budget

    listed = filled(
        "yasashii",
        budget=Figures(
            income=(Line(f"{words.grant_name}", 50_000), Line("会費", 5_000)),
            spending=(Line("会場費", 60_000),),
        ),
    )
    budget = page_texts(render(application(listed)))[2]
    assert "（申請額）" not in budget  # the records list the grant: not added twice
    assert "収入合計55,000円≠支出合計60,000円（差5,000円）" in budget


@pytest.mark.parametrize("code", CODES)
def test_blank_application_leaves_every_field_to_write_by_hand(code: str) -> None:
    pdf = render(application(blank(code)))
    shown = pdf_text(pdf)
    words = wording(code)
    assert "練馬区北町一丁目町会" not in shown
    assert "None" not in shown
    assert shown.startswith("受付番号令和年月日")  # blank number and 「令和　　年　　月　　日」
    assert f"令和年度{words.grant_name}交付申請書" in shown
    assert "令和年月日から令和年月日まで" in shown
    assert "申請額金円" in shown
    assert "〒－" in shown
    assert "■" not in shown  # nothing is checked on a blank form
    for item in words.application_attachments:
        assert f"□{item}" in shown
    assert "令和年度収支予算書" in shown and "収入合計円＝支出合計円" in shown
    if code == "jichi":
        assert "世帯（基準日令和年月日現在）" in shown
        assert (
            "基礎割500世帯まで15,000円、以降500世帯ごとに5,000円を加算世帯割120円×世帯数" in shown
        )
    if code == "hiroba":
        assert "令和年4月日" in shown and "令和年3月日" in shown


@pytest.mark.parametrize("code", CODES)
@pytest.mark.parametrize("make", [filled, blank], ids=["filled", "blank"])
def test_each_sheet_is_one_page_with_its_own_footer(code: str, make) -> None:  # type: ignore[no-untyped-def]
    paper = make(code)
    done = reported(code) if make is filled else paper
    for sheets, count in ((application(paper), 3), (report(done), 2)):
        pdf = render(sheets)
        assert page_count(pdf) == count
        for page in page_texts(pdf):
            assert "1/1" in page
            if paper.blank:
                assert "文書番号" not in page and "北町出張所" not in page
            else:
                assert "北町出張所" in page and "文書番号" in page


def test_fonts_are_ipaex_and_embedded() -> None:
    pdf = render_forms(
        [(FormKind.APPLICATION, filled("jichi")), (FormKind.REPORT, blank("hiroba"))]
    )
    found = fonts(pdf)
    assert found
    assert all(found.values()), found
    assert all("IPAex" in name for name in found), found


def _pages_holding(pages: list[str], whole: str, label: str) -> list[int]:
    """The pages ``whole`` runs over, in order; fails unless every character is printed.

    Its first part follows ``label``, each following part 「label（続き）」 at the top of a page.
    """
    first = next(n for n, page in enumerate(pages) if label + whole[:30] in page)
    used, at = [], 0
    for number in range(first, len(pages)):
        page = pages[number]
        head = label if number == first else f"{label}（続き）"
        start = page.find(head + whole[at : at + 1])
        if start < 0:
            break
        start += len(head)
        size = 0
        while at + size < len(whole) and page[start + size] == whole[at + size]:
            size += 1
        used.append(number)
        at += size
    assert at == len(whole), f"printed up to character {at} of {len(whole)}"
    return used


def test_a_long_purpose_continues_on_the_next_page_in_full() -> None:
    long = "".join(f"{n:04d}地域の交流を深める。" for n in range(600))[:6000]
    assert len(long) == 6000
    pdf = render(application(filled("yasashii", purpose=long)))
    pages = page_texts(pdf)
    used = _pages_holding(pages, long, "事業の目的")
    assert len(used) >= 2
    assert used == list(range(used[0], used[-1] + 1))  # on following pages, none skipped
    # the 事業計画書 is one sheet over all these pages: its footer counts them
    assert f"1/{len(used)}" in pages[used[0]] and f"{len(used)}/{len(used)}" in pages[used[-1]]
    assert page_count(pdf) == 2 + len(used)


def test_report_names_the_decision_and_the_amount_granted() -> None:
    words = wording("machizukuri")
    shown = pdf_text(render(report(reported("machizukuri"))))
    assert f"令和8年度{words.grant_name}実績報告書" in shown
    assert "受付番号R8-05-0345令和9年4月10日" in shown
    assert "公益財団法人練馬区環境まちづくり公社理事長殿" in shown
    assert (
        f"令和8年度において、令和8年5月15日付け練地協第123号で交付決定を受けた"
        f"{words.grant_name}の事業が完了したので、下記のとおり報告します。"
    ) in shown
    assert "交付決定額金48,000円" in shown
    assert "実施期間令和8年5月1日から令和9年3月31日まで" in shown
    assert "事業に要した経費61,700円" in shown
    assert "■収支決算書" in shown
    for item in words.report_attachments:
        assert item in shown
    changed = pdf_text(render(report(reported("machizukuri", decision_changed=True))))
    assert "練地協第123号で変更交付決定を受けた" in changed


def test_settlement_sets_the_spent_beside_the_budget() -> None:
    words = wording("okoshi")
    settled = page_texts(render(report(reported("okoshi"))))[1]
    assert "令和8年度収支決算書" in settled
    # 科目, 予算額, 決算額, 差額 (決算−予算, a decrease with △)
    assert f"{words.grant_name}50,00048,000△2,000" in settled
    assert "会費10,0009,000△1,000" in settled
    assert "合計60,00057,000△3,000" in settled
    assert "会場費30,00028,000△2,000" in settled
    assert "印刷費30,00032,5002,500" in settled
    assert "通信費01,2001,200" in settled  # spent without a budget line
    assert "合計60,00061,7001,700" in settled
    assert "差引残額（収入合計−支出合計）△4,700円" in settled


def test_blank_report_leaves_the_decision_and_figures_to_write() -> None:
    shown = pdf_text(render(report(blank("teian"))))
    assert "練馬区北町一丁目町会" not in shown and "None" not in shown
    assert "令和年度において、令和年月日付け第号で交付決定を受けた" in shown
    assert "交付決定額金円" in shown
    assert "事業に要した経費円" in shown
    assert "令和年度収支決算書" in shown
    assert "差引残額（収入合計−支出合計）円" in shown
    assert "■" not in shown


def test_a_grant_line_the_group_named_itself_is_not_added_twice() -> None:
    own = Figures(
        income=(Line("助成金", 100_000), Line("会費", 20_000)),
        spending=(Line("消耗品費", 120_000),),
    )
    paper = filled("yasashii", budget=own, actual=own, amount_requested=100_000)
    for kind in (FormKind.APPLICATION, FormKind.REPORT):
        text = pdf_text(render_forms([(kind, paper)]))
        assert "（申請額）" not in text  # the group's own 「助成金」 line is the grant
        assert "合計120,000" in text
