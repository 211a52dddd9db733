"""Keeping the records safe: the audit trail, backups, the retention purge, files written whole."""
