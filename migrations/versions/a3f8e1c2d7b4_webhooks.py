"""webhooks: endpoints and their delivery log

webhook_endpoint (URL, events, the sealed signing secret, active, who registered it) and
webhook_delivery (one event sent to one endpoint: message id, payload, attempts, last answer,
state), issue 20 part 2. New tables only: nothing existing changes.

Revision ID: a3f8e1c2d7b4
Revises: c9d2e7a41f06
Create Date: 2026-12-06 09:30:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'a3f8e1c2d7b4'
down_revision = 'c9d2e7a41f06'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'webhook_endpoint',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('url', sa.String(length=2000), nullable=False),
        sa.Column('description', sa.String(length=200), nullable=False),
        sa.Column('sealed_secret', sa.Text(), nullable=False),
        sa.Column('events', sa.String(length=200), nullable=False),
        sa.Column('include_email', sa.Boolean(), nullable=False),
        sa.Column('active', sa.Boolean(), nullable=False),
        sa.Column('created_by_id', sa.Integer(), nullable=True),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('secret_rotated_at', sa.DateTime(timezone=True),
                  nullable=True),
        sa.ForeignKeyConstraint(['created_by_id'], ['user.id'], ondelete='SET NULL'),
        sa.PrimaryKeyConstraint('id'),
    )
    op.create_table(
        'webhook_delivery',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('event_id', sa.String(length=40), nullable=False),
        sa.Column('event_type', sa.String(length=40), nullable=False),
        sa.Column('payload', sa.JSON(), nullable=False),
        sa.Column('endpoint_id', sa.Integer(), nullable=False),
        sa.Column('learner_id', sa.Integer(), nullable=True),
        sa.Column('state', sa.Enum('pending', 'succeeded', 'failed', name='deliverystate',
                                   native_enum=False, length=20), nullable=False),
        sa.Column('attempts', sa.Integer(), nullable=False),
        sa.Column('last_status', sa.Integer(), nullable=True),
        sa.Column('last_error', sa.String(length=500), nullable=False),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('last_attempt_at', sa.DateTime(timezone=True), nullable=True),
        sa.Column('finished_at', sa.DateTime(timezone=True), nullable=True),
        sa.Column('replay_of_id', sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(['endpoint_id'], ['webhook_endpoint.id'], ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['replay_of_id'], ['webhook_delivery.id'], ondelete='SET NULL'),
        sa.PrimaryKeyConstraint('id'),
    )
    with op.batch_alter_table('webhook_delivery', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_webhook_delivery_endpoint_id'), ['endpoint_id'],
                              unique=False)
        batch_op.create_index(batch_op.f('ix_webhook_delivery_event_id'), ['event_id'],
                              unique=False)
        batch_op.create_index(batch_op.f('ix_webhook_delivery_learner_id'), ['learner_id'],
                              unique=False)


def downgrade():
    with op.batch_alter_table('webhook_delivery', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_webhook_delivery_learner_id'))
        batch_op.drop_index(batch_op.f('ix_webhook_delivery_event_id'))
        batch_op.drop_index(batch_op.f('ix_webhook_delivery_endpoint_id'))
    op.drop_table('webhook_delivery')
    op.drop_table('webhook_endpoint')
