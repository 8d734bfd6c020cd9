"""the LTI 1.3 tool

Platforms registered by admins (issuer, client id, deployment ids, their login, token and key
set URLs), the tool's own RSA key when no LTI_PRIVATE_KEY setting gives one, the link of a
launched person to their account by (issuer, subject), where each learner's course score goes
(AGS line items), and the short-lived values of the OIDC handshake (states, one-time nonces,
launches, one-time links), issue 20 part 3. New tables only.

Revision ID: 3f1a2b7c9d10
Revises: a3f8e1c2d7b4
Create Date: 2026-12-06 09:12:22.185521

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '3f1a2b7c9d10'
down_revision = 'a3f8e1c2d7b4'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('lti_launch_value',
    sa.Column('key', sa.String(length=255), nullable=False),
    sa.Column('value', sa.JSON(), nullable=True),
    sa.Column('expires_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('key', name=op.f('pk_lti_launch_value'))
    )
    with op.batch_alter_table('lti_launch_value', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_lti_launch_value_expires_at'), ['expires_at'], unique=False)

    op.create_table('lti_platform',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=120), nullable=False),
    sa.Column('issuer', sa.String(length=255), nullable=False),
    sa.Column('client_id', sa.String(length=255), nullable=False),
    sa.Column('deployment_ids', sa.JSON(), nullable=False),
    sa.Column('auth_login_url', sa.String(length=500), nullable=False),
    sa.Column('auth_token_url', sa.String(length=500), nullable=False),
    sa.Column('key_set_url', sa.String(length=500), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_lti_platform')),
    sa.UniqueConstraint('issuer', 'client_id', name=op.f('uq_lti_platform_issuer_client_id'))
    )
    with op.batch_alter_table('lti_platform', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_lti_platform_issuer'), ['issuer'], unique=False)

    op.create_table('lti_tool_key',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('kid', sa.String(length=64), nullable=False),
    sa.Column('private_pem', sa.Text(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_lti_tool_key')),
    sa.UniqueConstraint('kid', name=op.f('uq_lti_tool_key_kid'))
    )
    op.create_table('lti_account',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('issuer', sa.String(length=255), nullable=False),
    sa.Column('subject', sa.String(length=255), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['user_id'], ['user.id'], name=op.f('fk_lti_account_user_id_user'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_lti_account')),
    sa.UniqueConstraint('issuer', 'subject', name=op.f('uq_lti_account_issuer_subject'))
    )
    with op.batch_alter_table('lti_account', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_lti_account_user_id'), ['user_id'], unique=False)

    op.create_table('lti_grade_link',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('platform_id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('course_id', sa.Integer(), nullable=False),
    sa.Column('resource_link_id', sa.String(length=255), nullable=False),
    sa.Column('module_slug', sa.String(length=120), nullable=True),
    sa.Column('lineitem_url', sa.String(length=500), nullable=False),
    sa.Column('scopes', sa.JSON(), nullable=False),
    sa.Column('sent_at', sa.DateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['course_id'], ['course.id'], name=op.f('fk_lti_grade_link_course_id_course'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['platform_id'], ['lti_platform.id'], name=op.f('fk_lti_grade_link_platform_id_lti_platform'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['user_id'], ['user.id'], name=op.f('fk_lti_grade_link_user_id_user'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_lti_grade_link')),
    sa.UniqueConstraint('platform_id', 'user_id', 'lineitem_url', name=op.f('uq_lti_grade_link_platform_id_user_id_lineitem_url'))
    )
    with op.batch_alter_table('lti_grade_link', schema=None) as batch_op:
        batch_op.create_index('ix_lti_grade_link_learner', ['user_id', 'course_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_lti_grade_link_platform_id'), ['platform_id'], unique=False)



def downgrade():
    with op.batch_alter_table('lti_grade_link', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_lti_grade_link_platform_id'))
        batch_op.drop_index('ix_lti_grade_link_learner')

    op.drop_table('lti_grade_link')
    with op.batch_alter_table('lti_account', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_lti_account_user_id'))

    op.drop_table('lti_account')
    op.drop_table('lti_tool_key')
    with op.batch_alter_table('lti_platform', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_lti_platform_issuer'))

    op.drop_table('lti_platform')
    with op.batch_alter_table('lti_launch_value', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_lti_launch_value_expires_at'))

    op.drop_table('lti_launch_value')
