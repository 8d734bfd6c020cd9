"""API credentials: learners' personal access tokens and the organisation's API keys

Each keeps a SHA-256 of its secret (never the secret), the first characters to tell it apart,
its last use and when it was revoked (issue 20, the JSON API).

Revision ID: a4f1c8e2d7b9
Revises: 3f1a2b7c9d10
Create Date: 2026-12-06 09:10:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'a4f1c8e2d7b9'
down_revision = '3f1a2b7c9d10'
branch_labels = None
depends_on = None


def _credential_columns():
    return [
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('name', sa.String(length=80), nullable=False),
        sa.Column('prefix', sa.String(length=20), nullable=False),
        sa.Column('secret_hash', sa.String(length=64), nullable=False),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('last_used_at', sa.DateTime(timezone=True), nullable=True),
        sa.Column('revoked_at', sa.DateTime(timezone=True), nullable=True),
    ]


def upgrade():
    op.create_table(
        'personal_token',
        *_credential_columns(),
        sa.Column('user_id', sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(['user_id'], ['user.id'],
                                name=op.f('fk_personal_token_user_id_user'), ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_personal_token')),
        sa.UniqueConstraint('secret_hash', name=op.f('uq_personal_token_secret_hash')),
    )
    with op.batch_alter_table('personal_token', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_personal_token_user_id'), ['user_id'], unique=False)
    op.create_table(
        'api_key',
        *_credential_columns(),
        sa.Column('scopes', sa.String(length=200), nullable=False),
        sa.Column('created_by_id', sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(['created_by_id'], ['user.id'],
                                name=op.f('fk_api_key_created_by_id_user'), ondelete='SET NULL'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_api_key')),
        sa.UniqueConstraint('secret_hash', name=op.f('uq_api_key_secret_hash')),
    )


def downgrade():
    op.drop_table('api_key')
    with op.batch_alter_table('personal_token', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_personal_token_user_id'))
    op.drop_table('personal_token')
