"""What one feature announces to the others (blinker signals), so the one that announces names
none of those that listen: progress sends; webhooks and the LTI tool listen."""
from blinker import Namespace

_signals = Namespace()

# Each is sent inside the transaction that makes the change: a receiver queues its work with
# lms.queue.after_commit (so a change rolled back does nothing), never does it there.

# A course's completion was recorded: `user_id`, `course_id` and the `enrolment`.
course_completed = _signals.signal("course-completed")
# A learner's first step in a course created their `enrolment`.
enrolment_started = _signals.signal("enrolment-started")
