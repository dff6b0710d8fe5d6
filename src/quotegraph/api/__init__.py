"""quotegraph.api."""
