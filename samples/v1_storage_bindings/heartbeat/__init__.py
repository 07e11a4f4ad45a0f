# --8<-- [start:timer-heartbeat]
import logging

import azure.functions as func

from shared_code import reports


def main(timer: func.TimerRequest, heartbeat: func.Out[str]) -> None:
    if timer.past_due:
        logging.warning("heartbeat: this run is late, an occurrence was missed.")
    heartbeat.set(reports.heartbeat(timer.past_due, timer.schedule_status))


# --8<-- [end:timer-heartbeat]
