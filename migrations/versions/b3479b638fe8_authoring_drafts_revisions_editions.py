"""authoring: course drafts, revisions and editions

Revision ID: b3479b638fe8
Revises: 8e65ad773ec0
Create Date: 2026-11-29 10:37:21.004644

"""
from alembic import op
import sqlalchemy as sa


revision = 'b3479b638fe8'
down_revision = '8e65ad773ec0'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'course_draft',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('course_id', sa.Integer(), nullable=False),
        sa.Column('data', sa.JSON(), nullable=False),
        sa.Column('version', sa.Integer(), nullable=False),
        sa.Column('created_by', sa.Integer(), nullable=True),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(['course_id'], ['course.id'],
                                name=op.f('fk_course_draft_course_id_course')),
        sa.ForeignKeyConstraint(['created_by'], ['user.id'],
                                name=op.f('fk_course_draft_created_by_user'), ondelete='SET NULL'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_course_draft')),
        sa.UniqueConstraint('course_id', name=op.f('uq_course_draft_course_id')),
    )
    op.create_table(
        'edition',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('course_id', sa.Integer(), nullable=False),
        sa.Column('edition', sa.String(length=40), nullable=False),
        sa.Column('note', sa.Text(), nullable=False),
        sa.Column('published_by', sa.Integer(), nullable=True),
        sa.Column('published_at', sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(['course_id'], ['course.id'],
                                name=op.f('fk_edition_course_id_course')),
        sa.ForeignKeyConstraint(['published_by'], ['user.id'],
                                name=op.f('fk_edition_published_by_user'), ondelete='SET NULL'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_edition')),
        sa.UniqueConstraint('course_id', 'edition', name=op.f('uq_edition_course_id_edition')),
    )
    op.create_index(op.f('ix_edition_course_id'), 'edition', ['course_id'], unique=False)
    op.create_table(
        'revision',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('course_id', sa.Integer(), nullable=False),
        sa.Column('kind', sa.String(length=10), nullable=False),
        sa.Column('slug', sa.String(length=80), nullable=False),
        sa.Column('number', sa.Integer(), nullable=False),
        sa.Column('content', sa.JSON(), nullable=False),
        sa.Column('author_id', sa.Integer(), nullable=True),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('note', sa.String(length=200), nullable=False),
        sa.ForeignKeyConstraint(['author_id'], ['user.id'],
                                name=op.f('fk_revision_author_id_user'), ondelete='SET NULL'),
        sa.ForeignKeyConstraint(['course_id'], ['course.id'],
                                name=op.f('fk_revision_course_id_course')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_revision')),
        sa.UniqueConstraint('course_id', 'kind', 'slug', 'number',
                            name=op.f('uq_revision_course_id_kind_slug_number')),
    )


def downgrade():
    op.drop_table('revision')
    op.drop_index(op.f('ix_edition_course_id'), table_name='edition')
    op.drop_table('edition')
    op.drop_table('course_draft')
