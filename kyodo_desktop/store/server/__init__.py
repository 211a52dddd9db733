"""The head office's PostgreSQL server: what only a server database has or needs.

Copying a SQLite file into an empty server database, backups through pg_dump, the server's
checks, and the search index in the server's own form. What is SQLite's own stays in
`store/backup/` and `store/search/`; `store/dialect.py` is the one place that tells them apart.
"""
