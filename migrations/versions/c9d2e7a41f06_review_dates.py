"""review dates on lessons and handouts

lesson and resource get `reviewed` (when the facts were last checked), `check_again_by` and
`check_again_for` (when and what to check again for a time-sensitive statement), issue 21
item 2. Existing rows keep reviewed = NULL (shown to trainers as "never reviewed" on the
reviews page) until the next import or publish fills it: every course file must carry
`reviewed`, but a database imported before this migration has no date to give them, and
inventing one would claim a check nobody made. check_again_for is '' for existing rows.

Revision ID: c9d2e7a41f06
Revises: c9d4e2f7a318
Create Date: 2026-12-06 07:20:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'c9d2e7a41f06'
down_revision = 'c9d4e2f7a318'
branch_labels = None
depends_on = None

TABLES = ('lesson', 'resource')


def upgrade():
    for table in TABLES:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.add_column(sa.Column('reviewed', sa.Date(), nullable=True))
            batch_op.add_column(sa.Column('check_again_by', sa.Date(), nullable=True))
            batch_op.add_column(sa.Column('check_again_for', sa.String(length=200),
                                          server_default='', nullable=False))


def downgrade():
    for table in TABLES:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_column('check_again_for')
            batch_op.drop_column('check_again_by')
            batch_op.drop_column('reviewed')
