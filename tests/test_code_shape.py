"""The shape of the code: small modules, functions and classes, and the English the extractor
relies on kept in ontology/en/ rather than written into the code."""
from __future__ import annotations

import ast
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from kg.datafiles import checked, read_yaml_mapping
from kg.errors import RuleFileError
from kg.knowledge.language import Language

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "kg"
MAX_MODULE_LINES, MAX_FUNCTION_LINES, MAX_CLASS_LINES = 400, 60, 200
MAX_ENGLISH_CUE_WORDS = 10

# kg's own tags, which happen to be English: how a name refers, what typed it, how a token was
# resolved, and the groups of the date patterns.
INTERNAL_TAGS = {"name", "demonym", "capital", "metonym", "state", "acronym", "alias", "people", "place",
                 "gazetteer", "head", "descriptor", "title", "ner", "pronoun", "description",
                 "day", "month", "year", "prep", "qual", "rel", "weekday", "relative", "iso", "fixed", "n",
                 "town", "aside", "accusation"}
LOADERS = {"rulefiles.py", "language.py"}  # their literals are the keys of the data files


def _modules() -> list[Path]:
    return sorted(PACKAGE.rglob("*.py"))


def _sizes() -> list[str]:
    too_big = []
    for path in _modules():
        text = path.read_text(encoding="utf-8")
        where = path.relative_to(ROOT)
        if text.count("\n") > MAX_MODULE_LINES:
            too_big.append(f"{where}: {text.count(chr(10))} lines")
        for node in ast.walk(ast.parse(text)):
            limit = MAX_CLASS_LINES if isinstance(node, ast.ClassDef) else MAX_FUNCTION_LINES
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                length = node.end_lineno - node.lineno + 1
                if length > limit:
                    too_big.append(f"{where}:{node.lineno} {node.name}: {length} lines")
    return too_big


def test_no_module_function_or_class_is_too_long():
    assert _sizes() == []


def _words_of(data, into: set[str]) -> set[str]:
    if isinstance(data, str):
        into.update(data.lower().split())
    elif isinstance(data, dict):
        for key, value in data.items():
            _words_of(key, into)
            _words_of(value, into)
    elif isinstance(data, list):
        for value in data:
            _words_of(value, into)
    return into


def _english_and_labels() -> tuple[set[str], set[str]]:
    from spacy.lang.en.stop_words import STOP_WORDS

    english, labels = set(STOP_WORDS), set()
    for path in (ROOT / "ontology" / "en").glob("*.yaml"):
        _words_of(yaml.safe_load(path.read_text(encoding="utf-8")), labels if path.name == "syntax.yaml" else english)
    lexicon = yaml.safe_load((ROOT / "ontology" / "en" / "lexicon.yaml").read_text(encoding="utf-8"))
    english |= {entry["lemma"] for kind in ("verbs", "nouns") for entry in lexicon[kind]}
    return english, labels


def _string_literals(tree: ast.AST):
    """The string constants of a module but its docstrings, its `__all__`, the messages of its
    errors and the parts of its f-strings."""
    skipped = {id(node.body[0].value) for node in ast.walk(tree)
               if isinstance(node, (ast.Module, ast.FunctionDef, ast.ClassDef)) and node.body
               and isinstance(node.body[0], ast.Expr) and isinstance(node.body[0].value, ast.Constant)}
    for node in ast.walk(tree):
        if isinstance(node, ast.JoinedStr) or (isinstance(node, ast.Assign) and any(
                isinstance(target, ast.Name) and target.id == "__all__" for target in node.targets)):
            skipped |= {id(part) for part in ast.walk(node)}
    for call in ast.walk(tree):
        if isinstance(call, ast.Call) and isinstance(call.func, ast.Name) and call.func.id.endswith("Error"):
            skipped |= {id(node) for arg in call.args for node in ast.walk(arg)}  # messages, f-strings too
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in skipped:
            yield node


def english_cue_words(package: Path = PACKAGE) -> list[str]:
    """String literals of the extractor (the modules of `package`/extraction and /corpus) that are
    English words the language data knows (or English stop words), leaving out dependency labels
    and kg's own tags and construction names."""
    from kg.knowledge.constructions import NOUN_CONSTRUCTIONS, VERB_CONSTRUCTIONS

    english, labels = _english_and_labels()
    labels |= set(VERB_CONSTRUCTIONS) | set(NOUN_CONSTRUCTIONS)
    found = []
    for path in sorted((package / "extraction").rglob("*.py")) + sorted((package / "corpus").glob("*.py")):
        if path.name in LOADERS:
            continue
        for node in _string_literals(ast.parse(path.read_text(encoding="utf-8"))):
            words = node.value.lower().split()
            if not words or not all(re.fullmatch(r"[a-z’']*[a-z][a-z’']*", w) for w in words):
                continue
            if set(words) <= labels | INTERNAL_TAGS or node.value.isupper():  # labels, tags, POS tags
                continue
            if any(w in english for w in words):
                found.append(f"{path.relative_to(package.parent)}:{node.lineno} {node.value!r}")
    return found


def test_the_extractor_writes_at_most_ten_english_cue_words():
    words = english_cue_words()
    assert len(words) <= MAX_ENGLISH_CUE_WORDS, "\n".join(words)


def parser_labels_in_code() -> list[str]:
    """String literals of the extractor that are a label or tag of the parser's scheme (as
    ontology/en/syntax.yaml lists them) rather than kg's role for it."""
    syntax = yaml.safe_load((ROOT / "ontology" / "en" / "syntax.yaml").read_text(encoding="utf-8"))
    tables = (syntax["labels"], syntax["tags"], syntax["entities"])
    roles = {role for table in tables for role in table.values()}
    scheme = {name for table in tables for name in table if name.replace("_", "").isalpha() or name.endswith("$")} - roles
    return [f"{path.relative_to(ROOT)}:{node.lineno} {node.value!r}"
            for path in sorted((PACKAGE / "extraction").rglob("*.py"))
            for node in _string_literals(ast.parse(path.read_text(encoding="utf-8"))) if node.value in scheme]


def test_the_tree_walkers_name_roles_not_the_parser_labels():
    assert parser_labels_in_code() == []


def test_the_cue_word_count_sees_a_cue_word_written_in_code(tmp_path):
    """A package of one module, in a subpackage of extraction, written in tmp_path."""
    probe = tmp_path / "kg" / "extraction" / "relations" / "zz_probe.py"
    probe.parent.mkdir(parents=True)
    probe.write_text('PLANNED = {"will", "might"}\nLABELS = {"nsubj"}\nKIND = "capital"\n', encoding="utf-8")
    assert sorted(english_cue_words(tmp_path / "kg")) == [
        "kg/extraction/relations/zz_probe.py:1 'might'", "kg/extraction/relations/zz_probe.py:1 'will'"]


PROBE = """
from kg.extraction.parsing.nlp import load_pipeline
from kg.extraction.pipeline import extract_article
from kg.knowledge.load import load_rules
from kg.model import Article
ex = extract_article(Article("a", "Chile postponed talks with Norway.", "a.txt"), load_pipeline(), load_rules())
print(sorted({m.modality.value for m, _ in ex.meetings}))
"""


def _probe(ontology: Path | None) -> subprocess.CompletedProcess:
    env = {**os.environ, **({"KG_ONTOLOGY": str(ontology)} if ontology else {})}
    return subprocess.run([sys.executable, "-c", PROBE], env=env, capture_output=True, text=True, timeout=120)


@pytest.fixture()
def english_copy(tmp_path) -> Path:
    folder = tmp_path / "ontology"
    shutil.copytree(ROOT / "ontology", folder)
    return folder


@pytest.mark.slow
def test_modality_cues_are_data(english_copy):
    """The language data is read when the extractor is imported: a fresh process reads the copy."""
    assert _probe(None).stdout.split() == ["['Negated']"]
    path = english_copy / "en" / "modality.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("cancel, postpone,", "cancel,"), encoding="utf-8")
    done = _probe(english_copy)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["['Asserted']"]  # 'postponed' no longer denies the talks


@pytest.mark.parametrize("name, change, message", [
    ("modality", ("\nconditional_markers:", "\nconditional_markers: [if]\nif_words:"),
     "modality.yaml: if_words: Extra inputs are not permitted"),
    ("words", ("conjunction: and", "conjunction: [and]"), "words.yaml: conjunction: Input should be a valid string"),
    ("syntax", ("  nsubj: subject\n", "  nsubj: [subject]\n"), "syntax.yaml: labels.nsubj: Input should be a valid string"),
    ("dates", ("weekdays: {", "weekdays: {someday: x, "), "dates.yaml: weekdays.someday: Input should be a valid integer, unable to parse string as an integer"),
])
def test_a_bad_language_file_is_refused_naming_it_and_the_key(english_copy, name, change, message):
    path = english_copy / "en" / f"{name}.yaml"
    text = path.read_text(encoding="utf-8")
    assert change[0] in text
    path.write_text(text.replace(change[0], change[1], 1), encoding="utf-8")
    with pytest.raises(RuleFileError) as refused:
        checked(Language.model_fields[name].annotation, read_yaml_mapping(path), path)
    assert str(refused.value) == f"{path}: {message.split(': ', 1)[1]}"
