from pathlib import Path

import pytest
from click.testing import CliRunner

from untoc_graph.cli import main
from untoc_graph.evaluate import GoldError, evaluate, read_gold
from untoc_graph.store import open_store
from untoc_graph.vocabulary import Vocabulary

#: The quality the extractor must keep on the bundled corpus (F1 per field).
THRESHOLDS = {
    "date": 0.97,
    "dateline_places": 0.97,
    "countries": 0.93,
    "instruments": 0.93,
    "programmes": 0.93,
    "event_dates": 0.85,
    "organisations": 0.85,
    "persons": 0.85,
}


@pytest.fixture(scope="module")
def scores(built, gold_path):
    _, output = built
    found = evaluate(open_store(output / "store"), read_gold(gold_path), Vocabulary())
    return {s.field: s for s in found}


@pytest.mark.parametrize("field", sorted(THRESHOLDS))
def test_f1_on_the_bundled_corpus(scores, field):
    score = scores[field]
    assert score.f1 >= THRESHOLDS[field], f"{field}: P={score.precision:.3f} R={score.recall:.3f}"


def test_scores_can_fail(built, gold_path, tmp_path):
    """A gold file that disagrees with the graph scores low: the evaluation is not a tautology."""
    _, output = built
    wrong = {
        line: {**record, "countries": ["ZZ"], "date": "1999-01-01"}
        for line, record in read_gold(gold_path).items()
    }
    found = {s.field: s for s in evaluate(open_store(output / "store"), wrong, Vocabulary())}
    assert found["countries"].f1 == 0.0 and found["date"].f1 == 0.0


def test_unreadable_gold_names_file_and_line(tmp_path):
    gold = tmp_path / "gold.jsonl"
    gold.write_text('{"line": 2}\nnot json\n')
    with pytest.raises(GoldError, match=r"gold\.jsonl:2: not a gold record"):
        read_gold(gold)


def test_evaluate_command_prints_a_table(built, gold_path):
    _, output = built
    result = CliRunner().invoke(
        main, ["evaluate", "--gold", str(gold_path), "--store", str(output / "store")]
    )
    assert result.exit_code == 0
    header, *rows = result.stdout.splitlines()
    assert header.split()[:4] == ["field", "precision", "recall", "F1"]
    assert [r.split()[0] for r in rows] == [
        "date",
        "dateline_places",
        "event_dates",
        "countries",
        "instruments",
        "programmes",
        "organisations",
        "persons",
        "event_type",
        "organizers",
        "hosts",
        "funders",
        "participant_states",
        "speakers",
        "treaty_actions",
    ]


def test_explain_quotes_the_evidence(built):
    _, output = built
    result = CliRunner().invoke(
        main, ["explain", "Firearms Protocol", "--store", str(output / "store")]
    )
    assert result.exit_code == 0
    assert result.stdout.startswith("instrument:FIREARMS (entity)")
    assert "← “Firearms Protocol”" in result.stdout


def test_explain_unknown_name_is_one_line(built):
    _, output = built
    result = CliRunner().invoke(main, ["explain", "Atlantis", "--store", str(output / "store")])
    assert result.exit_code == 2
    assert (
        result.stderr.strip()
        == "Error: nothing in the graph is named 'Atlantis'; try an IRI or a prefixed name"
    )


def test_a_gold_folder_scores_each_listing_by_its_own_lines(tmp_path, lexicon):
    """Two listings with an entry on the same line: each gold record scores its own entry."""
    from untoc_graph.pipeline import build

    folder = tmp_path / "gold"
    folder.mkdir()
    (folder / "a.txt").write_text("Vienna, 8 January 2025. UNODC met Iraq. Read more\n")
    (folder / "b.txt").write_text("Bogota (Colombia), 3 March 2024 - A meeting on Peru.\n")
    (folder / "a.gold.jsonl").write_text('{"line": 1, "date": "2025-01-08", "countries": ["IQ"]}\n')
    (folder / "b.gold.jsonl").write_text(
        '{"line": 1, "date": "2024-03-03", "countries": ["CO", "PE"]}\n'
    )
    build(
        sorted(folder.glob("*.txt")), tmp_path / "out", lexicon=lexicon, view=False, validate=False
    )
    gold = read_gold(folder)
    assert set(gold) == {("a-txt", 1), ("b-txt", 1)}
    found = {
        s.field: s for s in evaluate(open_store(tmp_path / "out" / "store"), gold, Vocabulary())
    }
    assert found["date"].f1 == 1.0 and found["countries"].f1 == 1.0
    swapped = {("a-txt", 1): gold[("b-txt", 1)], ("b-txt", 1): gold[("a-txt", 1)]}
    found = {
        s.field: s for s in evaluate(open_store(tmp_path / "out" / "store"), swapped, Vocabulary())
    }
    assert found["date"].f1 == 0.0


#: The quality the extractor must keep on the development corpus (tests/gold/dev), F1 per field.
DEV_THRESHOLDS = {
    "date": 0.95,
    "dateline_places": 0.95,
    "countries": 0.95,
    "instruments": 0.95,
    "programmes": 0.90,
    "organisations": 0.90,
    "persons": 0.90,
    "event_dates": 0.90,
}


@pytest.fixture(scope="module")
def dev_scores(dev_built):
    gold = read_gold(Path(__file__).parent / "gold" / "dev")
    return {s.field: s for s in evaluate(open_store(dev_built / "store"), gold, Vocabulary())}


@pytest.mark.parametrize("field", sorted(DEV_THRESHOLDS))
def test_f1_on_the_development_corpus(dev_scores, field):
    score = dev_scores[field]
    assert score.f1 >= DEV_THRESHOLDS[field], (
        f"{field}: P={score.precision:.3f} R={score.recall:.3f}"
    )


#: Roles: a wrong role is worse than a missing one, so precision holds at 0.90 for every role;
#: F1 must not fall below what the rules reach today (the target is 0.85, 0.90 for treaty
#: actions; see docs/extraction.md for where each role stands).
ROLE_FLOORS = {
    "organizers": 0.85,
    "hosts": 0.85,
    "funders": 0.85,
    "participant_states": 0.85,
    "speakers": 0.90,
    "treaty_actions": 0.90,
}


@pytest.mark.parametrize("field", sorted(ROLE_FLOORS))
def test_roles_on_the_development_corpus(dev_scores, field):
    score = dev_scores[field]
    assert score.precision >= 0.90 and score.f1 >= ROLE_FLOORS[field], (
        f"{field}: P={score.precision:.3f} R={score.recall:.3f} F1={score.f1:.3f}"
    )
