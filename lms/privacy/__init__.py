"""A learner's own data: download everything held about them, and delete the account."""
