"""What every form's text boxes are checked for, with the Japanese sentence for each refusal."""

from __future__ import annotations

import unicodedata

from kyodo_desktop.services.errors import InputError


def text_field(
    value: object,
    label: str,
    limit: int,
    *,
    field: str,
    required: bool = False,
    lines: bool = False,
) -> str:
    """The typed text without the spaces around it; refused if it cannot be kept as it is.

    Control characters are refused (tabs and line breaks too, unless ``lines``), and so is half
    of an emoji pasted alone (a lone surrogate, category Cs), which the database cannot store.
    """
    if not isinstance(value, str):
        raise InputError(f"{label}は文字で入力してください。", field=field)
    allowed = "\n\r\t" if lines else ""
    if any(unicodedata.category(ch) in ("Cc", "Cs") and ch not in allowed for ch in value):
        raise InputError(
            f"{label}に使えない制御文字が含まれています。入力し直してください。", field=field
        )
    value = value.strip()
    if required and not value:
        raise InputError(f"{label}を入力してください。", field=field)
    if len(value) > limit:
        raise InputError(
            f"{label}が長すぎます（{len(value):,}文字）。{limit:,}文字以内で入力してください。",
            field=field,
        )
    return value
