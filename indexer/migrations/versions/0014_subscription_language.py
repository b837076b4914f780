"""subscription language

The language an alert speaks: 'en' or 'es', the language of the page (or the API request) it
was made from. Its confirmation, its digests and their links are in it; alerts made before
are English.

Revision ID: 0014
Revises: 0013
"""
from alembic import op
import sqlalchemy as sa


revision = '0014'
down_revision = '0013'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('subscriptions', schema=None) as batch_op:
        batch_op.add_column(sa.Column('language', sa.String(length=2), nullable=False, server_default='en'))


def downgrade() -> None:
    # SQLite drops a column by rebuilding the table, which must keep AUTOINCREMENT (0006).
    with op.batch_alter_table('subscriptions', table_kwargs={'sqlite_autoincrement': True}) as batch_op:
        batch_op.drop_column('language')
