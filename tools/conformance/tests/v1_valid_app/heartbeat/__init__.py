import logging

import azure.functions as func


def main(timer: func.TimerRequest, beat: func.Out[str]) -> None:
    state = "late" if timer.past_due else "on time"
    logging.info("heartbeat %s", state)
    beat.set(state)
