"""quiz pools

A quiz asks `ask` of its questions (None: all), drawn per attempt; each question may name the
lesson to reread; each attempt keeps what it asked and the order its choices were shown in.

Revision ID: c9d4e2f7a318
Revises: e7a2c5d9b341
Create Date: 2026-12-06 07:30:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'c9d4e2f7a318'
down_revision = 'e7a2c5d9b341'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('quiz', schema=None) as batch_op:
        batch_op.add_column(sa.Column('ask', sa.Integer(), nullable=True))
    with op.batch_alter_table('question', schema=None) as batch_op:
        batch_op.add_column(sa.Column('lesson_slug', sa.String(length=80), server_default='',
                                      nullable=False))
    with op.batch_alter_table('quiz_attempt', schema=None) as batch_op:
        batch_op.add_column(sa.Column('drawn', sa.JSON(), nullable=True))
    with op.batch_alter_table('guest_quiz_attempt', schema=None) as batch_op:
        batch_op.add_column(sa.Column('drawn', sa.JSON(), nullable=True))


def downgrade():
    with op.batch_alter_table('guest_quiz_attempt', schema=None) as batch_op:
        batch_op.drop_column('drawn')
    with op.batch_alter_table('quiz_attempt', schema=None) as batch_op:
        batch_op.drop_column('drawn')
    with op.batch_alter_table('question', schema=None) as batch_op:
        batch_op.drop_column('lesson_slug')
    with op.batch_alter_table('quiz', schema=None) as batch_op:
        batch_op.drop_column('ask')
