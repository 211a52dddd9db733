"""Errors the rules raise for input no programme could judge (不正な入力)."""

from __future__ import annotations


class RulesValidationError(ValueError):
    """Input that cannot be judged: a negative household count, 2026-02-30, "abc円".

    A business "no" (wrong group kind, times used up, programme ended) is never this
    error: it is an ``Evaluation`` with reasons. This error is for input that is
    impossible, and its message is a Japanese sentence for the person who typed it:
    what is wrong and how to write it instead.
    """

    def __init__(self, message: str, *, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field


class RulesDataError(RuntimeError):
    """The shipped programme data is malformed: the program's fault, not the user's."""
