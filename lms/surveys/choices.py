"""The answers each optional question offers, with the words shown to learners and reports.

The words are English here (reports and the data download keep them so); N_ puts them in the
catalog, and the form shows them in the learner's language (lms/surveys/forms.py)."""
from lms.i18n import N_
from lms.surveys.models import KnowsRights, LearnerRole

USEFULNESS = [(5, N_("5 - very useful")), (4, "4"), (3, "3"), (2, "2"), (1, N_("1 - not useful"))]
KNOWS_RIGHTS = [(KnowsRights.YES.value, N_("Yes")), (KnowsRights.NO.value, N_("No")),
                (KnowsRights.UNSURE.value, N_("I am not sure"))]
ROLES = [(LearnerRole.PARENT.value, N_("Parent or caregiver")),
         (LearnerRole.EDUCATOR.value, N_("Educator")),
         (LearnerRole.ADVOCATE.value, N_("Advocate")),
         (LearnerRole.OTHER.value, N_("Other"))]
LANGUAGES = [("en", N_("English")), ("es", N_("Spanish")), ("other", N_("Another language"))]
STATES = [
    ("AL", "Alabama"), ("AK", "Alaska"), ("AZ", "Arizona"), ("AR", "Arkansas"),
    ("CA", "California"), ("CO", "Colorado"), ("CT", "Connecticut"), ("DE", "Delaware"),
    ("DC", N_("District of Columbia")), ("FL", "Florida"), ("GA", "Georgia"), ("HI", "Hawaii"),
    ("ID", "Idaho"), ("IL", "Illinois"), ("IN", "Indiana"), ("IA", "Iowa"), ("KS", "Kansas"),
    ("KY", "Kentucky"), ("LA", "Louisiana"), ("ME", "Maine"), ("MD", "Maryland"),
    ("MA", "Massachusetts"), ("MI", "Michigan"), ("MN", "Minnesota"), ("MS", "Mississippi"),
    ("MO", "Missouri"), ("MT", "Montana"), ("NE", "Nebraska"), ("NV", "Nevada"),
    ("NH", "New Hampshire"), ("NJ", "New Jersey"), ("NM", "New Mexico"), ("NY", "New York"),
    ("NC", "North Carolina"), ("ND", "North Dakota"), ("OH", "Ohio"), ("OK", "Oklahoma"),
    ("OR", "Oregon"), ("PA", "Pennsylvania"), ("RI", "Rhode Island"),
    ("SC", "South Carolina"), ("SD", "South Dakota"), ("TN", "Tennessee"), ("TX", "Texas"),
    ("UT", "Utah"), ("VT", "Vermont"), ("VA", "Virginia"), ("WA", "Washington"),
    ("WV", "West Virginia"), ("WI", "Wisconsin"), ("WY", "Wyoming"),
    ("AS", N_("American Samoa")), ("GU", "Guam"), ("MP", N_("Northern Mariana Islands")),
    ("PR", "Puerto Rico"), ("VI", N_("U.S. Virgin Islands")),
    ("XX", N_("Outside the United States")),
]
# Label of each stored value, per question, for the reports and the data download.
LABELS = {
    "usefulness": {str(value): label for value, label in USEFULNESS},
    "knows_rights": dict(KNOWS_RIGHTS),
    "role": dict(ROLES),
    "state": dict(STATES),
    "language": dict(LANGUAGES),
}
