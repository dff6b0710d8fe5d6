"""quotegraph.evaluation."""
