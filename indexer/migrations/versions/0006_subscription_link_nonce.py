"""subscription link nonce, ids never reused

Every alert link names a random nonce kept on its subscription, so a link outlives neither its
row nor a row that later takes the same id; SQLite is told never to give a deleted row's id
again (AUTOINCREMENT), which rebuilds the table there.

Revision ID: 0006
Revises: 0005
"""
import secrets

from alembic import op
import sqlalchemy as sa

revision = '0006'
down_revision = '0005'
branch_labels = None
depends_on = None

subscriptions = sa.table('subscriptions', sa.column('id', sa.Integer), sa.column('link_nonce', sa.String))


def upgrade() -> None:
    op.add_column('subscriptions', sa.Column('link_nonce', sa.String(length=32), nullable=True))
    connection = op.get_bind()
    for (subscription_id,) in connection.execute(sa.select(subscriptions.c.id)).all():
        connection.execute(subscriptions.update().where(subscriptions.c.id == subscription_id)
                           .values(link_nonce=secrets.token_urlsafe(16)))
    with op.batch_alter_table('subscriptions', recreate='always' if _sqlite() else 'auto',
                              table_kwargs={'sqlite_autoincrement': True}) as batch_op:
        batch_op.alter_column('link_nonce', existing_type=sa.String(length=32), nullable=False)


def downgrade() -> None:
    with op.batch_alter_table('subscriptions', recreate='always' if _sqlite() else 'auto') as batch_op:
        batch_op.drop_column('link_nonce')


def _sqlite() -> bool:
    return op.get_bind().dialect.name == 'sqlite'
