"""The app's helpers for sending e-mail, in a package named like the standard library's."""


def send_welcome(address: str) -> str:
    return f"Welcome mail queued for {address}"
