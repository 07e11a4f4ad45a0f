"""The sample registry: what each sample is, read from its own files, in one place.

A sample is a folder samples/<name>/ with a requirements-test.txt. Everything else the
guide says about it is read, never typed:

- its model: v2 when it has function_app.py, v1 when it has function folders (function.json);
- its summary: the first paragraph of its README.md (the title is the README's heading);
- its functions and their triggers: the manifest docs/generated/functions/<name>.md, which
  `nox -s "conformance(<name>)"` writes from what the real Python worker reports;
- its twin: a v1 sample v1_<name> and the v2 sample <name> serve the same app (V1_TWINS
  names the pairs that don't follow that rule); tools/tests/test_sample_twins.py compares them;
- the servers its tests start locally: the npm packages its package.json pins;
- the Python versions its tests run on: the test-samples matrix (PYTHONS).

Commands (stdlib only, so the noxfile can import this module in any environment):

  python tools/samples.py list               one sample name a line
  python tools/samples.py check              fail unless every sample has its README, page,
                                             nav entry, home-page row and manifest, and the
                                             gallery is up to date
  python tools/samples.py gallery [--check]  write docs/generated/gallery.md (--check: fail
                                             when the committed one differs)
  python tools/samples.py zips [--out DIR]   build each sample's download, DIR/<name>.zip
                                             (default docs/downloads/, git-ignored)
"""

from __future__ import annotations

import argparse
import fnmatch
import json
import re
import sys
import zipfile
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

ROOT = Path(__file__).resolve().parent.parent
# The Python versions every sample's tests run on (nox -s test-samples, one CI job each).
PYTHONS = ["3.10", "3.11", "3.12", "3.13"]
# What a developer's machine adds to a sample folder and no copy of it ever carries, in the
# syntax of .funcignore (a trailing / matches a folder, at any depth). A sample's own
# .funcignore is about deployment (it leaves out tests); a download keeps the tests.
LOCAL_FILES = [
    ".venv/",
    "venv/",
    "env/",
    "__pycache__/",
    ".pytest_cache/",
    ".ruff_cache/",
    ".mypy_cache/",
    ".nox/",
    "node_modules/",
    ".python_packages/",
    "__blobstorage__/",
    "__queuestorage__/",
    "__azurite_db_*",
    "*.pyc",
    ".coverage",
    ".coverage.*",
    "coverage.xml",
    "htmlcov/",
    ".DS_Store",
]
# Every file in a zip gets this time, so the same sample always makes the same bytes.
ZIP_DATE = (1980, 1, 1, 0, 0, 0)
# npm packages a sample's tests start as local servers, and what the reader calls them.
NPM_SERVERS = {
    "azurite": "Azurite, the Azure Storage emulator",
    "@vercel/cosmosdb-server": "a Cosmos DB server (@vercel/cosmosdb-server)",
}
# Trigger types as the worker reports them, as a reader calls them.
TRIGGER_NAMES = {
    "httpTrigger": "HTTP",
    "timerTrigger": "Timer",
    "queueTrigger": "Queue storage",
    "blobTrigger": "Blob storage",
    "eventGridTrigger": "Event Grid",
    "cosmosDBTrigger": "Cosmos DB",
    "serviceBusTrigger": "Service Bus",
    "eventHubTrigger": "Event Hubs",
}
# v1 samples whose v2 twin isn't named like them without the "v1_" prefix.
V1_TWINS = {"v1_http": "http_blueprint"}
GALLERY = Path("docs/generated/gallery.md")
DOWNLOADS = Path("docs/downloads")
NAV_SAMPLE = re.compile(r"^\s*-\s*(?:[^:\n]+:\s*)?samples/(?P<name>[-\w]+)\.md\s*$", re.M)
REPO_URL = re.compile(r"^repo_url:\s*(?P<url>\S+)\s*$", re.M)
HEADING = re.compile(r"^#\s+(?P<title>.+?)\s*#*\s*$")
LINK = re.compile(r"\[(?P<text>[^\]]+)\]\((?P<target>[^)\s]+)\)")


@dataclass
class Function:
    name: str
    trigger: str


@dataclass
class Sample:
    name: str
    folder: Path
    model: str | None  # "v1", "v2", or None when the folder has neither (a problem)
    title: str
    summary: str
    functions: list[Function] = field(default_factory=list)
    servers: list[str] = field(default_factory=list)
    pythons: list[str] = field(default_factory=lambda: list(PYTHONS))

    @property
    def triggers(self) -> list[str]:
        return sorted({f.trigger for f in self.functions})

    @property
    def needs_node(self) -> bool:
        return (self.folder / "package.json").is_file()


def names(root: Path = ROOT) -> list[str]:
    """Every folder under samples/ with a requirements-test.txt is a sample."""
    return sorted(p.parent.name for p in (root / "samples").glob("*/requirements-test.txt"))


def twins(root: Path = ROOT) -> list[tuple[str, str]]:
    """(v2 sample, v1 sample) for each v1 sample whose v2 twin is in the repository."""
    samples = set(names(root))
    pairs = []
    for v1 in sorted(name for name in samples if name.startswith("v1_")):
        v2 = V1_TWINS.get(v1, v1.removeprefix("v1_"))
        if v2 in samples:
            pairs.append((v2, v1))
    return pairs


def load(name: str, root: Path = ROOT) -> Sample:
    folder = root / "samples" / name
    title, summary = read_readme(folder / "README.md")
    return Sample(
        name=name,
        folder=folder,
        model=model_of(folder),
        title=title,
        summary=summary,
        functions=read_manifest(root / "docs" / "generated" / "functions" / f"{name}.md"),
        servers=servers_of(folder),
    )


def load_all(root: Path = ROOT) -> list[Sample]:
    return [load(name, root) for name in names(root)]


def model_of(folder: Path) -> str | None:
    v2 = (folder / "function_app.py").is_file()
    v1 = any(folder.glob("*/function.json"))
    if v1 == v2:
        return None  # neither, or both: the worker loads one or the other, never both
    return "v2" if v2 else "v1"


def read_readme(readme: Path) -> tuple[str, str]:
    """The README's first heading and the paragraph after it ("" when missing)."""
    if not readme.is_file():
        return "", ""
    title, paragraph = "", []
    for line in readme.read_text(encoding="utf-8").splitlines():
        heading = HEADING.match(line)
        if not title:
            if heading:
                title = heading["title"]
            continue
        if not line.strip():
            if paragraph:
                break
            continue
        if heading or line.lstrip().startswith(("#", "-", "*", "|", "```", ">")):
            break  # a list, table or section right after the heading: no summary paragraph
        paragraph.append(line.strip())
    return title, " ".join(paragraph)


def read_manifest(manifest: Path) -> list[Function]:
    """Function names and trigger types from the table the conformance run writes."""
    if not manifest.is_file():
        return []
    functions, columns = [], None
    for line in manifest.read_text(encoding="utf-8").splitlines():
        if not line.startswith("|"):
            columns = None if functions else columns
            continue
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if columns is None:
            headers = [c.lower() for c in cells]
            function = next((i for i, h in enumerate(headers) if h.startswith("function")), None)
            trigger = next((i for i, h in enumerate(headers) if "trigger" in h), None)
            if function is not None and trigger is not None:
                columns = (function, trigger)
            continue
        if set("".join(cells)) <= set("-: "):
            continue  # the separator row
        name = cells[columns[0]].strip("`")
        trigger = (cells[columns[1]].replace("`", " ").split() or ["?"])[0]
        functions.append(Function(name, TRIGGER_NAMES.get(trigger, trigger)))
    return functions


def servers_of(folder: Path) -> list[str]:
    """The local servers the tests start: the npm packages package.json pins."""
    package = folder / "package.json"
    if not package.is_file():
        return []
    dependencies = json.loads(package.read_text(encoding="utf-8")).get("dependencies", {})
    return [NPM_SERVERS.get(name, name) for name in sorted(dependencies)]


# --- Downloads -------------------------------------------------------------------------


def is_local(relative: PurePosixPath, is_dir: bool) -> bool:
    """Whether a path inside a sample matches LOCAL_FILES."""
    for pattern in LOCAL_FILES:
        if pattern.endswith("/"):
            folders = relative.parts if is_dir else relative.parts[:-1]
            if any(fnmatch.fnmatch(part, pattern[:-1]) for part in folders):
                return True
        elif any(fnmatch.fnmatch(part, pattern) for part in relative.parts):
            return True
    return False


def files_of(folder: Path) -> list[Path]:
    """The sample's own files, local ones left out, in a stable order."""
    kept = []
    for path in sorted(folder.rglob("*")):
        relative = PurePosixPath(path.relative_to(folder).as_posix())
        if path.is_file() and not is_local(relative, is_dir=False):
            kept.append(path)
    return kept


def build_zip(name: str, out_dir: Path, root: Path = ROOT) -> Path:
    """Write out_dir/<name>.zip: the sample alone, in a folder <name>/, byte for byte stable."""
    folder = root / "samples" / name
    out_dir.mkdir(parents=True, exist_ok=True)
    target = out_dir / f"{name}.zip"
    partial = target.with_suffix(".zip.partial")
    with zipfile.ZipFile(partial, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for path in files_of(folder):
            info = zipfile.ZipInfo(f"{name}/{path.relative_to(folder).as_posix()}", ZIP_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = (0o755 if path.stat().st_mode & 0o111 else 0o644) << 16
            archive.writestr(info, path.read_bytes())
    partial.replace(target)
    return target


def extract_zip(archive: Path, into: Path) -> Path:
    """Unpack a sample's zip into an (empty) folder; returns the sample's folder in it."""
    with zipfile.ZipFile(archive) as opened:
        tops = {PurePosixPath(n).parts[0] for n in opened.namelist()}
        if len(tops) != 1:
            raise ValueError(f"{archive}: expected one top folder, found {sorted(tops)}")
        opened.extractall(into)
    return into / tops.pop()


# --- Where the site lists samples --------------------------------------------------------


def nav_order(root: Path = ROOT) -> list[str]:
    """Sample pages in mkdocs.yml's nav, in their order there."""
    return NAV_SAMPLE.findall((root / "mkdocs.yml").read_text(encoding="utf-8"))


def repo_url(root: Path = ROOT) -> str:
    match = REPO_URL.search((root / "mkdocs.yml").read_text(encoding="utf-8"))
    return match["url"].rstrip("/") if match else ""


def home_rows(root: Path = ROOT) -> set[str]:
    """Samples with a row (a table line linking their page) on the home page."""
    rows = set()
    for line in (root / "docs" / "index.md").read_text(encoding="utf-8").splitlines():
        if line.lstrip().startswith("|"):
            rows.update(re.findall(r"\(samples/([-\w]+)\.md\)", line))
    return rows


def problems(root: Path = ROOT) -> list[str]:
    """Everything a sample lacks to be on the site, one line each."""
    found = []
    in_nav, on_home = set(nav_order(root)), home_rows(root)
    samples = load_all(root)
    for sample in samples:
        where = f"samples/{sample.name}"
        page = root / "docs" / "samples" / f"{sample.name}.md"
        manifest = f"docs/generated/functions/{sample.name}.md"
        if not (sample.folder / "README.md").is_file():
            found.append(f"{where}: no README.md")
        elif not sample.title or not sample.summary:
            found.append(f"{where}/README.md: needs a '# ' heading, then a summary paragraph")
        elif sample.summary.endswith(":"):
            found.append(f"{where}/README.md: the first paragraph must stand alone as a summary")
        if sample.model is None:
            found.append(f"{where}: needs function_app.py (v2) or function folders (v1), not both")
        if not page.is_file():
            found.append(f"{where}: no page docs/samples/{sample.name}.md")
        elif f'--8<-- "{manifest}"' not in page.read_text(encoding="utf-8"):
            found.append(f"docs/samples/{sample.name}.md: doesn't include {manifest}")
        if sample.name not in in_nav:
            found.append(f"{where}: no nav entry samples/{sample.name}.md in mkdocs.yml")
        if sample.name not in on_home:
            found.append(f"{where}: no row in the samples table of docs/index.md")
        if not (root / manifest).is_file():
            found.append(
                f'{where}: no manifest {manifest} (run nox -s "conformance({sample.name})")'
            )
        elif not sample.functions:
            found.append(f"{manifest}: lists no functions")
    known = {s.name for s in samples}
    for page in sorted((root / "docs" / "samples").glob("*.md")):
        if page.stem not in known:
            found.append(f"docs/samples/{page.name}: no sample samples/{page.stem}/")
    return found


# --- The gallery --------------------------------------------------------------------------


def plain(text: str) -> str:
    """A README sentence for a page elsewhere: relative links (which would break) become text."""
    return LINK.sub(lambda m: m[0] if re.match(r"https?://", m["target"]) else m["text"], text)


def python_range(pythons: list[str]) -> str:
    return pythons[0] if len(pythons) == 1 else f"{pythons[0]} to {pythons[-1]}"


def card(sample: Sample, repo: str) -> str:
    model = {"v1": "v1 model", "v2": "v2 model"}.get(sample.model or "", "model unknown")
    if sample.servers:
        local = "Python, and Node.js 20+ with npm: they start " + " and ".join(sample.servers)
    else:
        local = "Python only"
    functions = ", ".join(f"`{f.name}` ({f.trigger})" for f in sample.functions) or "none listed"
    folder = f"samples/{sample.name}"
    links = [
        f"[Download {sample.name}.zip](downloads/{sample.name}.zip)",
        f"[Page](samples/{sample.name}.md)",
    ]
    if repo:
        links.append(f"[README]({repo}/blob/main/{folder}/README.md)")
    lines = [
        f"-   **[{sample.name}](samples/{sample.name}.md)** · {model}",
        "",
        "    ---",
        "",
        f"    {plain(sample.summary)}",
        "",
        f"    - **Triggers:** {', '.join(sample.triggers) or 'none listed'}",
        f"    - **Functions:** {functions}",
        f"    - **Its tests need:** {local}",
        f"    - **Tests pass on:** Python {python_range(sample.pythons)}",
        "",
        f"    {' · '.join(links)}",
    ]
    if repo:
        checkout = repo.rsplit("/", 1)[-1]
        lines += [
            "",
            "    ```console",
            f"    $ git clone --filter=blob:none --sparse {repo}.git",
            f"    $ cd {checkout}",
            f"    $ git sparse-checkout set {folder}",
            "    ```",
        ]
    return "\n".join(lines)


def gallery(root: Path = ROOT) -> str:
    samples = {s.name: s for s in load_all(root)}
    order = [n for n in nav_order(root) if n in samples]
    order += [n for n in samples if n not in order]
    repo = repo_url(root)
    cards = "\n\n".join(card(samples[name], repo) for name in order)
    return (
        "<!-- Generated by `python tools/samples.py gallery` from the sample registry "
        "(tools/samples.py). Don't edit it: run the command again. -->\n\n"
        '<div class="grid cards" markdown>\n\n'
        f"{cards}\n\n"
        "</div>\n"
    )


def write_gallery(root: Path, check: bool) -> int:
    path = root / GALLERY
    text = gallery(root)
    current = path.read_text(encoding="utf-8") if path.is_file() else None
    if current == text:
        print(f"{GALLERY}: up to date")
        return 0
    if check:
        print(f"{GALLERY} is stale: run `python tools/samples.py gallery` and commit it")
        return 1
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    print(f"{GALLERY}: written")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--root", type=Path, default=ROOT)
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("list", help="one sample name a line")
    commands.add_parser("check", help="every sample is on the site; the gallery is current")
    written = commands.add_parser("gallery", help=f"write {GALLERY}")
    written.add_argument("--check", action="store_true", help="fail instead when it's stale")
    zips = commands.add_parser("zips", help="build every sample's zip")
    zips.add_argument("--out", type=Path, help=f"default: {DOWNLOADS}/ under the root")
    args = parser.parse_args(argv)
    root = args.root.resolve()

    if args.command == "list":
        print("\n".join(names(root)))
        return 0
    if args.command == "gallery":
        return write_gallery(root, args.check)
    if args.command == "zips":
        out = args.out or root / DOWNLOADS
        for name in names(root):
            path = build_zip(name, out, root)
            print(f"{path}: {path.stat().st_size} bytes")
        return 0
    found = problems(root)
    for problem in found:
        print(problem)
    stale = write_gallery(root, check=True)
    if found or stale:
        print(f"sample registry: {len(found) + stale} problem(s)")
        return 1
    print(f"sample registry: OK ({len(names(root))} samples)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
