"""Code both observability samples share: settings, telemetry, the per-process cache, temp files.

The v2 sample (samples/observability) and the v1 sample (samples/v1_observability) keep
identical copies of this package; only the function entry points differ.
"""
