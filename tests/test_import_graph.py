"""The import graph of lms/, read with `ast` (nothing is imported): no module imports a module
that imports it back (no cycle of any length), no package cycle (lms.a -> lms.b -> lms.a), and
no import below module level without a `# ` comment, on its line or the line before, saying why.
"""
import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent / "lms"


def modules_under(root: Path) -> dict[str, Path]:
    """Dotted module name -> file, for every .py file (a package is its __init__.py)."""
    found = {}
    for path in root.rglob("*.py"):
        parts = list(path.relative_to(root.parent).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        found[".".join(parts)] = path
    return found


def _imported(module: str, path: Path, node: ast.AST, known: dict) -> set[str]:
    """The lms modules one import statement names: `import lms.a.b`, `from lms.a import b`
    (b a module, else lms.a itself) and relative imports."""
    if isinstance(node, ast.Import):
        names = {alias.name for alias in node.names}
    else:
        base = node.module or ""
        if node.level:
            package = module.split(".")
            if path.name != "__init__.py":
                package.pop()
            package = package[:len(package) - (node.level - 1)]
            base = ".".join(package + ([base] if base else []))
        names = {f"{base}.{alias.name}" if f"{base}.{alias.name}" in known else base
                 for alias in node.names}
    return {name for name in names if name in known and name != module}


def import_graph(root: Path = ROOT) -> tuple[dict[str, set[str]], list[str]]:
    """(module -> modules it imports, the nested imports with no comment saying why)."""
    known = modules_under(root)
    graph, unexplained = {}, []
    for module, path in known.items():
        source = path.read_text(encoding="utf-8")
        lines = source.splitlines()
        tree = ast.parse(source, filename=str(path))
        top_level = {id(node) for node in tree.body}
        graph[module] = set()
        for node in ast.walk(tree):
            if not isinstance(node, (ast.Import, ast.ImportFrom)):
                continue
            graph[module] |= _imported(module, path, node, known)
            if id(node) in top_level:
                continue
            said = lines[node.lineno - 1] + "\n" + (lines[node.lineno - 2]
                                                    if node.lineno > 1 else "")
            if "# " not in said:
                unexplained.append(f"{path.relative_to(root.parent)}:{node.lineno}")
    return graph, unexplained


def package_of(module: str) -> str:
    """lms.certificates.views.holder -> lms.certificates; a root module is its own package."""
    return ".".join(module.split(".")[:2])


def package_graph(graph: dict[str, set[str]]) -> dict[str, set[str]]:
    packages: dict[str, set[str]] = {}
    for module, imported in graph.items():
        packages.setdefault(package_of(module), set()).update(
            package_of(other) for other in imported if package_of(other) != package_of(module))
    return packages


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """One cycle, as a path a -> ... -> a, for each strongly connected group of two or more."""
    index, low, stack, on_stack, groups = {}, {}, [], set(), []

    def visit(node):  # Tarjan's algorithm; the graph is a few hundred nodes deep at most
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for other in sorted(graph.get(node, ())):
            if other not in index:
                visit(other)
                low[node] = min(low[node], low[other])
            elif other in on_stack:
                low[node] = min(low[node], index[other])
        if low[node] == index[node]:
            group = set()
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.add(member)
                if member == node:
                    break
            if len(group) > 1:
                groups.append(group)

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return [_path_through(graph, group) for group in groups]


def _path_through(graph: dict[str, set[str]], group: set[str]) -> list[str]:
    """A shortest cycle from the group's first member back to itself, for the message."""
    start = min(group)
    paths, seen = [[start]], {start}
    while paths:
        path = paths.pop(0)
        for other in sorted(graph.get(path[-1], ())):
            if other == start:
                return path + [start]
            if other in group and other not in seen:
                seen.add(other)
                paths.append(path + [other])
    return sorted(group)


def _shown(found: list[list[str]]) -> str:
    return "\n".join(" -> ".join(cycle) for cycle in found)


def test_no_module_imports_a_module_that_imports_it_back():
    graph, _ = import_graph()
    found = cycles(graph)
    assert not found, f"Import cycles between modules:\n{_shown(found)}"


def test_no_package_imports_a_package_that_imports_it_back():
    graph, _ = import_graph()
    found = cycles(package_graph(graph))
    assert not found, f"Import cycles between packages:\n{_shown(found)}"


def test_every_import_below_module_level_says_why():
    _, unexplained = import_graph()
    assert not unexplained, ("Imports inside a function or block with no `# ` comment saying "
                             "why:\n" + "\n".join(unexplained))


def test_the_checks_find_a_cycle_a_package_cycle_and_a_silent_nested_import(tmp_path):
    """The checks above can fail: a small package with each fault in it."""
    lms = tmp_path / "lms"
    for folder in ("a", "b"):
        (lms / folder).mkdir(parents=True)
        (lms / folder / "__init__.py").write_text("")
    (lms / "__init__.py").write_text("")
    (lms / "a" / "one.py").write_text("from lms.a import two\n")
    (lms / "a" / "two.py").write_text("from . import three\n")
    (lms / "a" / "three.py").write_text("import lms.a.one\nfrom lms.b.low import x\n")
    (lms / "b" / "low.py").write_text(
        "def f():\n    from lms.a.one import y\n\n\ndef g():\n"
        "    # Imported here: explained.\n    from lms.a import two\n")
    graph, unexplained = import_graph(lms)
    assert cycles(graph) == [["lms.a.one", "lms.a.two", "lms.a.three", "lms.a.one"]]
    assert cycles(package_graph(graph)) == [["lms.a", "lms.b", "lms.a"]]
    assert unexplained == [str(Path("lms/b/low.py")) + ":2"]
