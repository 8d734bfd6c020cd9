"""guest progress: a visitor's steps kept for one device until they join an account

Three small tables apart from the account's progress, so reports and tallies count accounts
only: guest (found by the SHA-256 of its cookie's token, no personal data), and its lessons done
and quiz attempts. Deleted when they join an account, or after 90 days without a visit.

Revision ID: d4a2b7c8e914
Revises: 7a3d9c4e2b15
Create Date: 2026-12-02 01:00:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'd4a2b7c8e914'
down_revision = '7a3d9c4e2b15'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('guest',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('token_hash', sa.String(length=64), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('last_seen_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('last_lesson_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['last_lesson_id'], ['lesson.id'], name=op.f('fk_guest_last_lesson_id_lesson')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_guest')),
    sa.UniqueConstraint('token_hash', name=op.f('uq_guest_token_hash'))
    )
    with op.batch_alter_table('guest', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_guest_last_seen_at'), ['last_seen_at'], unique=False)

    op.create_table('guest_lesson_completion',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('guest_id', sa.Integer(), nullable=False),
    sa.Column('lesson_id', sa.Integer(), nullable=False),
    sa.Column('completed_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['guest_id'], ['guest.id'], name=op.f('fk_guest_lesson_completion_guest_id_guest'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['lesson_id'], ['lesson.id'], name=op.f('fk_guest_lesson_completion_lesson_id_lesson')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_guest_lesson_completion')),
    sa.UniqueConstraint('guest_id', 'lesson_id', name=op.f('uq_guest_lesson_completion_guest_id_lesson_id'))
    )
    op.create_table('guest_quiz_attempt',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('guest_id', sa.Integer(), nullable=False),
    sa.Column('quiz_id', sa.Integer(), nullable=False),
    sa.Column('submitted_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('score', sa.Integer(), nullable=False),
    sa.Column('passed', sa.Boolean(), nullable=False),
    sa.Column('answers', sa.JSON(), nullable=False),
    sa.ForeignKeyConstraint(['guest_id'], ['guest.id'], name=op.f('fk_guest_quiz_attempt_guest_id_guest'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['quiz_id'], ['quiz.id'], name=op.f('fk_guest_quiz_attempt_quiz_id_quiz')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_guest_quiz_attempt'))
    )
    with op.batch_alter_table('guest_quiz_attempt', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_guest_quiz_attempt_guest_id'), ['guest_id'], unique=False)


def downgrade():
    with op.batch_alter_table('guest_quiz_attempt', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_guest_quiz_attempt_guest_id'))
    op.drop_table('guest_quiz_attempt')
    op.drop_table('guest_lesson_completion')
    with op.batch_alter_table('guest', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_guest_last_seen_at'))
    op.drop_table('guest')
