"""One module per migration; alembic reads these files."""
