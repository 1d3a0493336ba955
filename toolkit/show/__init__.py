"""Presentation: DataFrames -> matplotlib charts, ipywidgets explorers and the HTML report.

``charts`` draws on an optional Axes and returns it, ``widgets`` only wires charts to
controls, ``report`` executes the curated notebooks and exports them as HTML. Nothing here
reads files of articles or runs an extractor itself.
"""
