"""The cluster tests' own network: one Linux bridge in the root namespace and, per host, a
network namespace joined to it by a veth pair. Made as root by the test, removed by it (also
when a test fails or setup breaks half-way). Names carry a random tag, so nothing else's links
or namespaces are ever touched."""
import ipaddress
import secrets
import subprocess


def run(*argv: str) -> str:
    return subprocess.run(argv, check=True, capture_output=True, text=True,  # noqa: S603
                          timeout=20).stdout


def succeeds(*argv: str) -> bool:
    return subprocess.run(argv, capture_output=True, timeout=20).returncode == 0  # noqa: S603


class Network:
    def __init__(self):
        self.tag = secrets.token_hex(3)  # interface names: at most 15 characters
        self.bridge = f"lcb{self.tag}"
        self.subnet = self._free_subnet()
        self.gateway = str(self.subnet.network_address + 1)  # the root namespace's side
        self.namespaces: dict[str, str] = {}  # host name -> namespace
        self.addresses: dict[str, str] = {}  # host name -> its address on the bridge
        self._links: list[str] = []
        run("ip", "link", "add", self.bridge, "type", "bridge")
        self._links.append(self.bridge)
        run("ip", "addr", "add", f"{self.gateway}/{self.subnet.prefixlen}", "dev", self.bridge)
        run("ip", "link", "set", self.bridge, "up")

    @staticmethod
    def _free_subnet() -> ipaddress.IPv4Network:
        used = run("ip", "-4", "-o", "addr")
        while True:
            third = secrets.randbelow(254) + 1
            if f" 10.213.{third}." not in used:
                return ipaddress.ip_network(f"10.213.{third}.0/24")

    def add_host(self, name: str) -> str:
        """A namespace of its own on the bridge; returns its address."""
        number = len(self.namespaces) + 2
        namespace = f"lmsc-{self.tag}-{name}"
        outside, inside = f"lc{self.tag}{number}h", f"lc{self.tag}{number}n"
        run("ip", "netns", "add", namespace)
        self.namespaces[name] = namespace
        run("ip", "link", "add", outside, "type", "veth", "peer", "name", inside)
        self._links.append(outside)
        run("ip", "link", "set", outside, "master", self.bridge, "up")
        run("ip", "link", "set", inside, "netns", namespace)
        address = str(self.subnet.network_address + number)
        inns = ("ip", "netns", "exec", namespace)
        run(*inns, "ip", "link", "set", "lo", "up")
        run(*inns, "ip", "addr", "add", f"{address}/{self.subnet.prefixlen}", "dev", inside)
        run(*inns, "ip", "link", "set", inside, "up")
        self.addresses[name] = address
        return address

    def inside(self, name: str) -> list[str]:
        """The prefix that runs a command in host name's namespace."""
        return ["ip", "netns", "exec", self.namespaces[name]]

    def remove(self) -> list[str]:
        """Remove every namespace and link made here (processes in them must be ended first);
        returns what could not be removed."""
        left = []
        for namespace in self.namespaces.values():
            if not succeeds("ip", "netns", "del", namespace):
                left.append(namespace)
        for link in reversed(self._links):
            if succeeds("ip", "link", "show", link) and not succeeds("ip", "link", "del", link):
                left.append(link)
        return left
