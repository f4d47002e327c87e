"""Generated tables read by the whole pipeline and checked exactly.

Each module generates documents of one table kind, as pdftotext prints them,
with the truth of every cell, and checks the pipeline's reading of them: every
record produced has the generated value for its key, and every generated value
not produced lies under an issue. kpi.py holds KPI grids, actions.py action
and milestone tables, status.py status summary grids;
`python -m qa.table_fuzz.run` runs them (see run.py).
"""
