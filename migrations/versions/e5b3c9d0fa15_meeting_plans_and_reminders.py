"""meeting plans and reminder emails

lesson.before_meeting and resource.before_meeting mark what a learner's "Before your meeting"
plan suggests (front matter `before_meeting: true`). user.reminder_emails is the learner's
choice of gentle reminders (off unless chosen). meeting_plan holds a learner's one upcoming
meeting with the school; course_reminder counts the reminders sent about an unfinished course,
and is the row the worker claims so that no reminder goes twice.

Revision ID: e5b3c9d0fa15
Revises: d4a2b7c8e914
Create Date: 2026-12-02 01:00:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'e5b3c9d0fa15'
down_revision = 'd4a2b7c8e914'
branch_labels = None
depends_on = None


def upgrade():
    for table in ('lesson', 'resource'):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.add_column(sa.Column('before_meeting', sa.Boolean(),
                                          server_default=sa.false(), nullable=False))
    with op.batch_alter_table('user', schema=None) as batch_op:
        batch_op.add_column(sa.Column('reminder_emails', sa.Boolean(),
                                      server_default=sa.false(), nullable=False))

    op.create_table('meeting_plan',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('meeting_on', sa.Date(), nullable=False),
    sa.Column('kind', sa.Enum('iep', '504', 'incident', name='meetingkind',
                              native_enum=False, length=20), nullable=False),
    sa.Column('remind', sa.Boolean(), server_default=sa.false(), nullable=False),
    sa.Column('reminded_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['user_id'], ['user.id'], name=op.f('fk_meeting_plan_user_id_user'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_meeting_plan')),
    sa.UniqueConstraint('user_id', name=op.f('uq_meeting_plan_user_id'))
    )
    op.create_table('course_reminder',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('course_id', sa.Integer(), nullable=False),
    sa.Column('sent_count', sa.Integer(), nullable=False),
    sa.Column('last_sent_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['course_id'], ['course.id'], name=op.f('fk_course_reminder_course_id_course')),
    sa.ForeignKeyConstraint(['user_id'], ['user.id'], name=op.f('fk_course_reminder_user_id_user'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_course_reminder')),
    sa.UniqueConstraint('user_id', 'course_id', name=op.f('uq_course_reminder_user_id_course_id'))
    )
    with op.batch_alter_table('course_reminder', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_course_reminder_user_id'), ['user_id'], unique=False)


def downgrade():
    with op.batch_alter_table('course_reminder', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_course_reminder_user_id'))
    op.drop_table('course_reminder')
    op.drop_table('meeting_plan')
    with op.batch_alter_table('user', schema=None) as batch_op:
        batch_op.drop_column('reminder_emails')
    for table in ('resource', 'lesson'):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_column('before_meeting')
