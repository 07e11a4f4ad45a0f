# --8<-- [start:double-helper]
def double(value: int) -> int:
    """Return twice the value."""
    return value * 2


# --8<-- [end:double-helper]
