"""The courses as learners find and read them: which courses there are and the course a URL
names (listing.py), the snapshot of each published version and its per-process cache, the
handout PDFs and their task. Above lms.content (which reads course files into the models) and
lms.courses (the models and Markdown), which import nothing from here."""
