import json
import logging

import azure.functions as func


def main(item: str, rules: str, row: func.Out[str], context: func.Context) -> None:
    logging.info("audit in invocation %s", context.invocation_id)
    row.set(json.dumps({"PartitionKey": "audit", "RowKey": item, "rules": json.loads(rules)}))
