"""Typed SQLAlchemy models, the engine and its SQLite settings, migrations, queries, backup."""
