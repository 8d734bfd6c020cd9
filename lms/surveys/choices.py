"""The answers each optional question offers, with the words shown to learners and reports."""
from lms.surveys.models import KnowsRights, LearnerRole

USEFULNESS = [(5, "5 - very useful"), (4, "4"), (3, "3"), (2, "2"), (1, "1 - not useful")]
KNOWS_RIGHTS = [(KnowsRights.YES.value, "Yes"), (KnowsRights.NO.value, "No"),
                (KnowsRights.UNSURE.value, "I am not sure")]
ROLES = [(LearnerRole.PARENT.value, "Parent or caregiver"),
         (LearnerRole.EDUCATOR.value, "Educator"),
         (LearnerRole.ADVOCATE.value, "Advocate"),
         (LearnerRole.OTHER.value, "Other")]
LANGUAGES = [("en", "English"), ("es", "Spanish"), ("other", "Another language")]
STATES = [
    ("AL", "Alabama"), ("AK", "Alaska"), ("AZ", "Arizona"), ("AR", "Arkansas"),
    ("CA", "California"), ("CO", "Colorado"), ("CT", "Connecticut"), ("DE", "Delaware"),
    ("DC", "District of Columbia"), ("FL", "Florida"), ("GA", "Georgia"), ("HI", "Hawaii"),
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
    ("AS", "American Samoa"), ("GU", "Guam"), ("MP", "Northern Mariana Islands"),
    ("PR", "Puerto Rico"), ("VI", "U.S. Virgin Islands"), ("XX", "Outside the United States"),
]
# Label of each stored value, per question, for the reports and the data download.
LABELS = {
    "usefulness": {str(value): label for value, label in USEFULNESS},
    "knows_rights": dict(KNOWS_RIGHTS),
    "role": dict(ROLES),
    "state": dict(STATES),
    "language": dict(LANGUAGES),
}
