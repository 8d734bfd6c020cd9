"""course catalogue

A catalogue of courses (issue 19): each course says who it is for, whether the catalogue lists
it (draft, listed, unlisted, archived) and where; trainers are staff of particular courses.
Existing trainers become staff of every existing course, so nobody loses access on upgrade.
A guest's place (the lesson opened last) is kept per course, copied from the one place a guest
had.

Revision ID: b8e6f3a4cd18
Revises: a7d5e1f2bc17
Create Date: 2026-12-06 06:40:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'b8e6f3a4cd18'
down_revision = 'a7d5e1f2bc17'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('course', schema=None) as batch_op:
        batch_op.add_column(sa.Column('audience', sa.Text(), server_default='', nullable=False))
        batch_op.add_column(sa.Column('visibility', sa.Enum(
            'draft', 'listed', 'unlisted', 'archived', name='visibility', native_enum=False,
            length=20), server_default='listed', nullable=False))
        batch_op.add_column(sa.Column('position', sa.Integer(), server_default='0',
                                      nullable=False))
    op.create_table(
        'course_staff',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('course_id', sa.Integer(), nullable=False),
        sa.Column('user_id', sa.Integer(), nullable=False),
        sa.Column('added_at', sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(['course_id'], ['course.id'], ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['user_id'], ['user.id'], ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id'),
        sa.UniqueConstraint('course_id', 'user_id'),
    )
    with op.batch_alter_table('course_staff', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_course_staff_user_id'), ['user_id'], unique=False)
    op.execute("INSERT INTO course_staff (course_id, user_id, added_at) "
               "SELECT course.id, \"user\".id, CURRENT_TIMESTAMP FROM course, \"user\" "
               "WHERE \"user\".role = 'trainer'")
    op.create_table(
        'guest_place',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('guest_id', sa.Integer(), nullable=False),
        sa.Column('course_id', sa.Integer(), nullable=False),
        sa.Column('last_lesson_id', sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(['course_id'], ['course.id'], ),
        sa.ForeignKeyConstraint(['guest_id'], ['guest.id'], ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['last_lesson_id'], ['lesson.id'], ),
        sa.PrimaryKeyConstraint('id'),
        sa.UniqueConstraint('guest_id', 'course_id'),
    )
    op.execute("INSERT INTO guest_place (guest_id, course_id, last_lesson_id) "
               "SELECT guest.id, lesson.course_id, guest.last_lesson_id FROM guest "
               "JOIN lesson ON lesson.id = guest.last_lesson_id")
    with op.batch_alter_table('guest', schema=None) as batch_op:
        batch_op.drop_column('last_lesson_id')


def downgrade():
    with op.batch_alter_table('guest', schema=None) as batch_op:
        batch_op.add_column(sa.Column('last_lesson_id', sa.Integer(), nullable=True))
        batch_op.create_foreign_key('fk_guest_last_lesson_id_lesson', 'lesson',
                                    ['last_lesson_id'], ['id'])
    op.execute("UPDATE guest SET last_lesson_id = (SELECT last_lesson_id FROM guest_place "
               "WHERE guest_place.guest_id = guest.id ORDER BY guest_place.id DESC LIMIT 1)")
    op.drop_table('guest_place')
    with op.batch_alter_table('course_staff', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_course_staff_user_id'))
    op.drop_table('course_staff')
    with op.batch_alter_table('course', schema=None) as batch_op:
        batch_op.drop_column('position')
        batch_op.drop_column('visibility')
        batch_op.drop_column('audience')
