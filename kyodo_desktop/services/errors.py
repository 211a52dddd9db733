"""What a service tells a person who asked for something it will not or cannot do.

Each carries a Japanese sentence that says what is wrong and what to do. Faults of the
environment (locked, full, damaged database) are `store.errors.EnvironmentFaultError`.
"""

from __future__ import annotations


class ServiceError(Exception):
    """A refusal with a message for the person (nothing was saved)."""

    def __init__(self, message: str, *, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field


class PermissionDeniedError(ServiceError):
    """The acting staff member's role or office does not allow this."""


class InputError(ServiceError):
    """What was typed cannot be saved as it is."""


class NotFoundError(ServiceError):
    """The record does not exist (or was deleted)."""


class StaleRecordError(ServiceError):
    """Someone else changed the record since it was opened."""


class RulesRefusalError(ServiceError):
    """The ward's rules refuse the application as it stands (nothing was saved).

    ``reasons`` are the rules' own sentences; ``overridable`` says whether the acting staff
    member may decide against them with a written reason (the head office).
    """

    def __init__(self, message: str, reasons: tuple[str, ...], *, overridable: bool) -> None:
        super().__init__(message, field="rules")
        self.reasons = reasons
        self.overridable = overridable
