"""frontwire.evaluate."""
