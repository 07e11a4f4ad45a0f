# --8<-- [start:v1-log-levels]
import logging

import azure.functions as func

logger = logging.getLogger(__name__)
# Python drops records below the logger's level before any handler sees them; host.json's
# logging.logLevel then decides which of the records that reach the host it keeps.
logger.setLevel(logging.DEBUG)


def main(req: func.HttpRequest) -> func.HttpResponse:
    logger.debug("Debug: kept only where host.json lowers this function's level")
    logger.info("Info: the host's default level keeps it")
    logger.warning("Warning: something looks wrong, the function goes on")
    logger.error("Error: this request failed in part")
    return func.HttpResponse("logged at four levels")


# --8<-- [end:v1-log-levels]
