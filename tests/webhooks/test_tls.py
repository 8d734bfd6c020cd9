"""An https receiver's certificate is checked, for the name in the URL, although the request
goes to the address that was checked (not to whatever the name resolves to next)."""
import datetime
import ipaddress

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from lms.webhooks.models import DeliveryState, EventType
from tests.webhooks.conftest import deliveries, run_pending, start_receiver, stop_receiver


@pytest.fixture
def self_signed(tmp_path):
    """A certificate for 127.0.0.1 that no authority signed."""
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")])
    now = datetime.datetime.now(datetime.UTC)
    certificate = (
        x509.CertificateBuilder().subject_name(name).issuer_name(name)
        .public_key(key.public_key()).serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(minutes=1))
        .not_valid_after(now + datetime.timedelta(hours=1))
        .add_extension(x509.SubjectAlternativeName(
            [x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]), critical=False)
        .sign(key, hashes.SHA256()))
    cert_file, key_file = tmp_path / "cert.pem", tmp_path / "key.pem"
    cert_file.write_bytes(certificate.public_bytes(serialization.Encoding.PEM))
    key_file.write_bytes(key.private_bytes(serialization.Encoding.PEM,
                                           serialization.PrivateFormat.PKCS8,
                                           serialization.NoEncryption()))
    return cert_file, key_file


def test_a_certificate_no_authority_signed_is_refused(app, client, auth, course, learner,
                                                      register, self_signed):
    state, server = start_receiver(tls=self_signed)
    try:
        register(state.url, EventType.ENROLMENT_STARTED)
        auth.login()
        client.post("/courses/mini/lessons/first-lesson/complete")
        run_pending(app)
    finally:
        stop_receiver(state, server)
    [delivery] = deliveries(app)
    assert delivery.state is DeliveryState.FAILED and delivery.last_status is None
    assert "CERTIFICATE_VERIFY_FAILED" in delivery.last_error
    assert state.requests == []  # nothing was sent to it
