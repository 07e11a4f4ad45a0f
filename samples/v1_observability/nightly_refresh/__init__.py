# --8<-- [start:v1-timer-retry]
import logging

import azure.functions as func

from observability_kit import catalogue

logger = logging.getLogger(__name__)


def main(timer: func.TimerRequest, context: func.Context) -> None:
    retry = context.retry_context
    if retry.retry_count:
        logger.warning("Retry %d of %d", retry.retry_count, retry.max_retry_count)
    catalogue.forget_catalogue()
    items = len(catalogue.load_catalogue())
    logger.info("Catalogue refreshed: %d items (invocation %s)", items, context.invocation_id)


# --8<-- [end:v1-timer-retry]
