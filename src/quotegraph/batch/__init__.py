"""quotegraph.batch."""
