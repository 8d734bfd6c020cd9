"""content translations: the course's text in Spanish (issue 15)

translation: one row per translated item (kind + English slug + language), its text as JSON
and the SHA-256 of the English text it was written from, so a changed English text shows the
translation as "needs updating".

Revision ID: f6c4d0e1ab16
Revises: c3e1f0a9b713
Create Date: 2026-12-02 01:45:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'f6c4d0e1ab16'
down_revision = 'c3e1f0a9b713'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('translation',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('course_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('slug', sa.String(length=80), nullable=False),
    sa.Column('language', sa.String(length=10), nullable=False),
    sa.Column('fields', sa.JSON(), nullable=False),
    sa.Column('source_sha256', sa.String(length=64), nullable=False),
    sa.ForeignKeyConstraint(['course_id'], ['course.id'], name=op.f('fk_translation_course_id_course')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_translation')),
    sa.UniqueConstraint('course_id', 'kind', 'slug', 'language', name=op.f('uq_translation_course_id_kind_slug_language'))
    )
    with op.batch_alter_table('translation', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_translation_course_id'), ['course_id'], unique=False)


def downgrade():
    with op.batch_alter_table('translation', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_translation_course_id'))
    op.drop_table('translation')
