"""quotegraph.store."""
