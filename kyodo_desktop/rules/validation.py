"""Checks on numbers typed at the counter: whole yen, counts, no bools."""

from __future__ import annotations

from .errors import RulesValidationError


def require_int(value: object, label: str, *, field: str | None = None) -> int:
    """Return ``value`` if it is a real ``int`` (a ``bool`` is refused), else raise."""
    if isinstance(value, bool) or not isinstance(value, int):
        raise RulesValidationError(
            f"{label}は整数で入力してください（入力: {value!r}）。", field=field
        )
    return value


def require_non_negative(value: object, label: str, *, field: str | None = None) -> int:
    """Return ``value`` if it is an ``int`` >= 0, else raise with a Japanese message."""
    number = require_int(value, label, field=field)
    if number < 0:
        raise RulesValidationError(
            f"{label}に負の数は入力できません（入力: {number:,}）。0以上の整数で入力してください。",
            field=field,
        )
    return number


def require_amount(value: object, label: str = "金額", *, field: str | None = None) -> int:
    """Return a whole-yen amount (``int`` >= 0), else raise."""
    if isinstance(value, float) and not isinstance(value, bool):
        raise RulesValidationError(
            f"{label}は1円単位の整数で入力してください（入力: {value!r}）。", field=field
        )
    return require_non_negative(value, label, field=field)
