"""Text as typed at a counter: keys for search, phone numbers and postal codes.

Display keeps what was typed; these functions give the form used to compare and store.
NFKC (``unicodedata``) folds full/half width; ``jaconv.kata2hira`` folds katakana to
hiragana, which NFKC does not do.
"""

from __future__ import annotations

import re
import unicodedata

import jaconv

from .errors import RulesValidationError

# Dash-like characters people type between digit groups (NFKC keeps most of them).
_DASHES = str.maketrans(dict.fromkeys("ー‐‑‒–—―−─━", "-"))
# Small ヶ/ヵ fold to け/か so that 光ヶ丘 and 光ケ丘 meet (kata2hira gives ゖ/ゕ).
_SMALL_KANA = str.maketrans({"ゖ": "け", "ゕ": "か"})

_MOBILE_PREFIXES = ("090", "080", "070")


def _fold(text: str) -> str:
    folded = unicodedata.normalize("NFKC", text).casefold()
    folded = jaconv.kata2hira(folded).translate(_SMALL_KANA)
    return unicodedata.normalize("NFKC", "".join(folded.split()))


def search_key(text: str) -> str:
    """The key used for search and duplicate detection.

    NFKC, case folded, katakana → hiragana, all whitespace removed:
    ``search_key('ＮＰＯ法人　ねりま') == search_key('npo法人ネリマ') == 'npo法人ねりま'``.
    """
    key = _fold(text)
    # Case folding or removing a space can leave text that NFKC changes again
    # (R + spacing cedilla): fold until stable so that a key is its own key.
    for _ in range(3):
        again = _fold(key)
        if again == key:
            break
        key = again
    return key


def _ascii_separators(text: str) -> str:
    return unicodedata.normalize("NFKC", text).translate(_DASHES)


def normalize_phone(text: str) -> str:
    """A phone number in ASCII with hyphens.

    Tokyo 03 numbers and mobiles (090/080/070) get the canonical grouping
    (``'０３ー３９９３ー１１１１'`` → ``'03-3993-1111'``, ``'09012345678'`` → ``'090-1234-5678'``);
    other numbers keep the grouping as typed (``'042(123)4567'`` → ``'042-123-4567'``).
    ``+81`` becomes the leading 0.
    """
    if not isinstance(text, str):
        raise RulesValidationError(f"電話番号は文字で入力してください（入力: {text!r}）。")
    cleaned = _ascii_separators(text).strip()
    if cleaned.startswith("+81"):
        cleaned = "0" + cleaned[3:].lstrip(" -(")
    # Parentheses, spaces and dots separate groups just as hyphens do: 03(3993)1111.
    groups = [g for g in re.split(r"[-\s().]+", cleaned) if g]
    digits = "".join(groups)
    example = "03-3993-1111 や 090-1234-5678 の形で入力してください。"
    if not digits:
        raise RulesValidationError(f"電話番号が入力されていません。{example}")
    if not digits.isascii() or not digits.isdigit():
        raise RulesValidationError(
            f"電話番号「{text}」に数字と「-」以外の文字があります。{example}"
        )
    if not digits.startswith("0"):
        raise RulesValidationError(
            f"電話番号「{text}」は0で始まる市外局番から入力してください。{example}"
        )
    if digits.startswith(_MOBILE_PREFIXES):
        if len(digits) != 11:
            raise RulesValidationError(
                f"携帯電話の番号「{text}」は11桁です（入力は{len(digits)}桁）。{example}"
            )
        return f"{digits[:3]}-{digits[3:7]}-{digits[7:]}"
    if digits.startswith("03"):
        if len(digits) != 10:
            raise RulesValidationError(
                f"03で始まる電話番号「{text}」は10桁です（入力は{len(digits)}桁）。{example}"
            )
        return f"03-{digits[2:6]}-{digits[6:]}"
    if len(digits) not in (10, 11):
        raise RulesValidationError(
            f"電話番号「{text}」は市外局番から10桁または11桁です（入力は{len(digits)}桁）。{example}"
        )
    return "-".join(groups)


def normalize_postal_code(text: str) -> str:
    """``'〒１７６ー８５０１'`` → ``'176-8501'``; anything but seven digits is refused."""
    if not isinstance(text, str):
        raise RulesValidationError(f"郵便番号は文字で入力してください（入力: {text!r}）。")
    cleaned = _ascii_separators(text).replace("〒", "")
    digits = "".join(ch for ch in cleaned if ch not in "- \t")
    if not (len(digits) == 7 and digits.isascii() and digits.isdigit()):
        raise RulesValidationError(
            f"郵便番号「{text}」を読み取れません。176-8501 のように7桁の数字で入力してください。"
        )
    return f"{digits[:3]}-{digits[3:]}"
