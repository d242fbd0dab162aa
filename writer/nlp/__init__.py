"""The NLP layer: the spaCy pipeline (loaded once, lazily) and the detectors."""
