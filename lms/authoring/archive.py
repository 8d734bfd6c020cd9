"""The course as a zip of the modules/ format: export for download, and checked import."""
import io
import re
import secrets
import shutil
import tempfile
import zipfile
import zlib
from datetime import UTC, datetime, timedelta
from pathlib import Path, PurePosixPath

from lms.content.exporter import write_course
from lms.content.loader import ContentProblems, load_course
from lms.content.schema import CourseData
from lms.storage import file_storage
from lms.storage.keys import stash_key

MAX_FILES = 500
# What zipfile can unpack here: anything else (bzip2, lzma builds aside) raises mid-read.
METHODS = {zipfile.ZIP_STORED: "stored", zipfile.ZIP_DEFLATED: "deflated"}
# What a damaged archive raises while it is read: a bad CRC, a local header that disagrees with
# the directory, a truncated or corrupt deflate stream.
DAMAGED = (zipfile.BadZipFile, zlib.error, EOFError, ValueError)
MAX_UNPACKED = 20 * 1024 * 1024
ALLOWED_SUFFIXES = {".md", ".yaml", ".yml"}
TOKEN = re.compile(r"^[0-9a-f]{32}$")


class ArchiveRejected(Exception):
    """The zip cannot be imported; problems lists every reason (file: message)."""

    def __init__(self, problems: list[str]):
        super().__init__("; ".join(problems))
        self.problems = problems


def export_zip(data: CourseData) -> bytes:
    """The course in the modules/ format, zipped, with paths relative to the folder."""
    with tempfile.TemporaryDirectory() as temp:
        folder = Path(temp) / "modules"
        files = write_course(data, folder)
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
            for path in sorted(files):
                archive.write(path, str(path.relative_to(temp)))
    return buffer.getvalue()


def _members(archive: zipfile.ZipFile) -> list[zipfile.ZipInfo]:
    """The archive's files, refusing anything that could write outside the folder."""
    infos = archive.infolist()
    problems = []
    if len(infos) > MAX_FILES:
        problems.append(f"the zip holds {len(infos)} entries; the limit is {MAX_FILES}")
    if sum(i.file_size for i in infos) > MAX_UNPACKED:
        problems.append("the zip unpacks to more than 20 MB")
    files = []
    for info in infos:
        path = PurePosixPath(info.filename)
        if info.filename.startswith(("/", "\\")) or ".." in path.parts or "\\" in info.filename \
                or ":" in info.filename:
            problems.append(f"{info.filename}: not a plain relative path")
        elif (info.external_attr >> 16) & 0o170000 == 0o120000:
            problems.append(f"{info.filename}: symbolic links are not allowed")
        elif info.is_dir() or path.name.startswith(".") or "__MACOSX" in path.parts:
            continue
        elif path.suffix.lower() not in ALLOWED_SUFFIXES:
            problems.append(f"{info.filename}: only .md and .yaml files belong in a course folder")
        elif info.flag_bits & 0x1:
            problems.append(f"{info.filename}: the file is encrypted; zip it without a password")
        elif info.compress_type not in METHODS:
            problems.append(f"{info.filename}: unknown compression method "
                            f"{info.compress_type}; zip it with the usual (deflate) method")
        else:
            files.append(info)
    if problems:
        raise ArchiveRejected(problems)
    return files


def _course_root(folder: Path) -> Path:
    """The folder holding course.yaml: the zip's top level, or its single top folder."""
    if (folder / "course.yaml").is_file():
        return folder
    children = [p for p in folder.iterdir() if p.is_dir()]
    if len(children) == 1 and (children[0] / "course.yaml").is_file():
        return children[0]
    raise ArchiveRejected(["course.yaml: not found at the top of the zip or in one folder"])


def load_zip(raw: bytes) -> CourseData:
    """Unpack into a temporary folder and load it with the same checks as `flask content import`."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(raw))
    except DAMAGED:
        raise ArchiveRejected(["this file is not a zip archive, or it is damaged"]) from None
    with archive, tempfile.TemporaryDirectory() as temp:
        for info in _members(archive):
            target = Path(temp) / info.filename
            try:
                target.parent.mkdir(parents=True, exist_ok=True)
                with archive.open(info) as source, open(target, "wb") as out:
                    shutil.copyfileobj(source, out)
            except OSError as error:  # a name too long, a file where a folder should be, ...
                raise ArchiveRejected([f"{info.filename[:120]}: cannot be unpacked "
                                       f"({error.strerror or error})"]) from None
            except DAMAGED:
                raise ArchiveRejected([f"{info.filename[:120]}: the zip is damaged; "
                                       "please make it again"]) from None
        root = _course_root(Path(temp))
        try:
            return load_course(root)
        except ContentProblems as error:
            raise ArchiveRejected([f"{_relative(p.path, root)}:{p.line}: {p.message}"
                                   for p in error.problems]) from None


def _relative(path: str, root: Path) -> str:
    """A problem's file as it is named inside the zip, never the server's temporary path."""
    try:
        return str(Path(path).relative_to(root))
    except ValueError:
        return Path(path).name


STASH_MAX_AGE = 24 * 60 * 60


def stash(raw: bytes) -> str:
    """Keep an uploaded zip between the summary and "Apply" (in the file store, so another web
    process can apply it); returns its token."""
    token = secrets.token_hex(16)
    file_storage().put(stash_key(token), raw, "application/zip")
    return token


def unstash(token: str, remove: bool = False) -> bytes | None:
    if not TOKEN.match(token or ""):
        return None
    try:
        raw = file_storage().get(stash_key(token))
    except FileNotFoundError:
        return None
    if remove:
        file_storage().delete(stash_key(token))
    return raw


def purge_stale_stashes(max_age: float = STASH_MAX_AGE) -> int:
    """Delete uploaded zips nobody applied within max_age seconds; returns how many."""
    cutoff = datetime.now(UTC) - timedelta(seconds=max_age)
    stale = [item.key for item in file_storage().listing("imports/") if item.modified < cutoff]
    for key in stale:
        file_storage().delete(key)
    return len(stale)
