"""Reminder emails a learner chooses: gentle course reminders and a plan for a school meeting."""
