# --8<-- [start:messages]
MISSING_NAME = 'Pass a name in the query string (?name=Ada) or in a JSON body ({"name": "Ada"}).'


def greeting(name: str) -> str:
    return f"Hello, {name}!"


# --8<-- [end:messages]
