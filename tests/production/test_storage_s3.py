"""Uploads on S3-compatible object storage (django-storages), against a real S3 server
(moto's, started by the test): every upload path stores a private object under a random
name, and every download view serves it back as an attachment."""

from __future__ import annotations

import re
import secrets

import boto3
import pytest
import requests
from django.core.files.storage import default_storage, storages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils.functional import empty
from moto.server import ThreadedMotoServer
from storages.backends.s3 import S3Storage

from lidzdaliba.consultations import services
from lidzdaliba.consultations.models import Attachment, DocumentVersion, OpinionAttachment
from lidzdaliba.testing import factories

from .stack import free_port

pytestmark = [pytest.mark.django_db, pytest.mark.xdist_group("production")]

BUCKET = "lidzdaliba-uploads"
REGION = "eu-north-1"
CREDENTIALS = {"aws_access_key_id": "test-key", "aws_secret_access_key": "test-secret"}
STORED_NAME = re.compile(
    r"^uploads/(opinionattachment|attachment|documentversion)/\d{4}/\d{2}/[0-9a-f]{32}$"
)


@pytest.fixture(scope="module")
def s3_server():
    port = free_port()
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    endpoint = f"http://127.0.0.1:{port}"
    client = boto3.client("s3", endpoint_url=endpoint, region_name=REGION, **CREDENTIALS)
    client.create_bucket(Bucket=BUCKET, CreateBucketConfiguration={"LocationConstraint": REGION})
    yield endpoint, client
    server.stop()


def _reset_storages() -> None:
    """Django caches the storage objects (django.core.files.storage.storages keeps every
    backend it built, and default_storage wraps storages['default'] once evaluated); the
    setting_changed handler empties both when STORAGES is assigned, this makes sure."""
    storages._backends = None
    storages._storages = {}
    storages.__dict__.pop("backends", None)
    default_storage._wrapped = empty


@pytest.fixture
def s3_storage(settings, s3_server):
    endpoint, client = s3_server
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "storages.backends.s3.S3Storage",
            "OPTIONS": {  # the OPTIONS of settings.py with STORAGE_BACKEND=s3
                "bucket_name": BUCKET,
                "endpoint_url": endpoint,
                "region_name": REGION,
                "access_key": CREDENTIALS["aws_access_key_id"],
                "secret_key": CREDENTIALS["aws_secret_access_key"],
                "default_acl": "private",
                "file_overwrite": False,
                "querystring_auth": True,
                "location": "uploads",
            },
        },
    }
    _reset_storages()
    assert isinstance(default_storage, S3Storage)  # what FileField.storage resolves to
    before = {o["Key"] for o in client.list_objects_v2(Bucket=BUCKET).get("Contents", [])}
    yield endpoint, client, before
    _reset_storages()


def _download(client: Client, url: str) -> tuple[bytes, object]:
    response = client.get(url)
    assert response.status_code == 200, url
    return b"".join(response.streaming_content), response


def test_uploads_are_private_objects_with_random_names_served_only_as_attachments(
    s3_storage, editor, ministry, resident
):
    endpoint, s3, before = s3_storage
    consultation = factories.published_consultation(editor, ministry)

    # An opinion with an attachment (the resident's path).
    pdf = b"%PDF-1.4\n" + secrets.token_bytes(3000) + b"\n%%EOF\n"
    opinion, created = services.opinion_submit(
        author=resident,
        consultation=consultation,
        kind="proposal",
        text="Skat. pielikumu.",
        attachments=[SimpleUploadedFile("Annas priekšlikums.pdf", pdf)],
    )
    assert created
    opinion_file = OpinionAttachment.objects.get(opinion=opinion)

    # A new version of the draft from an uploaded document, and an attachment (the editor's).
    draft = "# Noteikumi\n\n1. Pirmais punkts ar garumzīmēm: āčēģīķļņšūž.\n2. Otrais punkts.\n"
    version = services.document_version_create(
        actor=editor,
        consultation=consultation,
        upload=SimpleUploadedFile("grozijumi-v2.md", draft.encode()),
    )
    notes = "Anotācija: ietekmes novērtējums.\n".encode() * 50
    attachment = services.attachment_add(
        actor=editor,
        consultation=consultation,
        upload=SimpleUploadedFile("anotacija-slepena.txt", notes),
        title="Anotācija",
    )

    # Downloads through the web views: the same bytes, as attachments, never sniffed.
    client = Client()
    expected = {
        f"/opinions/attachments/{opinion_file.pk}/": pdf,
        f"/attachments/{attachment.pk}/": notes,
        f"/consultations/{consultation.pk}/versions/{version.number}/source/": draft.encode(),
    }
    for url, content in expected.items():
        body, response = _download(client, url)
        assert body == content, url
        assert response["Content-Disposition"].startswith("attachment;"), url
        assert response["X-Content-Type-Options"] == "nosniff", url

    # In the bucket: three new objects, under random names, none readable anonymously.
    stored = {
        OpinionAttachment: opinion_file.file.name,
        Attachment: Attachment.objects.get(pk=attachment.pk).file.name,
        DocumentVersion: DocumentVersion.objects.get(pk=version.pk).source_file.name,
    }
    listed = s3.list_objects_v2(Bucket=BUCKET)["Contents"]
    new = {o["Key"]: o for o in listed if o["Key"] not in before}
    assert set(new) == {f"uploads/{name}" for name in stored.values()}
    originals = ("Annas", "priekšlikums", "grozijumi", "anotacija", "slepena", ".pdf", ".md")
    for key, obj in new.items():
        assert STORED_NAME.match(key), key
        assert not any(part.lower() in key.lower() for part in originals), key
        assert obj["Size"] in {len(pdf), len(notes), len(draft.encode())}
        grants = s3.get_object_acl(Bucket=BUCKET, Key=key)["Grants"]
        assert [g["Permission"] for g in grants] == ["FULL_CONTROL"], grants
        assert all(g["Grantee"].get("Type") == "CanonicalUser" for g in grants), grants
        plain = f"{endpoint}/{BUCKET}/{key}"
        refused = requests.get(plain, timeout=10)
        assert refused.status_code == 403, (key, refused.status_code)
        assert refused.content != s3.get_object(Bucket=BUCKET, Key=key)["Body"].read()
    # The storage hands out signed URLs only (querystring auth); a signed one works.
    signed = default_storage.url(opinion_file.file.name)
    assert "Signature=" in signed or "X-Amz-Signature=" in signed
    assert requests.get(signed, timeout=10).content == pdf


def test_the_anonymous_check_would_see_a_public_object(s3_server):
    """Control for the check above: the same server does serve a public-read object to
    anyone, so the 403 for uploads comes from their private ACL."""
    endpoint, s3 = s3_server
    s3.put_object(Bucket=BUCKET, Key="control/public.txt", Body=b"public", ACL="public-read")
    s3.put_object(Bucket=BUCKET, Key="control/private.txt", Body=b"private", ACL="private")
    try:
        assert requests.get(f"{endpoint}/{BUCKET}/control/public.txt", timeout=10).content == (
            b"public"
        )
        assert (
            requests.get(f"{endpoint}/{BUCKET}/control/private.txt", timeout=10).status_code == 403
        )
    finally:
        s3.delete_objects(
            Bucket=BUCKET,
            Delete={"Objects": [{"Key": "control/public.txt"}, {"Key": "control/private.txt"}]},
        )
