"""facets, annual pay and every location of postings

Revision ID: 0003
Revises: 0002
"""
from alembic import op
import sqlalchemy as sa


revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('postings', schema=None) as batch_op:
        batch_op.add_column(sa.Column('facets', sa.JSON(), nullable=True))
        batch_op.add_column(sa.Column('locations', sa.JSON(), nullable=True))
        batch_op.add_column(sa.Column('pay_annual_min', sa.Float(), nullable=True))
        batch_op.add_column(sa.Column('pay_annual_max', sa.Float(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('postings', schema=None) as batch_op:
        batch_op.drop_column('pay_annual_max')
        batch_op.drop_column('pay_annual_min')
        batch_op.drop_column('locations')
        batch_op.drop_column('facets')
