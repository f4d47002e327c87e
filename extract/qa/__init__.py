"""QA commands over extraction runs: `diff`, `inspect`, `report`."""
