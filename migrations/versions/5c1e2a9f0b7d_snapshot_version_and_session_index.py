"""published content version, and an index for the user loader

course.content_version is bumped by every publish and import, so each web process knows when
its snapshot of the published course is stale. user.session_token is looked up on every
signed-in request; without an index that is a scan of the user table.

Revision ID: 5c1e2a9f0b7d
Revises: d87f611e1d32
Create Date: 2026-12-01 20:45:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '5c1e2a9f0b7d'
down_revision = 'd87f611e1d32'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('course', schema=None) as batch_op:
        batch_op.add_column(sa.Column('content_version', sa.Integer(), server_default='1',
                                      nullable=False))
    with op.batch_alter_table('user', schema=None) as batch_op:
        batch_op.create_unique_constraint(batch_op.f('uq_user_session_token'), ['session_token'])


def downgrade():
    with op.batch_alter_table('user', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('uq_user_session_token'), type_='unique')
    with op.batch_alter_table('course', schema=None) as batch_op:
        batch_op.drop_column('content_version')
