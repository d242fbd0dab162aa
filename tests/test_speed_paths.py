"""What keeps stmt fast, checked structurally (no timing asserts: see benchmarks/speed.py)."""

from __future__ import annotations

import subprocess
import sys

import pytest

from writer.parallel import split_balanced


def modules_after(*args: str) -> set[str]:
    """The modules imported by `stmt ARGS` in a fresh interpreter."""
    code = (
        "import sys\nfrom writer.cli import main\n"
        "try:\n    main(args=sys.argv[1:], prog_name='stmt')\nexcept SystemExit:\n    pass\n"
        "sys.stderr.write('\\nMODULES ' + ' '.join(sorted(sys.modules)))\n"
    )
    out = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True)
    return set(out.stderr.rpartition("MODULES ")[2].split())


@pytest.mark.parametrize(
    "args",
    [
        ["--help"],
        ["rules"],
        ["explain", "blame"],
        ["draft", "--help"],
        ["draft", "--list"],
        ["check", "--help"],
    ],
)
def test_commands_that_do_not_analyse_never_import_spacy(args):
    modules = modules_after(*args)
    assert "writer.cli" in modules
    assert "spacy" not in modules and "thinc" not in modules
    assert "textstat" not in modules


def test_rules_and_explain_do_not_import_drafting():
    for args in (["rules"], ["explain", "blame"]):
        modules = modules_after(*args)
        assert "jinja2" not in modules and "writer.drafting" not in modules


def test_a_check_loads_spacy_without_its_command_line(write, strong_text):
    path = write("page.txt", strong_text)
    modules = modules_after("check", "--no-cache", str(path))
    assert "spacy" in modules
    assert not {"spacy.cli", "typer", "weasel", "requests", "httpx"} & modules
    assert "pkg_resources" not in modules  # textstat's word lists are never read
    # confection's test for pydantic 1 models, and spaCy's requirement parser for packages
    assert not {"pydantic.v1", "packaging.requirements"} & modules


def test_the_deferred_modules_still_work_when_asked_for():
    code = (
        "from writer.nlp.pipeline import import_spacy\n"
        "spacy = import_spacy()\n"
        "import spacy.cli\n"
        "assert callable(spacy.cli.download)\n"
        "assert spacy.info(silent=True)['pipelines'] is not None\n"
        "from writer.imports import import_deferring\n"
        "textstat = import_deferring('textstat', ('pkg_resources',))\n"
        "assert textstat.textstat.dale_chall_readability_score('A cat sat. It was big.') > 0\n"
        "from spacy.util import split_requirement\n"
        "assert split_requirement('spacy>=3.8.0') == ('spacy', '>=3.8.0')\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_a_class_taken_from_a_deferred_module_answers_like_the_real_one():
    """confection tests config schemas against pydantic 1's BaseModel, which stmt defers:
    spaCy's pydantic 2 schemas are not pydantic 1 models, and a pydantic 1 model made
    after all (its module then imported) still is one."""
    code = (
        "import sys\n"
        "from writer.nlp.pipeline import get_nlp\n"
        "get_nlp()\n"
        "assert 'pydantic.v1' not in sys.modules\n"
        "import confection.validation as v\n"
        "from spacy.schemas import ConfigSchemaNlp\n"
        "assert v._is_pydantic_model(ConfigSchemaNlp)\n"
        "assert not issubclass(ConfigSchemaNlp, v._PydanticV1BaseModel)\n"
        "assert not isinstance(object(), v._PydanticV1BaseModel)\n"
        "import pydantic.v1\n"
        "class Old(pydantic.v1.BaseModel):\n"
        "    x: int\n"
        "assert v._is_pydantic_model(Old) and isinstance(Old(x=1), v._PydanticV1BaseModel)\n"
        "assert issubclass(pydantic.v1.ValidationError, v._PydanticV1ValidationError)\n"
        "assert not issubclass(ValueError, v._PydanticV1ValidationError)\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_the_pipeline_runs_only_what_the_detectors_read(analyzer):
    names = analyzer.nlp.pipe_names
    assert "ner" not in names
    assert "senter" not in analyzer.nlp.component_names  # shipped disabled: not even loaded
    assert {"tagger", "parser", "attribute_ruler", "lemmatizer"} <= set(names)


def test_the_pipeline_and_matchers_are_built_once():
    from writer.api import get_analyzer
    from writer.nlp.pipeline import get_nlp

    assert get_analyzer() is get_analyzer()
    assert get_nlp() is get_nlp()
    assert get_analyzer().nlp is get_nlp()


def test_the_tokenizer_is_the_models_own(analyzer):
    from writer.nlp.pipeline import import_spacy

    spacy = import_spacy()
    reference = spacy.blank("en").tokenizer
    ours = analyzer.nlp.tokenizer
    text = "Dr. O'Neil's U.S. e-mail can't wait: 3 a.m., Step 2 CK score of 218."
    assert [t.text for t in ours(text)] == [t.text for t in reference(text)]
    assert ours.rules and ours.prefix_search is not None and ours.infix_finditer is not None


def test_sentence_features_are_computed_once(analyzer):
    from writer.nlp.features import SentenceFeatures

    doc = analyzer.nlp("I failed Step 1 and I will pass it.")
    f = SentenceFeatures(0, doc[:], 0, analyzer.cues.find(doc))
    assert f.lowers is f.lowers and "failed" in f.lowers
    assert f.past and f.future


@pytest.mark.parametrize("parts", [1, 2, 3])
def test_parallel_slices_keep_order_and_cover_everything(tmp_path, parts):
    paths = []
    for i, size in enumerate([10, 500, 20, 30, 900, 5, 5, 400]):
        p = tmp_path / f"{i}.txt"
        p.write_text("x" * size)
        paths.append(str(p))
    slices = split_balanced(paths, parts)
    assert [p for s in slices for p in s] == paths
    assert len(slices) <= parts


def test_jobs_gives_the_same_results_as_one_process(tmp_path, strong_text):
    from writer.api import check_files
    from writer.parallel import check_files as check_files_parallel

    paths = []
    for i in range(8):
        p = tmp_path / f"draft-{i}.txt"
        p.write_text(
            strong_text
            if i % 2
            else strong_text.replace("I did not pass", "Due to bad luck I failed")
        )
        paths.append(str(p))
    paths.append(str(tmp_path / "missing.txt"))
    one = [r.to_dict() for r in check_files(paths)]
    two = [r.to_dict() for r in check_files_parallel(paths, jobs=2)]
    assert two == one


def test_the_parent_loads_the_pipeline_only_for_drafts_the_cache_does_not_answer(
    tmp_path, strong_text
):
    from writer.api import check_files, needs_analysis
    from writer.cache import Cache

    cache = Cache(tmp_path / "cache")
    paths = []
    for i in range(2):
        p = tmp_path / f"draft-{i}.txt"
        p.write_text(strong_text + f"\n\nVersion {i}.\n")
        paths.append(str(p))
    missing = str(tmp_path / "missing.txt")
    assert needs_analysis(paths) and needs_analysis(paths, cache=cache)
    check_files(paths, cache=cache)
    assert not needs_analysis([*paths, missing], cache=cache)
    assert needs_analysis(paths, cache=cache, select=["blame"])  # other settings: other entries
    assert not needs_analysis([])


def _sigint_disposition() -> str:
    import signal

    return "ignored" if signal.getsignal(signal.SIGINT) == signal.SIG_IGN else "handled"


def test_parallel_workers_leave_ctrl_c_to_the_parent() -> None:
    """A worker that took Ctrl-C itself would die mid-import with a traceback on stderr."""
    import signal

    from writer.parallel import start_pool

    pool = start_pool(2)
    try:
        assert pool.submit(_sigint_disposition).result(timeout=60) == "ignored"
    finally:
        pool.shutdown()
    assert signal.getsignal(signal.SIGINT) != signal.SIG_IGN  # the parent still handles it


def test_stmts_own_processes_load_without_collections_then_freeze_what_they_loaded(
    write, strong_text
):
    path = write("page.txt", strong_text)
    after_cli = (
        "import gc, sys\nfrom writer.cli import main\n"
        "try:\n    main(args=sys.argv[1:], prog_name='stmt')\nexcept SystemExit:\n    pass\n"
        "print(gc.isenabled(), gc.get_freeze_count() > 10_000)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", after_cli, "check", "--no-cache", str(path)],
        capture_output=True,
        text=True,
    )
    assert out.stdout.split()[-2:] == ["True", "True"]
    # a program using the library keeps its collector as it was
    library = (
        "import gc, sys\nfrom writer.api import check\n"
        "check(open(sys.argv[1]).read())\n"
        "print(gc.isenabled(), gc.get_freeze_count())\n"
    )
    out = subprocess.run([sys.executable, "-c", library, str(path)], capture_output=True, text=True)
    assert out.stdout.split() == ["True", "0"]


def test_a_check_does_not_import_yaml_and_srsly_yaml_still_works(write, strong_text):
    path = write("page.txt", strong_text)
    assert "srsly.ruamel_yaml" not in modules_after("check", "--no-cache", str(path))
    code = (
        "from writer.nlp.pipeline import import_spacy\n"
        "import_spacy()\n"
        "import srsly\n"
        "assert srsly.yaml_loads(srsly.yaml_dumps({'a': [1, 2]})) == {'a': [1, 2]}\n"
        "assert srsly.is_yaml_serializable({'a': 1})\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)
