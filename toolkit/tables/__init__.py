"""Tables: extracted records -> pandas DataFrames with the contract's columns and dtypes.

``corpus`` runs the extraction pipeline over read articles and holds the result (``load``,
``parse_text``, ``Corpus``); ``frames`` builds each table; ``views`` derives the analyst views
the notebooks chart. Nothing here imports matplotlib or ipywidgets.
"""
