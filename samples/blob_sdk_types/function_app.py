"""Blob files through SDK types: the functions get Azure SDK clients, not the blob's bytes."""

# --8<-- [start:app]
import contextlib
import json
import logging

import azure.functions as func
import azurefunctions.extensions.bindings.blob as blob
from azure.core.exceptions import ResourceExistsError, ResourceNotFoundError
from azure.storage.blob import ContentSettings

from blob_names import BadInput, check_limit, check_name, check_prefix
from digests import digest_in_chunks

app = func.FunctionApp(http_auth_level=func.AuthLevel.FUNCTION)
# --8<-- [end:app]


# --8<-- [start:quiet-sdk-logging]
# The SDK logs every request and response (headers) at INFO; in Azure those lines would go
# to Application Insights with each invocation's own logs. Warnings and errors still pass.
logging.getLogger("azure.core.pipeline.policies.http_logging_policy").setLevel(logging.WARNING)
# --8<-- [end:quiet-sdk-logging]


def json_response(body: object, status_code: int = 200) -> func.HttpResponse:
    return func.HttpResponse(json.dumps(body), status_code=status_code, mimetype="application/json")


def bad_input(error: BadInput) -> func.HttpResponse:
    return json_response({"error": str(error)}, status_code=400)


# --8<-- [start:upload-creating-container]
def upload_creating_container(
    container: blob.ContainerClient, name: str, data: bytes | str, content_type: str
) -> None:
    """Upload a blob, creating its container on first use (a fresh account has none)."""
    settings = ContentSettings(content_type=content_type)
    try:
        container.upload_blob(name, data, overwrite=True, content_settings=settings)
    except ResourceNotFoundError:
        with contextlib.suppress(ResourceExistsError):  # another instance made it first
            container.create_container()
        container.upload_blob(name, data, overwrite=True, content_settings=settings)


# --8<-- [end:upload-creating-container]


# --8<-- [start:upload-file]
@app.function_name(name="UploadFile")
@app.route(route="files/{name}", methods=["PUT"])
@app.blob_input(arg_name="uploads", path="uploads", connection="AzureWebJobsStorage")
def upload_file(req: func.HttpRequest, uploads: blob.ContainerClient) -> func.HttpResponse:
    try:
        name = check_name(req.route_params.get("name"))
    except BadInput as error:
        return bad_input(error)
    body = req.get_body()
    if not body:
        return json_response({"error": "Send the file's content as the request body."}, 400)
    content_type = req.headers.get("Content-Type") or "application/octet-stream"
    upload_creating_container(uploads, name, body, content_type)
    return json_response({"name": name, "size": len(body), "content_type": content_type}, 201)


# --8<-- [end:upload-file]


# --8<-- [start:list-files]
@app.function_name(name="ListFiles")
@app.route(route="files", methods=["GET"])
@app.blob_input(arg_name="uploads", path="uploads", connection="AzureWebJobsStorage")
def list_files(req: func.HttpRequest, uploads: blob.ContainerClient) -> func.HttpResponse:
    try:
        limit = check_limit(req.params.get("limit"))
        prefix = check_prefix(req.params.get("prefix"))
    except BadInput as error:
        return bad_input(error)
    files = []
    try:
        for item in uploads.list_blobs(name_starts_with=prefix, results_per_page=limit):
            content_type = item.content_settings.content_type
            files.append({"name": item.name, "size": item.size, "content_type": content_type})
            if len(files) == limit:
                break
    except ResourceNotFoundError:
        files = []  # nothing uploaded yet: the container doesn't exist
    return json_response({"files": files})


# --8<-- [end:list-files]


# --8<-- [start:digest-upload]
@app.function_name(name="DigestUpload")
@app.blob_trigger(arg_name="upload", path="uploads/{name}", connection="AzureWebJobsStorage")
@app.blob_input(arg_name="digests", path="digests", connection="AzureWebJobsStorage")
def digest_upload(upload: blob.StorageStreamDownloader, digests: blob.ContainerClient) -> None:
    # The download has started: the blob is read chunk by chunk, never whole.
    digest = digest_in_chunks(upload.name, upload)
    record = json.dumps(digest.as_dict())
    upload_creating_container(digests, f"{digest.name}.json", record, "application/json")
    logging.info("Digest of %s: %d bytes, SHA-256 %s", digest.name, digest.size, digest.sha256)


# --8<-- [end:digest-upload]


# --8<-- [start:check-upload]
@app.function_name(name="CheckUpload")
@app.blob_trigger(arg_name="upload", path="uploads/{name}", connection="AzureWebJobsStorage")
def check_upload(upload: blob.BlobClient) -> None:
    # One request for the properties; the content isn't downloaded.
    try:
        properties = upload.get_blob_properties()
    except ResourceNotFoundError:
        logging.warning("%s was deleted before it was checked.", upload.blob_name)
        return
    content_type = properties.content_settings.content_type
    logging.info("New upload %s: %d bytes, %s", upload.blob_name, properties.size, content_type)
    if content_type in (None, "", "application/octet-stream"):
        logging.warning("%s was uploaded without a content type.", upload.blob_name)


# --8<-- [end:check-upload]


# --8<-- [start:read-digest]
@app.function_name(name="ReadDigest")
@app.route(route="digests/{name}", methods=["GET"])
@app.blob_input(arg_name="record", path="digests/{name}.json", connection="AzureWebJobsStorage")
def read_digest(req: func.HttpRequest, record: blob.BlobClient) -> func.HttpResponse:
    try:
        name = check_name(req.route_params.get("name"))
    except BadInput as error:
        return bad_input(error)
    try:
        content = record.download_blob().readall()
    except ResourceNotFoundError:
        message = f"No digest for {name!r} yet: upload the file, the blob trigger then makes it."
        return json_response({"error": message}, status_code=404)
    return json_response(json.loads(content))


# --8<-- [end:read-digest]
