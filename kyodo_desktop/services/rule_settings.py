"""The interpretations in force: the shipped defaults, overridden by the head office's choices."""

from __future__ import annotations

from sqlalchemy.orm import Session

from kyodo_desktop.rules import RuleSettings, load_default_settings
from kyodo_desktop.services.settings import get_setting
from kyodo_desktop.store.database import Database

RULE_SETTINGS_KEY = "rules.settings"


def rule_settings_in(session: Session) -> RuleSettings:
    """The settings in force, read in an open session (a service's own transaction)."""
    defaults = load_default_settings().to_mapping()
    saved = get_setting(session, RULE_SETTINGS_KEY)
    if isinstance(saved, dict):
        defaults.update({name: value for name, value in saved.items() if name in defaults})
    return RuleSettings.from_mapping(defaults)


def current_rule_settings(database: Database) -> RuleSettings:
    """Defaults from resources/rules/settings.json, with the ward's saved choices on top."""
    with database.reading() as session:
        return rule_settings_in(session)
