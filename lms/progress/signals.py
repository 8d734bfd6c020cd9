"""What the progress feature tells the others, so it need not know them."""
from blinker import Namespace

_signals = Namespace()

# Each is sent inside the transaction that makes the change: a receiver queues its work with
# lms.queue.after_commit (so a change rolled back does nothing), never does it there.

# A course's completion was recorded: `user_id`, `course_id` and the `enrolment`.
course_completed = _signals.signal("course-completed")
# A learner's first step in a course created their `enrolment`.
enrolment_started = _signals.signal("enrolment-started")
