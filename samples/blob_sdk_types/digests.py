"""A blob's size and SHA-256, computed chunk by chunk: the blob is never in memory whole."""

from __future__ import annotations

import hashlib
from dataclasses import asdict, dataclass

from azure.storage.blob import StorageStreamDownloader


@dataclass(frozen=True)
class Digest:
    name: str
    size: int
    sha256: str

    def as_dict(self) -> dict[str, object]:
        return asdict(self)


# --8<-- [start:digest-in-chunks]
def digest_in_chunks(name: str, stream: StorageStreamDownloader) -> Digest:
    """Hash a download one chunk at a time.

    chunks() fetches the blob in ranged requests: the first up to the client's
    max_single_get_size (32 MiB by default), then max_chunk_get_size (4 MiB), so
    the memory it takes depends on those sizes, not on the blob's.
    """
    sha256 = hashlib.sha256()
    size = 0
    for chunk in stream.chunks():
        sha256.update(chunk)
        size += len(chunk)
    return Digest(name=name, size=size, sha256=sha256.hexdigest())


# --8<-- [end:digest-in-chunks]
