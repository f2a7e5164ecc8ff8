import re

from click.testing import CliRunner

from untoc_graph.cli import main


def run(*args):
    return CliRunner().invoke(main, list(args))


def test_missing_file_is_one_line_and_exit_2(tmp_path):
    result = run("build", str(tmp_path / "nope.txt"), "-o", str(tmp_path / "out"))
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.strip().splitlines() == [f"Error: {tmp_path / 'nope.txt'}: no such file"]


def test_empty_listing(tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    result = run("build", str(empty), "-o", str(tmp_path / "out"))
    assert result.exit_code == 2
    assert "empty.txt: holds no news entry" in result.stderr
    assert "Traceback" not in result.stderr


def test_unreadable_listing(tmp_path):
    binary = tmp_path / "binary.txt"
    binary.write_bytes(b"Vienna, 8 January 2025. \xff\xfe\x00 text\n")
    result = run("build", str(binary), "-o", str(tmp_path / "out"))
    assert result.exit_code == 2
    assert result.stderr.strip() == f"Error: {binary}:1: is a binary file, not a text listing"


def test_build_prints_a_summary_and_strict_fails_on_warnings(tmp_path):
    listing = tmp_path / "l.txt"
    listing.write_text("Vienna, 8 January 2025. UNODC held a training in Vienna.\nA title alone\n")
    result = run("build", str(listing), "-o", str(tmp_path / "out"))
    assert result.exit_code == 0, result.stderr
    assert "2 entries read: 2 articles" in result.stderr
    assert "warning: l.txt:2: no dateline date" in result.stderr
    assert (tmp_path / "out" / "untoc.ttl").exists()
    strict = run("build", str(listing), "-o", str(tmp_path / "out2"), "--strict")
    assert strict.exit_code == 1


def test_many_warnings_are_summarised_and_listed_in_full(tmp_path):
    listing = tmp_path / "l.txt"
    titles = [f"A title alone, number {n}" for n in range(10)]
    listing.write_text(
        "Vienna, 8 January 2025. UNODC held a training.\n" + "\n".join(titles) + "\n"
    )
    result = run("build", str(listing), "-o", str(tmp_path / "out"), "--no-view", "--no-validate")
    assert result.exit_code == 0, result.stderr
    warnings = [line for line in result.stderr.splitlines() if line.startswith("warning: ")]
    assert len(warnings) < 10 and all(len(line) <= 200 for line in result.stderr.splitlines())
    assert any(line.startswith("warning: … and ") for line in warnings)
    listed = (tmp_path / "out" / "warnings.tsv").read_text().splitlines()
    assert listed[0] == "source\tline\twarning"
    assert len(listed) - 1 == int(re.search(r"(\d+) warnings\b", result.stderr)[1])
    assert listed[1].startswith("l.txt\t2\t")


def test_help_has_examples():
    for command in ("build", "evaluate", "explain"):
        result = run(command, "--help")
        assert result.exit_code == 0 and "Example" in result.stdout


def test_every_command_has_help_with_an_example():
    for command in main.commands:
        result = run(command, "--help")
        assert result.exit_code == 0, command
        assert "untoc-graph " in result.stdout, f"{command} --help shows no example"


def test_ingest_then_remove(tmp_path):
    first, second = tmp_path / "first.txt", tmp_path / "second.txt"
    first.write_text("Vienna, 8 January 2025. UNODC held a training in Vienna on 6 January.\n")
    second.write_text("Lima, 9 January 2025. UNODC held a workshop in Lima on 7 January.\n")
    out = str(tmp_path / "out")
    assert run("build", str(first), "-o", out, "--no-view", "--no-validate").exit_code == 0
    ingested = run("ingest", str(second), "-o", out, "--no-view", "--no-validate")
    assert ingested.exit_code == 0, ingested.stderr
    assert "second.txt" in (tmp_path / "out" / "untoc.ttl").read_text()
    removed = run("remove", "second.txt", "-o", out, "--no-validate")
    assert removed.exit_code == 0, removed.stderr
    turtle = (tmp_path / "out" / "untoc.ttl").read_text()
    assert "second.txt" not in turtle and "first.txt" in turtle
    unknown = run("remove", "third.txt", "-o", out, "--no-validate")
    assert unknown.exit_code == 2 and unknown.stderr.count("\n") == 1


def test_ontology_docs_writes_the_reference(tmp_path):
    from untoc_graph.ontodoc import ontology_markdown

    target = tmp_path / "ontology.md"
    result = run("ontology-docs", "-o", str(target))
    assert result.exit_code == 0, result.stderr
    assert target.read_text() == ontology_markdown()
    assert run("ontology-docs").stdout == ontology_markdown()


def _on_a_terminal(*args: str) -> str:
    """What a command shows on a terminal of 40 rows and 120 columns."""
    import fcntl
    import os
    import pty
    import select
    import struct
    import subprocess
    import sys
    import termios

    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 120, 0, 0))
    process = subprocess.Popen(
        [sys.executable, "-m", "untoc_graph", *args], stdin=slave, stdout=slave, stderr=slave
    )
    os.close(slave)
    shown = b""
    while select.select([master], [], [], 120)[0]:
        try:
            chunk = os.read(master, 1 << 16)
        except OSError:  # the command has ended
            break
        if not chunk:
            break
        shown += chunk
    process.wait(60)
    os.close(master)
    return shown.decode("utf-8", "replace").replace("\r", "\n")


def test_a_terminal_sees_a_bar_for_each_long_stage_and_quiet_sees_none(tmp_path):
    listing = tmp_path / "l.txt"
    listing.write_text("Vienna, 8 January 2025. UNODC held a training in Vienna.\n")
    options = ("--no-view", "--no-validate")
    shown = _on_a_terminal("build", str(listing), "-o", str(tmp_path / "out"), *options)
    assert "extracting l.txt: 100%" in shown and "1/1" in shown
    assert "loading the store: 100%" in shown
    quiet = _on_a_terminal("build", str(listing), "-o", str(tmp_path / "q"), *options, "-q")
    assert "%|" not in quiet and "1 entries read" in quiet


def test_a_terminal_sees_export_progress_and_a_pipe_does_not(built, tmp_path):
    _, output = built
    store = str(output / "store")
    shown = _on_a_terminal(
        "export", "--format", "ttl", "-o", str(tmp_path / "a.ttl"), "--store", store
    )
    assert "writing: 100%" in shown and "graphs" in shown and f"wrote {tmp_path / 'a.ttl'}" in shown
    shown = _on_a_terminal(
        "export", "--format", "nq", "-o", str(tmp_path / "a.nq"), "--store", store
    )
    assert "writing" in shown and "MB" in shown
    piped = run("export", "--format", "ttl", "-o", str(tmp_path / "b.ttl"), "--store", store)
    assert "%|" not in piped.stderr
    assert (tmp_path / "a.ttl").read_bytes() == (tmp_path / "b.ttl").read_bytes()
