"""The course records: models and Markdown rendering. What learners read, published, is in
lms.catalogue."""
