"""Self-consistency check of the PDF text forms against the TAB text.

Fuzzed reports are printed as PDFs and turned into text; every form is read by
`reportx extract` and its tables compared with the TAB text's reading of the
same report. `python -m qa.consistency.run` runs it (see run.py),
`python -m qa.consistency.summary` prints a run's summary and
`python -m qa.consistency.newdiffs` lists what one run finds that another does not.
"""
