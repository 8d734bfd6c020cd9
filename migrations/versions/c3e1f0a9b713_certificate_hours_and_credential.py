"""certificate reading hours and Open Badges credential

reading_minutes: the course's reading time when awarded (to a quarter hour), printed on the
certificate and put in the credential. credential: the signed OpenBadgeCredential (compact
JWS), made once before the first PDF, which carries it.

Revision ID: c3e1f0a9b713
Revises: e5b3c9d0fa15
Create Date: 2026-12-02 01:00:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'c3e1f0a9b713'
down_revision = 'e5b3c9d0fa15'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('certificate', schema=None) as batch_op:
        batch_op.add_column(sa.Column('reading_minutes', sa.Integer(), server_default='0',
                                      nullable=False))
        batch_op.add_column(sa.Column('credential', sa.Text(), nullable=True))


def downgrade():
    with op.batch_alter_table('certificate', schema=None) as batch_op:
        batch_op.drop_column('credential')
        batch_op.drop_column('reading_minutes')
