import azure.functions as func


def main(msg: func.QueueMessage) -> str:
    return msg.get_body().decode()[::-1]
