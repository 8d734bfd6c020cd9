"""The certificate pages, in two files: what a holder does (holder.py) and what a verifier
checks (verification.py). Importing this package registers both on the blueprint."""
from lms.certificates.blueprint import bp
from lms.certificates.views import holder, verification

__all__ = ["bp", "holder", "verification"]
