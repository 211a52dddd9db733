"""A group's details as the officer types them, and what makes them acceptable.

Each refusal is a Japanese sentence that says what is wrong and what to type, with the
field it is about, so the dialog can put the cursor there.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date, datetime

import jaconv

from kyodo_desktop.rules import (
    GroupKind,
    RulesValidationError,
    normalize_phone,
    normalize_postal_code,
    search_key,
)
from kyodo_desktop.services.errors import InputError
from kyodo_desktop.services.fields import text_field

MAX_NAME = 120
MAX_KANA = 240
MAX_REPRESENTATIVE = 60
MAX_ADDRESS = 200
MAX_EMAIL = 120
MAX_NOTES = 2_000
MAX_HOUSEHOLDS = 99_999  # the largest 町会 of the ward counts a few thousand
FIRST_DAY = date(1868, 1, 25)  # 明治: older than any group the ward knows

# A reading is katakana (hiragana is turned into it), the long vowel mark, ・ and spaces.
_KANA = re.compile(r"[\u30a1-\u30fa\u30fc\u30fb\u30fd\u30fe ]+")
# Loose on purpose: a typo is caught, an unusual but valid address is not refused.
_EMAIL = re.compile(r"[^@\s]+@[^@\s.]+(\.[^@\s.]+)+")


@dataclass(frozen=True)
class GroupDraft:
    """A group (団体) as the officer fills it in."""

    name: str
    name_kana: str
    kind: str  # rules.GroupKind
    office_code: str | None = None  # the office in charge; None: the officer's own
    representative: str = ""
    postal_code: str = ""
    address: str = ""
    phone: str = ""
    email: str = ""
    households: int | None = None  # 加入世帯数, for a 町会・自治会
    households_counted_on: date | None = None
    founded_on: date | None = None
    notes: str = ""


@dataclass(frozen=True)
class CleanGroup:
    """A draft that passed every check, in the form it is stored."""

    name: str
    name_kana: str
    name_key: str
    kind: str
    office_code: str | None
    representative: str
    postal_code: str
    address: str
    phone: str
    email: str
    households: int | None
    households_counted_on: date | None
    founded_on: date | None
    notes: str


def reading(value: object) -> str:
    """The フリガナ in full-width katakana, whatever width or kana was typed."""
    typed = text_field(value, "フリガナ", MAX_KANA, field="name_kana", required=True)
    # NFKC turns ｶﾀｶﾅ and the full-width space into their ordinary forms.
    kana = jaconv.hira2kata(unicodedata.normalize("NFKC", typed))
    kana = " ".join(kana.split())
    if not _KANA.fullmatch(kana):
        raise InputError(
            "フリガナはカタカナかひらがなで入力してください（例: ネリマチョウカイ）。"
            "漢字・英字・数字は使えません。長音「ー」と「・」、空白は使えます。",
            field="name_kana",
        )
    return kana


def _day(value: object, label: str, *, field: str) -> date:
    if not isinstance(value, date) or isinstance(value, datetime):
        raise InputError(f"{label}を日付で入力してください（例: 令和8年4月1日）。", field=field)
    if value > date.today():
        raise InputError(f"{label}が未来の日付です。実際の日付を入力してください。", field=field)
    if value < FIRST_DAY:
        raise InputError(f"{label}は明治元年以降の日付を入力してください。", field=field)
    return value


def _households(draft: GroupDraft, kind: GroupKind) -> tuple[int | None, date | None]:
    count, counted_on = draft.households, draft.households_counted_on
    if count is None and counted_on is None:
        return None, None
    if kind is not GroupKind.CHOKAI:
        raise InputError(
            "加入世帯数は町会・自治会の場合だけ入力します。種別を確かめるか、"
            "加入世帯数と数えた日を空にしてください。",
            field="households",
        )
    if count is None:
        raise InputError(
            "加入世帯数を入力してください（数えた日だけでは登録できません）。",
            field="households",
        )
    if isinstance(count, bool) or not isinstance(count, int) or not 0 < count <= MAX_HOUSEHOLDS:
        raise InputError(
            f"加入世帯数は1から{MAX_HOUSEHOLDS:,}までの整数で入力してください。",
            field="households",
        )
    if counted_on is None:
        raise InputError(
            "加入世帯数を数えた日を入力してください（世帯数は数えた日と一緒に記録します）。",
            field="households_counted_on",
        )
    return count, _day(counted_on, "加入世帯数を数えた日", field="households_counted_on")


def clean(draft: GroupDraft) -> CleanGroup:
    """The draft as it is stored, or an `InputError` naming the first field to fix."""
    if not isinstance(draft, GroupDraft):
        raise InputError("団体の情報を入力してください。")
    name = text_field(draft.name, "団体名", MAX_NAME, field="name", required=True)
    kana = reading(draft.name_kana)
    if not isinstance(draft.kind, str) or draft.kind not in {k.value for k in GroupKind}:
        labels = "・".join(k.label for k in GroupKind)
        raise InputError(f"団体の種別を選んでください（{labels}）。", field="kind")
    kind = GroupKind(draft.kind)
    office_code = draft.office_code
    if office_code is not None and not isinstance(office_code, str):
        raise InputError("担当の事務所を一覧から選んでください。", field="office_code")
    representative = text_field(
        draft.representative, "代表者", MAX_REPRESENTATIVE, field="representative"
    )
    postal = text_field(draft.postal_code, "郵便番号", 20, field="postal_code")
    address = text_field(draft.address, "所在地", MAX_ADDRESS, field="address")
    phone = text_field(draft.phone, "電話番号", 40, field="phone")
    email = text_field(draft.email, "メールアドレス", MAX_EMAIL, field="email")
    notes = text_field(draft.notes, "備考", MAX_NOTES, field="notes", lines=True)
    try:
        postal = normalize_postal_code(postal) if postal else ""
    except RulesValidationError as error:  # keep the rules' sentence, name the field
        raise InputError(str(error), field="postal_code") from error
    try:
        phone = normalize_phone(phone) if phone else ""
    except RulesValidationError as error:
        raise InputError(str(error), field="phone") from error
    if email:
        email = unicodedata.normalize("NFKC", email)
        if not email.isascii() or not _EMAIL.fullmatch(email):
            raise InputError(
                f"メールアドレス「{draft.email.strip()}」の形が正しくありません。"
                "info@example.jp のように半角で入力してください。",
                field="email",
            )
    households, counted_on = _households(draft, kind)
    founded_on = draft.founded_on
    if founded_on is not None:
        founded_on = _day(founded_on, "設立日", field="founded_on")
    return CleanGroup(
        name=name,
        name_kana=kana,
        name_key=search_key(name + kana),
        kind=kind.value,
        office_code=office_code,
        representative=representative,
        postal_code=postal,
        address=address,
        phone=phone,
        email=email,
        households=households,
        households_counted_on=counted_on,
        founded_on=founded_on,
        notes=notes,
    )
