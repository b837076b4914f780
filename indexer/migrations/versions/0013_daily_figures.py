"""daily figures

`daily_figures` keeps one number per day, figure and key: subscriptions and digests counted as
they happen, and daily snapshots of sources by health and open peer postings by state, so the
admin area's charts remember what deleted rows no longer show.

Revision ID: 0013
Revises: 0011
"""
from alembic import op
import sqlalchemy as sa


revision = '0013'
down_revision = '0011'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'daily_figures',
        sa.Column('day', sa.Date(), nullable=False),
        sa.Column('figure', sa.String(length=40), nullable=False),
        sa.Column('key', sa.String(length=80), nullable=False),
        sa.Column('value', sa.Integer(), nullable=False, server_default='0'),
        sa.PrimaryKeyConstraint('day', 'figure', 'key'),
    )


def downgrade() -> None:
    op.drop_table('daily_figures')
