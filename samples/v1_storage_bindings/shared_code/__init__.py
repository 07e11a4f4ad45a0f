"""Code the functions share, with no trigger of its own: the worker never indexes it."""
