"""Keeping the records safe while the program runs: backups on a timer, the damage check, the audit log."""
