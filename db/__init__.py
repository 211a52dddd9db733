"""Alembic migrations: the only way the schema changes.

HEAD names the newest revision so that start-up can tell whether a migration is due
without importing Alembic (a fifth of a cold start); tests keep it equal to Alembic's head.
"""

HEAD = "0010"
