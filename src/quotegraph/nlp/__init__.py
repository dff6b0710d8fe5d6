"""quotegraph.nlp."""
