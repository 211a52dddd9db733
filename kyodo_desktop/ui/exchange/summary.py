"""What a person reads after a send or a receive: to whom, how many, where the file is."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QCoreApplication

from kyodo_desktop.services.exchange.offices import office_label
from kyodo_desktop.services.exchange.outcomes import ALREADY, APPLIED, WAITING, Received, SentFile


def sent_summary(sent: Sequence[SentFile]) -> str:
    """One paragraph per file written: to whom, how many records, the file's path."""
    if not sent:
        return QCoreApplication.translate(
            "ExchangeSummary",
            "There is no office to send to: the system staff add the other office's public "
            "card first (kyodo-admin exchange keys add).",
        )
    lines = [
        QCoreApplication.translate("ExchangeSummary", "Sent %1 file(s).").replace(
            "%1", str(len(sent))
        )
    ]
    for item in sent:
        lines.append(
            QCoreApplication.translate("ExchangeSummary", "To %1: %2 record(s)")
            .replace("%1", office_label(item.recipient))
            .replace("%2", f"{item.rows:,}")
        )
        lines.append("    " + str(item.path))
    return "\n".join(lines)


def received_line(item: Received) -> str:
    """What became of one file, in the words of kyodo-admin exchange import."""
    sender = (
        QCoreApplication.translate("ExchangeSummary", "from %1: ").replace(
            "%1", office_label(item.sender)
        )
        if item.sender
        else ""
    )
    if item.outcome == APPLIED:
        told = (
            QCoreApplication.translate("ExchangeSummary", "received (%1 record(s), %2 conflict(s))")
            .replace("%1", f"{item.rows:,}")
            .replace("%2", f"{item.conflicts:,}")
        )
    elif item.outcome == ALREADY:
        told = QCoreApplication.translate("ExchangeSummary", "received already")
    elif item.outcome == WAITING:
        told = QCoreApplication.translate(
            "ExchangeSummary", "on hold (an earlier file has not arrived)"
        )
    else:
        told = QCoreApplication.translate("ExchangeSummary", "kept aside")
    lines = [f"{item.path.name}: {sender}{told}"]
    if item.outcome == APPLIED and item.reviews:
        lines.append(
            "    "
            + QCoreApplication.translate(
                "ExchangeSummary", "%1 award(s) to be checked: Figures, To be checked"
            ).replace("%1", f"{item.reviews:,}")
        )
    if item.message:
        lines.append("    " + item.message)
    if item.outcome not in (APPLIED, ALREADY, WAITING):
        lines.append(
            "    "
            + QCoreApplication.translate("ExchangeSummary", "Kept at: %1").replace(
                "%1", str(item.path)
            )
        )
    return "\n".join(lines)


def received_summary(received: Sequence[Received]) -> str:
    return "\n".join(received_line(item) for item in received)
