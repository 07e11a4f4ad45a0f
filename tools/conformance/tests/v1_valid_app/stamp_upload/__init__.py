import logging

import azure.functions as func


def main(upload: func.InputStream, footer: bytes, stamped: func.Out[bytes]) -> None:
    logging.info("blob %s from %s", upload.name, upload.uri)
    stamped.set(upload.read().upper() + b"\n" + (footer or b"(no footer)"))
