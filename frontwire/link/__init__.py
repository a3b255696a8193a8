"""frontwire.link."""
