"""The server's search counts: how many consultations hold each token in each month.

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-08 02:20:00

On PostgreSQL only. A count of a frequent word (「会計」: 150,000 of a million consultations)
visited every matching row's page (PostgreSQL has no count from a GIN index alone): about
50 ms. ``consultation_search_count`` keeps, per token and month, how many live consultations
hold it (store/search/server.py keeps it with every save), so such a count is a sum of a few
hundred numbers, and a period's partial months are counted from the documents.
"""

from alembic import op

revision: str = "0010"
down_revision: str | None = "0009"
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name != "postgresql":
        return
    op.execute(
        "CREATE TABLE consultation_search_count (token text NOT NULL, month date NOT NULL, "
        "n integer NOT NULL, PRIMARY KEY (token, month))"
    )
    from kyodo_desktop.store.search import server

    server.count_all(bind)


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute("DROP TABLE IF EXISTS consultation_search_count")
