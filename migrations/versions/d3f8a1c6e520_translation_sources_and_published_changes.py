"""English sources of translations, and what each publish changed (issue 23 item 3)

english_source: the English text (as lines) of a translated item, by the hash a translation
records as its source_sha256, so the Spanish editor shows what changed in the English since
the Spanish was written. published_change: each item a publish changed, with its text before
and after, so the publish summary links each item to its diff. Both start empty: translations
written before this migration show the current English only, until saved or confirmed again.

Revision ID: d3f8a1c6e520
Revises: a4f1c8e2d7b9
Create Date: 2026-12-06 09:30:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'd3f8a1c6e520'
down_revision = 'a4f1c8e2d7b9'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('english_source',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('course_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('slug', sa.String(length=80), nullable=False),
    sa.Column('sha256', sa.String(length=64), nullable=False),
    sa.Column('lines', sa.JSON(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['course_id'], ['course.id'], name=op.f('fk_english_source_course_id_course')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_english_source')),
    sa.UniqueConstraint('course_id', 'kind', 'slug', 'sha256', name=op.f('uq_english_source_course_id_kind_slug_sha256'))
    )
    op.create_table('published_change',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('course_id', sa.Integer(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('slug', sa.String(length=80), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('change', sa.String(length=10), nullable=False),
    sa.Column('before', sa.JSON(), nullable=False),
    sa.Column('after', sa.JSON(), nullable=False),
    sa.Column('published_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['course_id'], ['course.id'], name=op.f('fk_published_change_course_id_course')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_published_change'))
    )
    with op.batch_alter_table('published_change', schema=None) as batch_op:
        batch_op.create_index('ix_published_change_course_id_version', ['course_id', 'version'], unique=False)


def downgrade():
    with op.batch_alter_table('published_change', schema=None) as batch_op:
        batch_op.drop_index('ix_published_change_course_id_version')
    op.drop_table('published_change')
    op.drop_table('english_source')
