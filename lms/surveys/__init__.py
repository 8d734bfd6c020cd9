"""Optional questions a learner may answer about the course and themselves (never their child)."""
