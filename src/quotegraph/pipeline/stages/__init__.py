"""quotegraph.pipeline.stages."""
