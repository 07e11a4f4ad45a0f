# --8<-- [start:blob-summarize]
import logging

import azure.functions as func

from shared_code import reports


# {name} in the output path (function.json) is the value the trigger's path matched.
def main(upload: func.InputStream, report: func.Out[str]) -> None:
    logging.info("summarize_upload: %s, %s bytes", upload.name, upload.length)
    # upload.name is the blob's path in the account: uploads/<name>.
    report.set(reports.summarize(upload.name, upload.read()))


# --8<-- [end:blob-summarize]
