"""The status labels a generated grid prints, by the category each names."""

# The samples' labels first, then plausible others.
LABELS = {
    "completed": [
        "Project completed", "Milestone completed", "Completed", "Complete",
        "Action completed", "Actions Completed",
    ],
    "on_target": [
        "Project on target", "Milestone on target", "On Target", "On target",
        "Action on target",
    ],
    "attention": [
        "Project Timeline/scope/target date requires attention. Alterations "
        "considered by leadership team",
        "Milestone/timeline/scope/target date requires attention.",
        "Project scope/target date requires attention. Alterations considered "
        "by Leadership Team.",
        "Requires Attention", "Project requires attention",
    ],
    "amendment": [
        "Project requires amendment. Alterations considered by Cabinet.",
        "Requires Amendment",
    ],
    "aborted": [
        "Project aborted/ closed", "Project aborted/closed", "Aborted/Closed",
        "Closed", "Project aborted",
    ],
    "no_rating": ["No Rating", "Not Yet Due", "Not yet due", "Not Rated"],
    "total": ["TOTAL", "Total"],
}  # fmt: skip
# Labels of a column that name no category of the contract.
UNKNOWN = ["Not on target", "Delayed", "On track", "Needs attention", "Cancelled",
           "In progress", "Project slipped"]  # fmt: skip
MAIN = ["completed", "on_target", "attention", "amendment", "aborted"]
LAST = ("no_rating", "total")
