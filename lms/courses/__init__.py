"""The course as learners read it: models, Markdown rendering, public pages, handouts."""
