"""Cover sheets: what a report says about itself (title, dates, meeting, publisher)."""
