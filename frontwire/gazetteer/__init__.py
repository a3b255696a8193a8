"""The offline place index: built at install time (``build``), queried by name (``index``).

See README.md beside this file for the sources and their licences (GeoNames: CC BY 4.0).
"""
