"""The layout stage: positioned text -> printed lines of cells -> logical rows.

Readers hand over what they found where (PDF runs with their boxes, the
characters of a space-aligned text at their columns, TAB cells); the modules
here turn it into the rows of the document model. Nothing after this stage
looks at a character position.
"""
