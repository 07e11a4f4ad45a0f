"""Logging from work the function starts itself: threads and coroutines."""

from __future__ import annotations

import asyncio
import logging
import threading

logger = logging.getLogger(__name__)


# --8<-- [start:log-from-thread]
def log_from_threads(context, count: int) -> list[str]:
    """Start `count` threads that log; each first tells the worker which invocation it serves."""
    seen: list[str] = []

    def work(step: int) -> None:
        # A new thread has no invocation id of its own: without this line the worker can't
        # tie the thread's log lines to the invocation.
        context.thread_local_storage.invocation_id = context.invocation_id
        logger.info("Thread step %d of invocation %s", step, context.invocation_id)
        seen.append(context.thread_local_storage.invocation_id)

    threads = [threading.Thread(target=work, args=(step,)) for step in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()  # finish before the function returns: the invocation ends with it
    return seen


# --8<-- [end:log-from-thread]


# --8<-- [start:log-from-coroutines]
async def log_from_coroutines(context, count: int) -> int:
    """Run `count` coroutines as tasks of this invocation; each logs on the event loop."""

    async def step(number: int) -> None:
        await asyncio.sleep(0)
        logger.info("Coroutine step %d of invocation %s", number, context.invocation_id)

    await asyncio.gather(*(step(number) for number in range(count)))
    return count


# --8<-- [end:log-from-coroutines]
