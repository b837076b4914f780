"""posting lifecycle, sources of a posting, run health and field coverage

Revision ID: 0004
Revises: 0003

Every stored posting gets one posting_sources row from its own source and external id, its
fingerprint, and last_verified_open = last_seen when open.
"""
from alembic import op
import sqlalchemy as sa

from indexer.parsers.identity import fingerprint, url_key


revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('postings', schema=None) as batch_op:
        batch_op.add_column(sa.Column('fingerprint', sa.String(length=64), nullable=True))
        batch_op.add_column(sa.Column('last_verified_open', sa.DateTime(), nullable=True))
        batch_op.add_column(sa.Column('closed_at', sa.DateTime(), nullable=True))
        batch_op.add_column(sa.Column('closed_reason', sa.Text(), nullable=True))
        batch_op.create_index('ix_postings_fingerprint', ['fingerprint'], unique=False)
    op.create_table('posting_sources',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('posting_id', sa.Integer(), nullable=False),
    sa.Column('source_id', sa.String(length=100), nullable=False),
    sa.Column('external_id', sa.String(length=500), nullable=False),
    sa.Column('url', sa.Text(), nullable=False),
    sa.Column('apply_url', sa.Text(), nullable=True),
    sa.Column('url_key', sa.String(length=2000), nullable=True),
    sa.Column('apply_key', sa.String(length=2000), nullable=True),
    sa.Column('first_seen', sa.DateTime(), nullable=False),
    sa.Column('last_seen', sa.DateTime(), nullable=False),
    sa.Column('missing_runs', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['posting_id'], ['postings.id'], ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['source_id'], ['sources.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('source_id', 'external_id', name='uq_posting_sources_source_external')
    )
    with op.batch_alter_table('posting_sources', schema=None) as batch_op:
        batch_op.create_index('ix_posting_sources_posting', ['posting_id'], unique=False)
        batch_op.create_index('ix_posting_sources_url_key', ['url_key'], unique=False)
        batch_op.create_index('ix_posting_sources_apply_key', ['apply_key'], unique=False)
    with op.batch_alter_table('crawl_runs', schema=None) as batch_op:
        batch_op.add_column(sa.Column('health', sa.String(length=10), nullable=True))
        batch_op.add_column(sa.Column('health_reason', sa.Text(), nullable=True))
        batch_op.add_column(sa.Column('coverage', sa.JSON(), nullable=True))
    _sightings_of_stored_postings()


def _sightings_of_stored_postings() -> None:
    connection = op.get_bind()
    postings = sa.table('postings', *(sa.column(name) for name in (
        'id', 'source_id', 'external_id', 'url', 'apply_url', 'title', 'employer', 'city', 'state',
        'postal_code', 'remote', 'status', 'first_seen', 'last_seen', 'fingerprint',
        'last_verified_open')))
    sightings = sa.table('posting_sources', *(sa.column(name) for name in (
        'posting_id', 'source_id', 'external_id', 'url', 'apply_url', 'url_key', 'apply_key',
        'first_seen', 'last_seen', 'missing_runs')))
    for row in connection.execute(sa.select(postings)).mappings().all():
        connection.execute(postings.update().where(postings.c.id == row['id']).values(
            fingerprint=fingerprint(dict(row)),
            last_verified_open=row['last_seen'] if row['status'] == 'open' else None))
        connection.execute(sightings.insert().values(
            posting_id=row['id'], source_id=row['source_id'], external_id=row['external_id'],
            url=row['url'], apply_url=row['apply_url'], url_key=url_key(row['url']),
            apply_key=url_key(row['apply_url']), first_seen=row['first_seen'],
            last_seen=row['last_seen'], missing_runs=0))


def downgrade() -> None:
    with op.batch_alter_table('crawl_runs', schema=None) as batch_op:
        batch_op.drop_column('coverage')
        batch_op.drop_column('health_reason')
        batch_op.drop_column('health')
    with op.batch_alter_table('posting_sources', schema=None) as batch_op:
        batch_op.drop_index('ix_posting_sources_apply_key')
        batch_op.drop_index('ix_posting_sources_url_key')
        batch_op.drop_index('ix_posting_sources_posting')
    op.drop_table('posting_sources')
    with op.batch_alter_table('postings', schema=None) as batch_op:
        batch_op.drop_index('ix_postings_fingerprint')
        batch_op.drop_column('closed_reason')
        batch_op.drop_column('closed_at')
        batch_op.drop_column('last_verified_open')
        batch_op.drop_column('fingerprint')
