"""The learner pages: one URL space over the catalogue (courses) and the rules (progress)."""
