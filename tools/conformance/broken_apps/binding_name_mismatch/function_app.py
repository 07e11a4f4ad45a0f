"""Broken on purpose (E01): the Cosmos DB input is bound as "docs", the parameter is "documents".

The worker refuses to index the app: every binding name must be a parameter of the function.
"""

import azure.functions as func

app = func.FunctionApp(http_auth_level=func.AuthLevel.ANONYMOUS)


@app.route(route="orders/{customer}")
@app.cosmos_db_input(
    arg_name="docs",
    database_name="shop",
    container_name="orders",
    sql_query="SELECT * FROM c WHERE c.customer = {customer}",
    connection="CosmosDbConnection",
)
def list_orders(req: func.HttpRequest, documents: func.DocumentList) -> func.HttpResponse:
    return func.HttpResponse(f"{len(documents)} order(s)")
