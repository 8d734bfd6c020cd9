"""user language

language: the language a learner chose for the interface and their emails (issue 15); NULL
until they choose one, when the cookie or the browser decides.

Revision ID: a7d5e1f2bc17
Revises: f6c4d0e1ab16
Create Date: 2026-12-02 01:40:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'a7d5e1f2bc17'
down_revision = 'f6c4d0e1ab16'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('user', schema=None) as batch_op:
        batch_op.add_column(sa.Column('language', sa.String(length=10), nullable=True))


def downgrade():
    with op.batch_alter_table('user', schema=None) as batch_op:
        batch_op.drop_column('language')
