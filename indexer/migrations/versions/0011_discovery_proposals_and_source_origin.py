"""discovery proposals, and sources kept in the database

`discovery_proposals` holds what `peerjobs discover` found for each organization, to be reviewed;
`sources.origin` tells a source of config/sources.yaml ("curated") from one accepted from that queue
("discovered"), whose `provenance` says where it came from.

Revision ID: 0011
Revises: 0010
"""
from alembic import op
import sqlalchemy as sa


revision = '0011'
down_revision = '0010'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('sources', schema=None) as batch_op:
        batch_op.add_column(sa.Column('origin', sa.String(length=20), nullable=False, server_default='curated'))
        batch_op.add_column(sa.Column('provenance', sa.JSON(), nullable=True))
    op.create_table(
        'discovery_proposals',
        sa.Column('id', sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column('org_key', sa.String(length=300), nullable=False, unique=True),
        sa.Column('org_name', sa.String(length=300), nullable=False),
        sa.Column('website', sa.Text(), nullable=False),
        sa.Column('city', sa.String(length=120), nullable=True),
        sa.Column('state', sa.String(length=2), nullable=True),
        sa.Column('postal_code', sa.String(length=10), nullable=True),
        sa.Column('status', sa.String(length=12), nullable=False),
        sa.Column('platform', sa.String(length=40), nullable=True),
        sa.Column('url', sa.Text(), nullable=True),
        sa.Column('options', sa.JSON(), nullable=False),
        sa.Column('board_key', sa.String(length=300), nullable=True),
        sa.Column('evidence', sa.JSON(), nullable=False),
        sa.Column('confidence', sa.Float(), nullable=False),
        sa.Column('trial', sa.JSON(), nullable=True),
        sa.Column('reason', sa.Text(), nullable=True),
        sa.Column('source_id', sa.String(length=100), nullable=True),
        sa.Column('created_at', sa.DateTime(), nullable=False),
        sa.Column('updated_at', sa.DateTime(), nullable=False),
        sa.Column('reviewed_at', sa.DateTime(), nullable=True),
        sa.Column('reviewed_by', sa.String(length=100), nullable=True),
    )
    op.create_index('ix_discovery_proposals_status', 'discovery_proposals', ['status'])
    op.create_index('ix_discovery_proposals_board_key', 'discovery_proposals', ['board_key'])


def downgrade() -> None:
    op.drop_index('ix_discovery_proposals_board_key', table_name='discovery_proposals')
    op.drop_index('ix_discovery_proposals_status', table_name='discovery_proposals')
    op.drop_table('discovery_proposals')
    # Not a batch: on SQLite that copies the sources table, and dropping the old one would take every
    # run and posting of a source with it (ON DELETE CASCADE). SQLite drops a column itself since 3.35.
    op.drop_column('sources', 'provenance')
    op.drop_column('sources', 'origin')
