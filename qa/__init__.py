"""Developer checks that run reportx over generated reports."""
