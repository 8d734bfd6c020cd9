"""The course as published for learners: the snapshot of a published version, its per-process
cache, the handout PDFs and their task. Above lms.content (which reads course files into the
models) and lms.courses (the models and Markdown), which import nothing from here."""
