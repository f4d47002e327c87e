"""The block stage: rows of a document grouped into tables, prose and lists."""
