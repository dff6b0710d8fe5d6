"""quotegraph.web."""
