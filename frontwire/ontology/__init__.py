"""frontwire.ontology."""
