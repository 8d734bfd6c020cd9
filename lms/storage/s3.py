"""S3-compatible object storage through boto3 (AWS, SeaweedFS, MinIO...).

A private download (a certificate) never passes through the web process: the route answers
with a redirect to a presigned GET link that expires within 5 minutes. The object is looked up
first (one HEAD), so a missing file is a 404 and an unreachable store a 503 here, not a broken
link in the visitor's hands. Public files (images, handouts) are served from the site's origin.
"""
import hashlib
from urllib.parse import quote

import boto3
from botocore.config import Config
from botocore.exceptions import BotoCoreError, ClientError
from flask import Response, redirect, request

from lms.storage.base import PRIVATE_LINK_SECONDS, Delivery, StorageUnavailable, Stored, check_key

MISSING = {"404", "NoSuchKey", "NotFound"}


def client_from_config(config) -> "boto3.client":
    """Credentials come from the standard AWS variables (AWS_ACCESS_KEY_ID, ...) or roles;
    small timeouts and few retries, so an unreachable store costs a page seconds, not minutes."""
    endpoint = config.get("S3_ENDPOINT_URL") or None
    return boto3.session.Session().client(
        "s3", endpoint_url=endpoint, region_name=config.get("S3_REGION") or None,
        config=Config(
            signature_version="s3v4",
            connect_timeout=config["S3_CONNECT_TIMEOUT"],
            read_timeout=config["S3_READ_TIMEOUT"],
            retries={"max_attempts": config["S3_MAX_ATTEMPTS"], "mode": "standard"},
            # Other servers than AWS rarely have a DNS name per bucket.
            s3={"addressing_style": "path" if endpoint else "auto"},
        ))


def content_disposition(kind: str, name: str) -> str:
    ascii_name = name.encode("ascii", "replace").decode().replace('"', "").replace("?", "_")
    return f"{kind}; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(name)}"


class S3Storage:
    def __init__(self, client, bucket: str):
        self.client = client
        self.bucket = bucket

    def _call(self, method: str, **params):
        try:
            return getattr(self.client, method)(Bucket=self.bucket, **params)
        except ClientError as error:
            code = str(error.response.get("Error", {}).get("Code", ""))
            if code in MISSING:
                raise FileNotFoundError(params.get("Key", "")) from None
            raise StorageUnavailable(f"object storage refused {method}: {code}") from error
        except BotoCoreError as error:  # connection refused, timeouts, no credentials...
            raise StorageUnavailable(f"object storage unreachable: {error}") from error

    def put(self, key: str, data: bytes, content_type: str) -> None:
        self._call("put_object", Key=check_key(key), Body=data, ContentType=content_type)

    def get(self, key: str) -> bytes:
        body = self._call("get_object", Key=check_key(key))["Body"]
        try:
            return body.read()
        except BotoCoreError as error:
            raise StorageUnavailable(f"object storage read failed: {error}") from error
        finally:
            body.close()

    def exists(self, key: str) -> bool:
        try:
            self._call("head_object", Key=check_key(key))
        except FileNotFoundError:
            return False
        return True

    def delete(self, key: str) -> None:
        self._call("delete_object", Key=check_key(key))

    def listing(self, prefix: str) -> list[Stored]:
        found, token = [], None
        while True:
            page = self._call("list_objects_v2", Prefix=prefix,
                              **({"ContinuationToken": token} if token else {}))
            found += [Stored(item["Key"], item["LastModified"], item["Size"])
                      for item in page.get("Contents", [])]
            if not page.get("IsTruncated"):
                return found
            token = page["NextContinuationToken"]

    def link(self, key: str, delivery: Delivery, expires: int) -> str:
        """A presigned GET link for a private file, named as an attachment and never cached
        (made locally: no request to the store)."""
        params = {"Bucket": self.bucket, "Key": check_key(key),
                  "ResponseContentType": delivery.content_type,
                  "ResponseCacheControl": "private, no-store"}
        if delivery.download_name:
            params["ResponseContentDisposition"] = content_disposition(
                "attachment", delivery.download_name)
        return self.client.generate_presigned_url("get_object", Params=params,
                                                  ExpiresIn=expires)

    def respond(self, key: str, delivery: Delivery) -> Response:
        if not delivery.private:
            return self._serve(key, delivery)
        self._call("head_object", Key=check_key(key))
        response = redirect(self.link(key, delivery, PRIVATE_LINK_SECONDS), 302)
        response.headers["Cache-Control"] = "private, no-store"
        return response

    def _serve(self, key: str, delivery: Delivery) -> Response:
        """A public file from the site's own origin: the CSP allows images only from 'self',
        and the offline kit's service worker keeps only same-origin, unredirected responses.
        Browsers cache it (max_age) and revalidate with the object's ETag."""
        data = self.get(key)
        response = Response(data, mimetype=delivery.content_type)
        response.headers["Cache-Control"] = f"public, max-age={delivery.max_age}"
        response.set_etag(hashlib.sha256(data).hexdigest())
        if delivery.download_name:
            response.headers["Content-Disposition"] = content_disposition(
                "inline", delivery.download_name)
        return response.make_conditional(request)
