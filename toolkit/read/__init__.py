"""Reading: paths and raw text -> :class:`~toolkit.records.Article` records.

``readers`` walks inputs and turns each file format into articles, ``clean`` turns markup and
page furniture into plain text and owns the one sentence splitter, and ``lexicon`` is the one
place that reads the analyst-editable vocabulary in ``data/lexicon/``. Nothing here imports an
extractor, pandas or a plotting library.
"""
