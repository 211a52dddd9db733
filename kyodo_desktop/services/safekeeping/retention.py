"""How long a person's details are kept (保存期間), and the purge that anonymises them.

The period is a head-office setting (``retention.person_years``, default 5 years after the
last contact), changed by an administrator. The purge is an administrator's act too
(MANAGE_REFERENCE: the same role that sets the period; kyodo-admin runs it as the system
with that role): for every person whose last contact — their ``last_contact_on``, their
latest consultation or, failing both, the day they were registered — is older than the
period, it replaces the details with an anonymous marker and sets ``anonymised_on``. The
row and its links stay, so every count the reports make (consultations by office, topic,
month) stays the same. The audit entries about the person lose their before/after
(redacted; the chain still verifies), and one ``purge`` entry records how many persons were
anonymised, with no personal data. A run that finds nobody changes nothing and writes
nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from kyodo_desktop.rules import search_key
from kyodo_desktop.services.core import UnitOfWork, service
from kyodo_desktop.services.errors import InputError
from kyodo_desktop.services.permissions import Permission
from kyodo_desktop.services.settings import get_setting, put_setting
from kyodo_desktop.store import retention
from kyodo_desktop.store.base import utcnow
from kyodo_desktop.store.database import Database

RETENTION_SETTING = "retention.person_years"
DEFAULT_RETENTION_YEARS = 5
MAX_RETENTION_YEARS = 30
ANONYMOUS_NAME = "匿名（保存期間経過）"


def _valid_years(value: object) -> bool:
    return (
        isinstance(value, int) and not isinstance(value, bool) and 1 <= value <= MAX_RETENTION_YEARS
    )


def retention_years(database: Database) -> int:
    """Years a person's details are kept after their last contact (default 5)."""
    with database.reading() as session:
        value = get_setting(session, RETENTION_SETTING)
    return value if _valid_years(value) else DEFAULT_RETENTION_YEARS  # type: ignore[return-value]


@service("settings.retention_years", Permission.MANAGE_REFERENCE)
def set_retention_years(uow: UnitOfWork, years: int) -> None:
    """Change the period; the next purge uses it."""
    if not _valid_years(years):
        raise InputError(
            f"保存期間は1～{MAX_RETENTION_YEARS}年の整数で指定してください。", field="years"
        )
    put_setting(uow.session, RETENTION_SETTING, years)


def cutoff(today: date, years: int) -> date:
    """A last contact before this day is older than the period (29 Feb → 28 Feb)."""
    try:
        return today.replace(year=today.year - years)
    except ValueError:
        return today.replace(year=today.year - years, day=28)


@dataclass(frozen=True)
class PurgeResult:
    persons: int  # anonymised (or, in a dry run, that would be)
    entries_redacted: int
    years: int
    cutoff: date
    dry_run: bool

    @property
    def message(self) -> str:
        who = (
            f"最終連絡から{self.years}年を過ぎた相談者（最終連絡が{self.cutoff.isoformat()}より前）"
        )
        if self.dry_run:
            return f"{who}: {self.persons:,}人。試行のため、何も変更していません。"
        if self.persons == 0:
            return f"{who}はいません。何も変更していません。"
        return (
            f"{who} {self.persons:,}人を匿名化しました。"
            f"監査ログの{self.entries_redacted:,}件から個人情報を消去しました。"
        )


@service("retention.purge", Permission.MANAGE_REFERENCE)
def purge_expired(
    uow: UnitOfWork, *, today: date | None = None, dry_run: bool = False
) -> PurgeResult:
    """Anonymise every person whose last contact is older than the retention period."""
    session = uow.session
    today = today or date.today()
    value = get_setting(session, RETENTION_SETTING)
    years = value if _valid_years(value) else DEFAULT_RETENTION_YEARS
    limit = cutoff(today, years)  # type: ignore[arg-type]
    expired = [
        contact.person_id
        for contact in retention.contacts_of_named_persons(session)
        if contact.last_on < limit
    ]
    if dry_run or not expired:
        return PurgeResult(len(expired), 0, years, limit, dry_run)  # type: ignore[arg-type]
    for person in retention.persons(session, expired):
        person.name = ANONYMOUS_NAME
        person.name_kana = ""
        person.name_key = search_key(ANONYMOUS_NAME)
        person.phone = ""
        person.address = ""
        person.notes = ""
        person.anonymised_on = today
    uow.record_event(
        "purge", "person", "", persons=len(expired), years=years, cutoff=limit.isoformat()
    )
    # The flush writes an audited change per person, its "before" holding the details: the
    # redaction below erases those entries' content with all the earlier ones.
    session.flush()
    redacted = retention.redact_entries(session, "person", [str(i) for i in expired], utcnow())
    return PurgeResult(len(expired), redacted, years, limit, False)  # type: ignore[arg-type]
