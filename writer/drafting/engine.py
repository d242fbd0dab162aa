"""The Jinja2 sandbox every message template renders in.

Templates come from two folders, searched in order: the user's own
(``--templates DIR``, so an applicant or advisor can reword any message) and
the ones stmt ships (``data_dir("templates")``). A user template is untrusted
text, so it runs in a ``SandboxedEnvironment``; and every field is strict, so a
missing value stops the draft instead of leaving a blank in an email to a
program director.

Every Jinja2 failure becomes one ``TemplateError`` line: a syntax error names the
file and line, a missing field names the field, the writer or program and the
profile, and a sandbox refusal says the template tried to reach Python internals.
The sandbox is ``LimitedSandbox`` (``limits.py``): it also refuses to build huge
values, so ``{{ 'a' * 10**9 }}`` is an error, not memory exhaustion.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any, NoReturn

from jinja2 import (
    ChoiceLoader,
    FileSystemLoader,
    StrictUndefined,
    TemplateNotFound,
    TemplateSyntaxError,
    Undefined,
    UndefinedError,
)
from jinja2.exceptions import SecurityError
from jinja2.sandbox import SandboxedEnvironment

from writer.drafting import filters
from writer.drafting.limits import LimitedSandbox, TemplateLimitError, render_limited
from writer.errors import TemplateError
from writer.resources import data_dir

__all__ = ["Record", "make_environment", "render_template"]


class Record(dict):
    """A table of template fields that knows whose fields they are.

    Only fields that have a value are keys, so ``{{ writer.email }}`` for a
    writer without one is undefined (and strict), while ``writer.email is
    defined`` lets a template choose its wording.
    """

    def __init__(self, label: str, fields: Mapping[str, Any]) -> None:
        super().__init__(fields)
        self._label = label  # "writer 'smith'"; underscore: the sandbox hides it


class MissingField(UndefinedError):
    """A template used a field the data does not have."""

    def __init__(self, name: str, owner: Any) -> None:
        super().__init__(f"{name!r} is undefined")
        self.name = name
        self.owner = owner


class _StrictField(StrictUndefined):
    """StrictUndefined that remembers which field of which record was missing."""

    __slots__ = ()

    def _fail_with_undefined_error(self, *args: Any, **kwargs: Any) -> NoReturn:
        if self._undefined_exception is not UndefinedError:
            # The sandbox reports unsafe attributes as an undefined value
            # carrying SecurityError; keep that.
            super()._fail_with_undefined_error(*args, **kwargs)
        raise MissingField(str(self._undefined_name), self._undefined_obj)


# Undefined binds its operators (``<``, ``str()``, iteration...) to the base
# class's failure method at class creation; point them at ours instead.
for _name, _value in vars(StrictUndefined).items() | vars(Undefined).items():
    if _value is Undefined._fail_with_undefined_error and _name.startswith("__"):
        setattr(_StrictField, _name, _StrictField._fail_with_undefined_error)


def make_environment(user_templates: str | Path | None = None) -> SandboxedEnvironment:
    """A sandboxed, strict, text (not HTML) environment over the template folders."""
    loaders = []
    if user_templates is not None:
        folder = Path(user_templates)
        if not folder.is_dir():
            raise TemplateError(f"{folder}: --templates must be a folder of *.txt.j2 templates")
        loaders.append(FileSystemLoader(str(folder)))
    loaders.append(FileSystemLoader(str(data_dir("templates"))))
    env = LimitedSandbox(
        loader=ChoiceLoader(loaders),
        undefined=_StrictField,
        autoescape=False,  # plain-text email, not HTML
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    filters.install(env)
    return env


def render_template(
    env: SandboxedEnvironment,
    name: str,
    context: Mapping[str, Any],
    *,
    about: str,
    profile_source: str,
) -> str:
    """Render template ``name``; ``about`` ("writer 'smith'") names the data in errors."""
    try:
        template = env.get_template(name)
    except TemplateNotFound:
        raise TemplateError(f"template {name!r} not found in {_searched(env)}") from None
    except TemplateSyntaxError as err:
        raise TemplateError(_syntax(err)) from None
    except (OSError, UnicodeDecodeError) as err:  # a template folder entry that is not text
        raise TemplateError(f"template {name!r} cannot be read: {err}") from None
    where = template.filename or name
    try:
        return render_limited(template.generate(context))
    except TemplateLimitError as err:
        raise TemplateError(f"template {where}: {err}") from None
    except RecursionError:
        raise TemplateError(f"template {where}: a macro calls itself without end") from None
    except MemoryError:
        raise TemplateError(f"template {where}: ran out of memory building the message") from None
    except MissingField as err:
        raise TemplateError(_missing(err, name, about, profile_source)) from None
    except SecurityError:
        raise TemplateError(
            f"template {where} tried to reach Python internals; the sandbox refused"
        ) from None
    except TemplateSyntaxError as err:  # an {% include %} of a broken template
        raise TemplateError(_syntax(err)) from None
    except TemplateNotFound as err:
        raise TemplateError(
            f"template {name!r} includes {err.name!r}, which was not found"
        ) from None
    except ArithmeticError as err:  # {{ 1/0 }}, {{ 10.0**1000 }}
        raise TemplateError(f"template {where}: arithmetic failed ({err})") from None
    except (TypeError, ValueError, LookupError, UndefinedError) as err:
        raise TemplateError(f"template {where}: {err}") from None


def _syntax(err: TemplateSyntaxError) -> str:
    where = err.filename or err.name or "<template>"
    return f"{where}:{err.lineno}: template syntax error: {err.message}"


def _missing(err: MissingField, template: str, about: str, profile_source: str) -> str:
    owner = getattr(err.owner, "_label", None)
    if owner is None:
        return (
            f"template {template} uses {err.name!r}, which stmt does not provide "
            f"(rendering for {about}); see `stmt draft --list`"
        )
    table, _, which = owner.partition(" ")
    whose = f"for {owner}" if which else f"under [{table}]"
    field = f"{table}.{err.name}"
    return f"template {template} needs {field}, which is not set {whose} in {profile_source}"


def _searched(env: SandboxedEnvironment) -> str:
    folders: list[str] = []
    loader = env.loader
    for sub in getattr(loader, "loaders", [loader]):
        folders.extend(str(p) for p in getattr(sub, "searchpath", []))
    return ", ".join(folders)
