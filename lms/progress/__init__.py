"""Learner progress: completions, quiz attempts, the completion rule, "My learning"."""
