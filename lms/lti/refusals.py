"""What a person is told when a launch is refused. pylti1p3 explains a refusal in developer's
English; the reader gets one of a few plain sentences, and the log keeps the explanation."""
from __future__ import annotations

from pylti1p3.exception import LtiInvalidNonceException, LtiKeyException, OIDCException

from lms.refusal import N_

UNKNOWN_PLATFORM = N_("This learning platform is not registered with us, so we cannot accept "
                      "its launch. Its administrator can register it.")
UNKNOWN_DEPLOYMENT = N_("This installation of the tool in your learning platform is not "
                        "registered with us. Its administrator can add its deployment ID.")
USED = N_("This launch was already used or has expired. Open the link again from your "
          "learning platform.")
NOT_VERIFIED = N_("We could not verify that this launch comes from your learning platform "
                  "(its signature or its time is not valid). Open the link again from the "
                  "platform; if it happens again, tell its administrator.")
UNREACHABLE = N_("We could not reach your learning platform to check this launch. Please try "
                 "again in a minute.")
INCOMPLETE = N_("The launch from your learning platform was incomplete. Open the link again "
                "from the platform.")


def refusal_message(error: Exception) -> str:
    """The msgid that explains a refused login or launch."""
    text = str(error)
    if ("Registration not found" in text or "Could not find registration" in text
            or "Client id not registered" in text):
        return UNKNOWN_PLATFORM
    if "deployment" in text.lower():
        return UNKNOWN_DEPLOYMENT
    if isinstance(error, LtiInvalidNonceException) or "State not found" in text:
        return USED
    if "fetching the public key" in text:  # its key set did not answer, or not with JSON
        return UNREACHABLE
    if isinstance(error, LtiKeyException) or "decode id_token" in text or "JWT" in text:
        return NOT_VERIFIED
    if isinstance(error, OIDCException):
        return INCOMPLETE
    return INCOMPLETE
