"""A small TCP forwarder for the cluster tests: `python -m tests.cluster.forward LISTEN TARGET
...`, each an address:port pair. PostgreSQL, Redis and the S3 server listen on 127.0.0.1 only;
this listens on the root namespace's side of the test's links and relays each connection to
loopback, byte for byte (one process, one asyncio loop, every pair at once)."""
import asyncio
import sys


async def pipe(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
    try:
        while data := await reader.read(65536):
            writer.write(data)
            await writer.drain()
    except OSError:
        pass
    finally:
        try:
            writer.close()
        except OSError:
            pass


def relay(target_host: str, target_port: int):
    async def handle(reader, writer):
        try:
            target_reader, target_writer = await asyncio.open_connection(target_host, target_port)
        except OSError:  # the service is down: the client sees its connection closed
            writer.close()
            return
        await asyncio.gather(pipe(reader, target_writer), pipe(target_reader, writer))
    return handle


def split(address: str) -> tuple[str, int]:
    host, _, port = address.rpartition(":")
    return host, int(port)


async def main(pairs: list[tuple[str, str]]) -> None:
    servers = [await asyncio.start_server(relay(*split(target)), *split(listen), reuse_address=True)
               for listen, target in pairs]
    print("forwarding", " ".join(f"{a}->{b}" for a, b in pairs), flush=True)
    await asyncio.gather(*(server.serve_forever() for server in servers))


if __name__ == "__main__":
    arguments = sys.argv[1:]
    asyncio.run(main(list(zip(arguments[::2], arguments[1::2], strict=True))))
