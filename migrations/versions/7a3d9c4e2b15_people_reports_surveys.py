"""people, reports and surveys: account deactivation, the audit log, first quiz passes,
numbered attempts, the reports' running counts, optional survey answers

user.active lets an admin deactivate an account. quiz_attempt.attempt_number and quiz_pass let
the reports read first attempts and first passes without scanning every retry (a partial index
holds the first attempts only). audit_event is the admins' log; survey_answer holds the
optional answers apart from progress. report_tally holds the running counts the reports sum,
counted here from the progress already kept.

Revision ID: 7a3d9c4e2b15
Revises: 7a4d9c2e6b13
Create Date: 2026-12-01 21:10:00.000000

"""
from alembic import op
import sqlalchemy as sa

# The one definition of how the counts are made from progress, shared with
# `flask reports rebuild-tallies`: the counts must mean the same whichever made them.
from lms.progress.tallies import rebuild_tallies


# revision identifiers, used by Alembic.
revision = '7a3d9c4e2b15'
down_revision = '7a4d9c2e6b13'
branch_labels = None
depends_on = None

FIRST_ATTEMPT = sa.text('attempt_number = 1')


def upgrade():
    with op.batch_alter_table('user', schema=None) as batch_op:
        batch_op.add_column(sa.Column('active', sa.Boolean(), server_default=sa.true(),
                                      nullable=False))
    with op.batch_alter_table('quiz_attempt', schema=None) as batch_op:
        batch_op.add_column(sa.Column('attempt_number', sa.Integer(), server_default='1',
                                      nullable=False))
    # Number the attempts already kept, in the order they were made (portable SQL).
    op.execute("""
        UPDATE quiz_attempt SET attempt_number = (
            SELECT count(*) FROM quiz_attempt AS earlier
            WHERE earlier.user_id = quiz_attempt.user_id
              AND earlier.quiz_id = quiz_attempt.quiz_id AND earlier.id <= quiz_attempt.id)
    """)
    with op.batch_alter_table('quiz_attempt', schema=None) as batch_op:
        batch_op.create_index('ix_quiz_attempt_first', ['quiz_id', 'submitted_at'],
                              unique=False, sqlite_where=FIRST_ATTEMPT,
                              postgresql_where=FIRST_ATTEMPT)

    op.create_table('quiz_pass',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('quiz_id', sa.Integer(), nullable=False),
    sa.Column('passed_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('attempts', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['quiz_id'], ['quiz.id'], name=op.f('fk_quiz_pass_quiz_id_quiz')),
    sa.ForeignKeyConstraint(['user_id'], ['user.id'], name=op.f('fk_quiz_pass_user_id_user'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_quiz_pass')),
    sa.UniqueConstraint('user_id', 'quiz_id', name=op.f('uq_quiz_pass_user_id_quiz_id'))
    )
    with op.batch_alter_table('quiz_pass', schema=None) as batch_op:
        batch_op.create_index('ix_quiz_pass_quiz_passed_at', ['quiz_id', 'passed_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_quiz_pass_user_id'), ['user_id'], unique=False)
    # Each learner's first passing attempt of each quiz, from the attempts already kept.
    op.execute("""
        INSERT INTO quiz_pass (user_id, quiz_id, passed_at, attempts)
        SELECT user_id, quiz_id, min(submitted_at), min(attempt_number)
        FROM quiz_attempt WHERE passed GROUP BY user_id, quiz_id
    """)

    op.create_table('report_tally',
    sa.Column('measure', sa.String(length=20), nullable=False),
    sa.Column('ref_id', sa.Integer(), nullable=False),
    sa.Column('key', sa.String(length=80), nullable=False),
    sa.Column('bucket', sa.Integer(), nullable=False),
    sa.Column('day', sa.Date(), nullable=False),
    sa.Column('count', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('measure', 'ref_id', 'key', 'bucket', 'day', name=op.f('pk_report_tally'))
    )
    rebuild_tallies(op.get_bind())

    op.create_table('audit_event',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('actor_id', sa.Integer(), nullable=True),
    sa.Column('subject_id', sa.Integer(), nullable=True),
    sa.Column('action', sa.String(length=40), nullable=False),
    sa.Column('detail', sa.String(length=200), nullable=False),
    sa.ForeignKeyConstraint(['actor_id'], ['user.id'], name=op.f('fk_audit_event_actor_id_user'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['subject_id'], ['user.id'], name=op.f('fk_audit_event_subject_id_user'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_audit_event'))
    )
    with op.batch_alter_table('audit_event', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_audit_event_at'), ['at'], unique=False)
        batch_op.create_index(batch_op.f('ix_audit_event_subject_id'), ['subject_id'], unique=False)

    op.create_table('survey_answer',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('usefulness', sa.Integer(), nullable=True),
    sa.Column('knows_rights', sa.String(length=10), nullable=True),
    sa.Column('role', sa.String(length=20), nullable=True),
    sa.Column('state', sa.String(length=2), nullable=True),
    sa.Column('language', sa.String(length=10), nullable=True),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['user_id'], ['user.id'], name=op.f('fk_survey_answer_user_id_user'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_survey_answer')),
    sa.UniqueConstraint('user_id', name=op.f('uq_survey_answer_user_id'))
    )


def downgrade():
    op.drop_table('survey_answer')
    with op.batch_alter_table('audit_event', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_audit_event_subject_id'))
        batch_op.drop_index(batch_op.f('ix_audit_event_at'))
    op.drop_table('audit_event')
    op.drop_table('report_tally')
    with op.batch_alter_table('quiz_pass', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_quiz_pass_user_id'))
        batch_op.drop_index('ix_quiz_pass_quiz_passed_at')
    op.drop_table('quiz_pass')
    with op.batch_alter_table('quiz_attempt', schema=None) as batch_op:
        batch_op.drop_index('ix_quiz_attempt_first')
        batch_op.drop_column('attempt_number')
    with op.batch_alter_table('user', schema=None) as batch_op:
        batch_op.drop_column('active')
