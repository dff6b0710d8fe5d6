"""quotegraph.ingest."""
