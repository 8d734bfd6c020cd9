"""What the accounts feature tells the others, so it need not know them."""
from blinker import Namespace

_signals = Namespace()

# Sent when a person arrives signed in (log-in, finished sign-up), with what they chose to do
# before: `complete`, the slug of a lesson they pressed "Mark as complete" on as a visitor.
arrived = _signals.signal("arrived")
