"""posting reports, labeled examples and classification overrides

Readers report a problem with a posting; operators accept or dismiss each report. An accepted
"not peer work" report leaves a labeled example and a classification override.

Revision ID: 0009
Revises: 0008
"""
from alembic import op
import sqlalchemy as sa


revision = '0009'
down_revision = '0008'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'posting_reports',
        sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
        sa.Column('posting_id', sa.Integer(), nullable=False),
        sa.Column('reason', sa.String(length=30), nullable=False),
        sa.Column('text', sa.Text(), nullable=True),
        sa.Column('reporter_key', sa.String(length=64), nullable=False),
        sa.Column('created_at', sa.DateTime(), nullable=False),
        sa.Column('status', sa.String(length=10), nullable=False),
        sa.Column('handled_at', sa.DateTime(), nullable=True),
        sa.Column('handled_by', sa.String(length=100), nullable=True),
        sa.Column('recheck_requested_at', sa.DateTime(), nullable=True),
        sa.Column('recheck_result', sa.Text(), nullable=True),
        sa.Column('recheck_at', sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(['posting_id'], ['postings.id'], ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id'),
    )
    op.create_index('ix_posting_reports_posting_status', 'posting_reports', ['posting_id', 'status'])
    op.create_index('ix_posting_reports_recheck', 'posting_reports', ['recheck_requested_at'])
    op.create_table(
        'posting_labels',
        sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
        sa.Column('posting_id', sa.Integer(), nullable=True),
        sa.Column('text_hash', sa.String(length=64), nullable=False),
        sa.Column('title', sa.String(length=500), nullable=False),
        sa.Column('employer', sa.String(length=300), nullable=True),
        sa.Column('description_text', sa.Text(), nullable=False),
        sa.Column('category', sa.String(length=60), nullable=True),
        sa.Column('created_at', sa.DateTime(), nullable=False),
        sa.Column('created_by', sa.String(length=100), nullable=True),
        sa.ForeignKeyConstraint(['posting_id'], ['postings.id'], ondelete='SET NULL'),
        sa.PrimaryKeyConstraint('id'),
        sa.UniqueConstraint('text_hash'),
    )
    op.create_table(
        'classification_overrides',
        sa.Column('posting_id', sa.Integer(), nullable=False),
        sa.Column('is_peer', sa.Boolean(), nullable=False),
        sa.Column('note', sa.Text(), nullable=False),
        sa.Column('created_at', sa.DateTime(), nullable=False),
        sa.Column('created_by', sa.String(length=100), nullable=True),
        sa.ForeignKeyConstraint(['posting_id'], ['postings.id'], ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('posting_id'),
    )


def downgrade() -> None:
    op.drop_table('classification_overrides')
    op.drop_table('posting_labels')
    op.drop_index('ix_posting_reports_recheck', table_name='posting_reports')
    op.drop_index('ix_posting_reports_posting_status', table_name='posting_reports')
    op.drop_table('posting_reports')
