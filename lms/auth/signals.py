"""What the accounts feature tells the others, so it need not know them."""
from blinker import Namespace

_signals = Namespace()

# Sent when a person arrives signed in (log-in, finished sign-up), with what they chose to do
# before: `complete`, the slug of a lesson they pressed "Mark as complete" on as a visitor, and
# `next_url`, where they are going. A receiver may return a page of its own to show first.
arrived = _signals.signal("arrived")
