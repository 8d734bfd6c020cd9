"""What the progress feature tells the others, so it need not know them."""
from blinker import Namespace

_signals = Namespace()

# Sent inside the transaction that records a course's completion, with `user_id` and
# `course_id`: a receiver queues its work with lms.queue.after_commit, never does it there.
course_completed = _signals.signal("course-completed")
