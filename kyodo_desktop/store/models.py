"""Every mapped class in one namespace, so that the metadata is complete when imported."""

from kyodo_desktop.store.applications import (
    Application,
    ApplicationMonth,
    ApplicationStep,
    BudgetLine,
    Project,
)
from kyodo_desktop.store.audit.entries import AuditEntry
from kyodo_desktop.store.base import Base
from kyodo_desktop.store.cases import CaseEvent, SupportCase
from kyodo_desktop.store.consultations import Consultation, consultation_topic
from kyodo_desktop.store.exchange.state import (
    ExchangeAudit,
    ExchangeClock,
    ExchangeConflict,
    ExchangeFile,
    ExchangePeer,
    ExchangeReview,
    ExchangeRevision,
)
from kyodo_desktop.store.groups import Group
from kyodo_desktop.store.people import Person, Staff
from kyodo_desktop.store.reference import Department, Office, Programme, Setting, Topic

__all__ = [
    "Application",
    "ApplicationMonth",
    "ApplicationStep",
    "AuditEntry",
    "Base",
    "BudgetLine",
    "CaseEvent",
    "Consultation",
    "Department",
    "ExchangeAudit",
    "ExchangeClock",
    "ExchangeConflict",
    "ExchangeFile",
    "ExchangePeer",
    "ExchangeReview",
    "ExchangeRevision",
    "Group",
    "Office",
    "Person",
    "Programme",
    "Project",
    "Setting",
    "Staff",
    "SupportCase",
    "Topic",
    "consultation_topic",
]
