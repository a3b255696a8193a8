"""The situation report: a brief of one period, made from the store, that opens offline.

``scope`` fixes the period and filters, ``queries`` reads the figures from the store,
``figures`` turns them into the report's sections (every number with the events behind
it), ``svg_map`` and ``svg_timeline`` draw the pictures, ``render`` writes HTML or
Markdown from the templates, ``pdf`` prints the HTML through Chromium, and ``route``
serves ``/report``. Nothing is imported here, so ``frontwire --help`` stays quick.
"""
