"""frontwire.gazetteer."""
