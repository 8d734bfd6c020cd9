"""lesson reading without an account

Views of lesson pages by people who are not signed in, per lesson and day (issue 23.5): the
reach of the course beyond its accounts, in aggregate only (no person, address or cookie).

Revision ID: e7a2c5d9b341
Revises: b3c8e6d4f021
Create Date: 2026-12-06 07:15:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'e7a2c5d9b341'
down_revision = 'b3c8e6d4f021'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'lesson_reading',
        sa.Column('lesson_id', sa.Integer(), nullable=False),
        sa.Column('day', sa.Date(), nullable=False),
        sa.Column('views', sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint('lesson_id', 'day'),
    )


def downgrade():
    op.drop_table('lesson_reading')
