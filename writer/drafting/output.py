"""Writing drafts to files: safe names, atomic writes, no silent overwrites.

``--all`` turns profile ids into file names, and ids are user data: an id of
``../../etc/passwd`` must not write outside ``--out-dir``. Each file is written
to a temporary file in the same folder and moved into place with
``os.replace`` (or ``os.link`` when not overwriting, which fails instead of
clobbering), so a reader never sees half a draft. Without ``--force``, if any
target exists, nothing is written and the error lists every existing file.
"""

from __future__ import annotations

import os
import re
import tempfile
import unicodedata
from collections.abc import Sequence
from pathlib import Path

from writer.drafting.render import Draft
from writer.errors import StmtError

__all__ = ["OutputError", "draft_filename", "write_drafts", "write_file"]


class OutputError(StmtError):
    """Drafts could not be written: a file exists, a name is unsafe, a disk error."""


def slug(text: str) -> str:
    """ASCII, lower-case, hyphens: "José Núñez/../x" → "jose-nunez-x"."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")[:80].strip("-")


def draft_filename(draft: Draft, *, with_target: bool = False) -> str:
    """``letter-request-smith.txt``; ``thank-you-program-riverside.txt`` when asked."""
    if draft.target_id is None:
        return f"{draft.kind}.txt"
    name = slug(draft.target_id)
    if not name:
        raise OutputError(
            f"{draft.target} id {draft.target_id!r} has no letters or digits to name a file after"
        )
    middle = f"{draft.target}-" if with_target and draft.target else ""
    return f"{draft.kind}-{middle}{name}.txt"


def write_drafts(
    drafts: Sequence[Draft], out_dir: str | Path, *, force: bool = False
) -> list[Path]:
    """Write each draft into ``out_dir`` (created if needed); return the paths written."""
    folder = Path(out_dir)
    if folder.exists() and not folder.is_dir():
        raise OutputError(f"{folder}: --out-dir exists and is not a folder")
    with_target = len({d.target for d in drafts}) > 1
    targets = _targets(drafts, folder, with_target)
    if not force:
        existing = [path for path, _ in targets if path.exists() or path.is_symlink()]
        if existing:
            names = ", ".join(str(p) for p in existing)
            raise OutputError(
                f"not overwriting existing files (use --force): {names}; nothing was written"
            )
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as err:
        raise OutputError(f"{folder}: cannot create folder: {err.strerror or err}") from None
    written: list[Path] = []
    for path, text in targets:
        write_file(path, text, force=force)
        written.append(path)
    return written


def _targets(drafts: Sequence[Draft], folder: Path, with_target: bool) -> list[tuple[Path, str]]:
    resolved_folder = folder.resolve()
    targets: list[tuple[Path, str]] = []
    owners: dict[str, str] = {}
    for draft in drafts:
        name = draft_filename(draft, with_target=with_target)
        if name in owners:
            raise OutputError(
                f"{draft.target} ids {owners[name]!r} and {draft.target_id!r} would both be "
                f"written to {name}; make the ids differ in letters or digits"
            )
        owners[name] = str(draft.target_id)
        path = folder / name
        # slug() already leaves no separators; this guards any future change.
        if path.resolve().parent != resolved_folder:
            raise OutputError(f"refusing to write {name!r} outside {folder}")
        targets.append((path, draft.text))
    return targets


def write_file(path: Path, text: str, *, force: bool = False) -> None:
    """Write ``text`` to ``path`` atomically; an existing file is an error unless ``force``."""
    descriptor, temporary = tempfile.mkstemp(
        prefix=f".{path.name}.", suffix=".tmp", dir=path.parent
    )
    try:
        os.chmod(temporary, 0o666 & ~_umask())  # mkstemp makes 0600; drafts are not secret
        with os.fdopen(descriptor, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        if force:
            os.replace(temporary, path)
        else:
            _link_no_clobber(temporary, path)
    except FileExistsError:
        raise OutputError(
            f"{path}: appeared while writing; not overwriting (use --force)"
        ) from None
    except OSError as err:
        raise OutputError(f"{path}: cannot write: {err.strerror or err}") from None
    finally:
        if os.path.lexists(temporary):
            os.unlink(temporary)


def _umask() -> int:
    current = os.umask(0o022)
    os.umask(current)
    return current


def _link_no_clobber(temporary: str, path: Path) -> None:
    """Move into place only if ``path`` does not exist, atomically where possible."""
    try:
        os.link(temporary, path)  # fails with FileExistsError instead of replacing
    except FileExistsError:
        raise
    except OSError:  # file systems without hard links
        if path.exists():
            raise FileExistsError(path) from None
        os.replace(temporary, path)
