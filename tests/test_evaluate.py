"""The TimeML reader, the TE3 scorer, the case-file reader and run_eval."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import attrs
import pytest

from timeline.evaluate import (
    DEFAULT_EXCLUDED,
    CaseFileError,
    Counts,
    EvalInputError,
    SystemTimex,
    check_case,
    check_floors,
    evaluate_cases,
    evaluate_documents,
    evaluate_timeml,
    format_report,
    pair_timexes,
    parse_case_line,
    read_cases,
    report_to_dict,
    run_eval,
    score_document,
    scores,
)
from timeline.timeml import GoldTimex, TimeMLError, parse_dct_value, read_timeml

REPO = Path(__file__).resolve().parents[1]
TBAQ = REPO.parent / "shared" / "corpora" / "tbaq"


# --------------------------------------------------------------------------
# helpers


@attrs.frozen
class Found:
    """What a predictor returns: only the fields the scorer reads."""

    start: int
    end: int
    type: str
    value: str
    mod: str | None = None


def gold_at(text: str, phrase: str, type_: str, value: str, *, nth: int = 0, tid: str = "t") -> GoldTimex:
    start = -1
    for _ in range(nth + 1):
        start = text.index(phrase, start + 1)
    return GoldTimex(tid, start, start + len(phrase), phrase, type_, value)


def found_at(text: str, phrase: str, type_: str, value: str, mod: str | None = None) -> Found:
    start = text.index(phrase)
    return Found(start, start + len(phrase), type_, value, mod)


def as_system(text: str, items: list[Found]) -> list[SystemTimex]:
    return [SystemTimex(f.start, f.end, text[f.start : f.end], f.type, f.value, f.mod) for f in items]


def tml(text_body: str, dct: str = "1998-01-08", docid: str = "DOC1") -> str:
    return (
        '<?xml version="1.0" ?>\n<TimeML>\n'
        f"<DOCID>{docid}</DOCID>\n"
        f'<DCT><TIMEX3 tid="t0" type="DATE" value="{dct}" functionInDocument="CREATION_TIME">{dct}</TIMEX3></DCT>\n'
        f"<TEXT>{text_body}</TEXT>\n</TimeML>\n"
    )


# --------------------------------------------------------------------------
# TimeML reader


def test_reader_strips_tags_and_unescapes_entities_with_offsets_into_plain_text() -> None:
    body = (
        'AT&amp;T <EVENT eid="e1" class="REPORTING">said</EVENT> '
        '<TIMEX3 tid="t1" type="DATE" value="1998-01-07">Wednesday</TIMEX3> that &quot;profits&quot; '
        '<EVENT eid="e2">rose</EVENT> <SIGNAL sid="s1">in</SIGNAL> '
        '<TIMEX3 tid="t2" type="DATE" value="1997-Q4" mod="END">the &lt;late&gt; fourth quarter</TIMEX3>.'
    )
    doc = read_timeml(tml(body, dct="19980108"))
    assert doc.text == 'AT&T said Wednesday that "profits" rose in the <late> fourth quarter.'
    assert doc.docid == "DOC1"
    assert doc.dct == dt.date(1998, 1, 8) and doc.dct_value == "19980108"
    assert doc.published == "1998-01-08"
    first, second = doc.timexes
    assert first == GoldTimex("t1", 10, 19, "Wednesday", "DATE", "1998-01-07", None)
    assert doc.text[second.start : second.end] == "the <late> fourth quarter" == second.text
    assert second.mod == "END"


def test_reader_keeps_text_of_tags_nested_inside_a_timex() -> None:
    body = 'Sales rise <TIMEX3 tid="t1" type="DATE" value="1999">early <SIGNAL sid="s1">next</SIGNAL> year</TIMEX3>.'
    doc = read_timeml(tml(body))
    (timex,) = doc.timexes
    assert doc.text == "Sales rise early next year."
    assert (timex.start, timex.end, timex.text) == (11, 26, "early next year")


def test_reader_skips_empty_timexes_and_reads_datetime_dcts() -> None:
    body = 'Now <TIMEX3 tid="t9" type="DURATION" value="P1D"/> and <TIMEX3 tid="t1" type="DATE" value="PRESENT_REF">now</TIMEX3>'
    doc = read_timeml(tml(body, dct="1998-01-08T12:00:00"))
    assert [t.tid for t in doc.timexes] == ["t1"]
    assert doc.dct == dt.datetime(1998, 1, 8, 12, 0, 0)
    assert doc.published == "1998-01-08T12:00:00"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("1998-01-08", dt.date(1998, 1, 8)),
        ("19980108", dt.date(1998, 1, 8)),
        ("1998-01-08T12:00", dt.datetime(1998, 1, 8, 12, 0)),
        ("1998-01-08T12:00:30", dt.datetime(1998, 1, 8, 12, 0, 30)),
        ("19980108T1205", dt.datetime(1998, 1, 8, 12, 5)),
    ],
)
def test_dct_values(value: str, expected: dt.date) -> None:
    assert parse_dct_value(value) == expected


@pytest.mark.parametrize(
    ("xml", "message"),
    [
        (tml("unclosed <EVENT>tag</TEXT>"), "malformed XML"),
        ("<TimeML><DOCID>X</DOCID><TEXT>No DCT here.</TEXT></TimeML>", "no DCT"),
        (tml("text", dct="1998-W02"), "not a date"),
        (tml("text", dct="1998-02-30"), "not a valid date"),
        ('<TimeML><DCT><TIMEX3 tid="t0" value="1998-01-08" functionInDocument="CREATION_TIME"/></DCT></TimeML>', "no <TEXT>"),
    ],
)
def test_reader_errors_are_one_line(xml: str, message: str) -> None:
    with pytest.raises(TimeMLError) as caught:
        read_timeml(xml)
    assert message in str(caught.value)
    assert "\n" not in str(caught.value)
    assert isinstance(caught.value, ValueError)


def test_reader_reports_a_missing_file(tmp_path: Path) -> None:
    with pytest.raises(TimeMLError, match="cannot read"):
        read_timeml(tmp_path / "absent.tml")


# --------------------------------------------------------------------------
# scorer


def test_scorer_hand_computed_document() -> None:
    text = "On Monday morning the board met and it will vote on March 3, 2024, in two weeks."
    gold = [
        gold_at(text, "Monday morning", "TIME", "2024-04-01TMO"),
        gold_at(text, "March 3, 2024", "DATE", "2024-03-03"),
        gold_at(text, "two weeks", "DURATION", "P2W"),
    ]
    system = as_system(
        text,
        [
            found_at(text, "Monday", "DATE", "2024-04-01"),  # relaxed only; type and value wrong
            found_at(text, "March 3, 2024", "DATE", "2024-03-04"),  # strict; value wrong
            found_at(text, "board", "DATE", "PRESENT_REF"),  # spurious
        ],
    )
    counts, errors = score_document("d1", text, gold, system)
    assert counts == Counts(gold=3, system=3, strict=1, relaxed=2, type_correct=1, value_correct=0, mod_correct=2)
    figures = scores(counts)
    assert figures["strict_precision"] == pytest.approx(1 / 3)
    assert figures["strict_recall"] == pytest.approx(1 / 3)
    assert figures["strict_f1"] == pytest.approx(1 / 3)
    assert figures["relaxed_f1"] == pytest.approx(2 / 3)
    assert figures["type_accuracy"] == pytest.approx(1 / 2)
    assert figures["type_f1"] == pytest.approx(1 / 3)
    assert figures["value_f1"] == 0.0
    kinds = sorted((e.kind, e.text) for e in errors)
    assert kinds == [
        ("missed", "two weeks"),
        ("span", "Monday morning"),
        ("spurious", "board"),
        ("type", "Monday morning"),
        ("value", "March 3, 2024"),
        ("value", "Monday morning"),
    ]
    value_error = next(e for e in errors if e.kind == "value" and e.text == "March 3, 2024")
    assert (value_error.expected, value_error.got) == ("2024-03-03", "2024-03-04")
    assert value_error.context.endswith("[March 3, 2024], in two weeks.")


def test_te3_attribute_f1_equals_f1_of_attribute_precision_and_recall() -> None:
    counts = Counts(gold=40, system=30, strict=20, relaxed=25, type_correct=22, value_correct=17)
    figures = scores(counts)
    for correct, name in ((counts.type_correct, "type_f1"), (counts.value_correct, "value_f1")):
        p, r = correct / counts.system, correct / counts.gold
        assert figures[name] == pytest.approx(2 * p * r / (p + r))
        assert figures[name] == pytest.approx(2 * correct / (counts.gold + counts.system))


def test_relaxed_pairing_is_one_to_one_in_document_order() -> None:
    # one gold, two system expressions inside it: one match, one spurious
    assert pair_timexes([(0, 14)], [(0, 6), (7, 14)]) == [(0, 0)]
    # two gold, one system expression covering both: the first gold is matched
    assert pair_timexes([(0, 6), (7, 14)], [(0, 14)]) == [(0, 0)]
    # touching but not overlapping spans do not match
    assert pair_timexes([(0, 6)], [(6, 10)]) == []
    # an exact match wins over an earlier overlapping system span
    assert pair_timexes([(3, 8)], [(0, 4), (3, 8)]) == [(0, 1)]


def test_spurious_and_missed_counts_in_pairing() -> None:
    text = "Monday morning was cold."
    gold = [gold_at(text, "Monday morning", "TIME", "2024-04-01TMO")]
    system = as_system(
        text, [found_at(text, "Monday", "DATE", "2024-04-01"), found_at(text, "morning", "TIME", "2024-04-01TMO")]
    )
    counts, errors = score_document("d", text, gold, system)
    assert (counts.relaxed, counts.strict, counts.system) == (1, 0, 2)
    assert [e.kind for e in errors if e.kind == "spurious"] == ["spurious"]


def test_micro_average_over_two_documents() -> None:
    one = "It fell on Friday."
    two = "Friday, Saturday and Sunday were quiet."
    gold = {
        one: [gold_at(one, "Friday", "DATE", "1998-01-02")],
        two: [
            gold_at(two, "Friday", "DATE", "1998-01-02"),
            gold_at(two, "Saturday", "DATE", "1998-01-03"),
            gold_at(two, "Sunday", "DATE", "1998-01-04"),
        ],
    }

    def predictor(text: str, published: str) -> list[Found]:
        assert published == "1998-01-08"
        return [found_at(text, "Friday", "DATE", "1998-01-02")]

    from timeline.timeml import TimeMLDocument

    docs = [
        (f"{name}.tml", TimeMLDocument(name, dt.date(1998, 1, 8), "1998-01-08", text, tuple(gold[text])))
        for name, text in (("one", one), ("two", two))
    ]
    report = evaluate_documents(docs, predictor)
    assert report.counts == Counts(gold=4, system=2, strict=2, relaxed=2, type_correct=2, value_correct=2, mod_correct=2)
    figures = report.scores
    assert figures["relaxed_precision"] == 1.0
    assert figures["relaxed_recall"] == 0.5
    # micro: 2/3; a macro average of the two documents' F1 (1.0 and 0.5) would be 0.75
    assert figures["relaxed_f1"] == pytest.approx(2 / 3)
    assert [d.counts.gold for d in report.documents] == [1, 3]
    assert sum(e.kind == "missed" for e in report.errors) == 2


def test_a_crashing_predictor_is_recorded_not_raised() -> None:
    from timeline.timeml import TimeMLDocument

    doc = TimeMLDocument("x", dt.date(2024, 4, 2), "2024-04-02", "Today.", (GoldTimex("t1", 0, 5, "Today", "DATE", "2024-04-02"),))

    def broken(text: str, published: str) -> list[Found]:
        raise RuntimeError("boom")

    report = evaluate_documents([("x.tml", doc)], broken)
    assert report.crashes == 1
    assert report.counts.system == 0 and report.counts.gold == 1
    assert "RuntimeError: boom" in format_report(report, errors=True)


def test_no_gold_and_no_system_is_perfect_as_in_te3() -> None:
    assert scores(Counts())["value_f1"] == 1.0


# --------------------------------------------------------------------------
# report output, floors, run_eval


def write_corpus(folder: Path) -> dict[str, list[GoldTimex]]:
    """Two small TimeML files, plus one named like the default exclusion."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "a.tml").write_text(
        tml('Talks ended <TIMEX3 tid="t1" type="DATE" value="1998-01-07">Wednesday</TIMEX3>.', docid="A")
    )
    (folder / "sub").mkdir(exist_ok=True)
    (folder / "sub" / "b.tml").write_text(
        tml(
            'Prices rose <TIMEX3 tid="t1" type="DURATION" value="P3Y">three years</TIMEX3> after '
            '<TIMEX3 tid="t2" type="DATE" value="1995">1995</TIMEX3>.',
            docid="B",
        )
    )
    (folder / DEFAULT_EXCLUDED[0]).write_text(tml("nothing", docid="EXCLUDED"))
    return {}


def perfect(text: str, published: str) -> list[Found]:
    table = {
        "Talks ended Wednesday.": [found_at("Talks ended Wednesday.", "Wednesday", "DATE", "1998-01-07")],
        "Prices rose three years after 1995.": [
            found_at("Prices rose three years after 1995.", "three years", "DURATION", "P3Y"),
            found_at("Prices rose three years after 1995.", "1995", "DATE", "1995"),
        ],
    }
    return table.get(text, [])


def wrong_values(text: str, published: str) -> list[Found]:
    return [attrs.evolve(f, value="XXXX") for f in perfect(text, published)]


def test_folders_are_recursive_sorted_and_skip_default_exclusions(tmp_path: Path) -> None:
    write_corpus(tmp_path)
    report = evaluate_timeml([tmp_path], perfect)
    assert [d.docid for d in report.documents] == ["A", "B"]
    named = evaluate_timeml([tmp_path / DEFAULT_EXCLUDED[0]], perfect)
    assert [d.docid for d in named.documents] == ["EXCLUDED"]


def test_report_dict_has_stable_keys_and_percentages(tmp_path: Path) -> None:
    write_corpus(tmp_path)
    data = report_to_dict(evaluate_timeml([tmp_path], wrong_values))
    assert list(data) == ["kind", "documents", "counts", "scores", "per_document", "errors"]
    assert data["scores"]["relaxed_f1"] == 100.0 and data["scores"]["value_f1"] == 0.0
    assert {e["kind"] for e in data["errors"]} == {"value"}
    json.dumps(data)


def test_check_floors_uses_percentages_and_rejects_unknown_names(tmp_path: Path) -> None:
    write_corpus(tmp_path)
    report = evaluate_timeml([tmp_path], wrong_values)
    assert check_floors(report, {"relaxed_f1": 100, "value_f1": 1}) == ["value_f1"]
    assert check_floors(report, {"value_f1": None, "case_pass_rate": 50}) == []
    with pytest.raises(ValueError, match="unknown floor"):
        check_floors(report, {"value_f2": 1})


def test_run_eval_exit_codes(tmp_path: Path) -> None:
    write_corpus(tmp_path)
    folder = str(tmp_path)
    text, code = run_eval([folder], errors=False, as_json=False, floors={"value_f1": 100.0}, predictor=perfect)
    assert code == 0 and "relaxed" in text and "ok" in text
    text, code = run_eval([folder], errors=True, as_json=False, floors={"value_f1": 50.0}, predictor=wrong_values)
    assert code == 1 and "FAILED" in text and "== value (3) ==" in text
    text, code = run_eval([folder], errors=False, as_json=True, floors={"relaxed_f1": 90.0}, predictor=wrong_values)
    data = json.loads(text)
    assert code == 0 and data["failed_floors"] == [] and data["cases"] is None
    assert data["floors"]["relaxed_f1"] == {"min": 90.0, "actual": 100.0, "passed": True}
    # no floors: always 0
    assert run_eval([folder], errors=False, as_json=False, floors={}, predictor=wrong_values)[1] == 0


def test_run_eval_floor_on_a_score_no_input_produced_fails(tmp_path: Path) -> None:
    cases = tmp_path / "dates.tsv"
    cases.write_text("It fell on [Friday].\t1998-01-08\tDATE\t1998-01-02\n")

    def finds_friday(text: str, published: str) -> list[Found]:
        return [found_at(text, "Friday", "DATE", "1998-01-02")]

    text, code = run_eval([str(cases)], errors=False, as_json=False, floors={"value_f1": 10.0}, predictor=finds_friday)
    assert code == 1 and "not computed" in text
    text, code = run_eval(
        [str(cases)], errors=False, as_json=False, floors={"case_pass_rate": 100.0}, predictor=finds_friday
    )
    assert code == 0 and "1/1 passed" in text


def test_run_eval_rejects_unusable_paths(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("hello")
    with pytest.raises(EvalInputError, match="no such file"):
        run_eval([str(tmp_path / "missing.tml")], errors=False, as_json=False, floors={})
    with pytest.raises(EvalInputError, match="not a .tml"):
        run_eval([str(tmp_path / "notes.txt")], errors=False, as_json=False, floors={})
    with pytest.raises(EvalInputError, match="no .tml or .tsv"):
        run_eval([str(tmp_path)], errors=False, as_json=False, floors={})


# --------------------------------------------------------------------------
# case files


def test_case_line_with_brackets_and_mod() -> None:
    case = parse_case_line("Prices rose in [late 2022].\t2024-04-02\tDATE\t2022\tEND", negative=False)
    assert case is not None
    assert case.text == "Prices rose in late 2022."
    assert case.span == (15, 24) and case.bracketed == "late 2022"
    assert (case.type, case.value, case.mod, case.check_mod) == ("DATE", "2022", "END", True)


def test_case_line_without_brackets_is_the_whole_text_and_dash_means_no_mod() -> None:
    case = parse_case_line("last year\t2024-04-02\tDATE\t2023\t-", negative=False)
    assert case is not None and case.span == (0, 9)
    assert case.mod is None and case.check_mod
    unchecked = parse_case_line("last year\t2024-04-02\tDATE\t2023", negative=False)
    assert unchecked is not None and not unchecked.check_mod


def test_comments_and_blank_lines_are_skipped() -> None:
    assert parse_case_line("# a comment\twith tabs", negative=False) is None
    assert parse_case_line("   \n", negative=True) is None


@pytest.mark.parametrize(
    ("line", "negative", "message"),
    [
        ("no tabs here", False, "columns"),
        ("[a] [b]\t2024-04-02\tDATE\t2024", False, "one [ ] pair"),
        ("]a[\t2024-04-02\tDATE\t2024", False, "one [ ] pair"),
        ("[]x\t2024-04-02\tDATE\t2024", False, "empty [ ]"),
        ("today\t02/04/2024\tDATE\t2024-04-02", False, "YYYY-MM-DD"),
        ("today\t2024-02-30\tDATE\t2024-02-30", False, "not a valid date"),
        ("today\t2024-04-02\tDAY\t2024-04-02", False, "type"),
        ("today\t2024-04-02\tDATE\t2024-04-02\tSOON", False, "mod"),
        ("today\t2024-04-02\tDATE\t2024-04-02", True, "columns"),
    ],
)
def test_bad_case_lines(line: str, negative: bool, message: str) -> None:
    with pytest.raises(CaseFileError, match=re.escape(message)) as caught:
        parse_case_line(line, negative=negative, source="x.tsv", line_no=7)
    assert str(caught.value).startswith("x.tsv:7: ")


def test_check_case_positive() -> None:
    case = parse_case_line("The summit opened on March 3. [The next day] talks collapsed.\t2024-04-02\tDATE\t2024-03-04", negative=False)
    assert case is not None
    text = case.text
    right = found_at(text, "The next day", "DATE", "2024-03-04")
    assert check_case(case, [found_at(text, "March 3", "DATE", "2024-03-03"), right]).passed
    wrong_value = check_case(case, [attrs.evolve(right, value="2024-03-05")])
    assert not wrong_value.passed and "value 2024-03-05, expected 2024-03-04" in wrong_value.reason
    narrower = check_case(case, [found_at(text, "next day", "DATE", "2024-03-04")])
    assert not narrower.passed and narrower.reason.startswith("span differs")
    assert "not found" in check_case(case, []).reason


def test_check_case_mod() -> None:
    case = parse_case_line("[about three weeks]\t2024-04-02\tDURATION\tP3W\tAPPROX", negative=False)
    assert case is not None
    assert check_case(case, [Found(0, 17, "DURATION", "P3W", "APPROX")]).passed
    assert not check_case(case, [Found(0, 17, "DURATION", "P3W")]).passed
    no_mod = parse_case_line("three weeks\t2024-04-02\tDURATION\tP3W\t-", negative=False)
    assert no_mod is not None
    assert not check_case(no_mod, [Found(0, 11, "DURATION", "P3W", "APPROX")]).passed


def test_check_case_negative() -> None:
    anywhere = parse_case_line("Prices may fall.\t2024-04-02", negative=True)
    assert anywhere is not None and anywhere.span is None
    assert check_case(anywhere, []).passed
    assert not check_case(anywhere, [Found(7, 10, "DATE", "2024-05")]).passed
    bracketed = parse_case_line("A [Boeing 787] landed on Monday.\t2024-04-02", negative=True)
    assert bracketed is not None
    monday = found_at(bracketed.text, "Monday", "DATE", "2024-04-01")
    assert check_case(bracketed, [monday]).passed
    assert not check_case(bracketed, [found_at(bracketed.text, "787", "DATE", "0787")]).passed


def test_read_cases_and_evaluate_cases(tmp_path: Path) -> None:
    (tmp_path / "days.tsv").write_text(
        "# text\tpublished\ttype\tvalue[\tmod]\n\n"
        "It fell on [Friday].\t1998-01-08\tDATE\t1998-01-02\n"
        "It rose on [Monday].\t1998-01-08\tDATE\t1998-01-05\n"
    )
    (tmp_path / "negative.tsv").write_text("# text\tpublished\nPrices may fall.\t1998-01-08\n")
    cases = read_cases(tmp_path / "days.tsv")
    assert [c.line for c in cases] == [3, 4]
    assert cases[0].id == "days.tsv:3"

    def finds_friday(text: str, published: str) -> list[Found]:
        return [found_at(text, "Friday", "DATE", "1998-01-02")] if "Friday" in text else []

    report = evaluate_cases([tmp_path], finds_friday)
    assert (report.total, report.passed) == (3, 2)
    assert report.by_file() == {"days.tsv": (1, 2), "negative.tsv": (1, 1)}
    printed = format_report(report, errors=True)
    assert "days.tsv:4" in printed and "2/3 passed" in printed
    assert report_to_dict(report)["failures"][0]["id"] == "days.tsv:4"


# --------------------------------------------------------------------------
# the shared TBAQ corpus

needs_tbaq = pytest.mark.skipif(not TBAQ.is_dir(), reason=f"{TBAQ} is absent")


@needs_tbaq
def test_tbaq_reads_cleanly_with_offsets_matching_the_text() -> None:
    from timeline.evaluate import collect_files

    files = collect_files([TBAQ], ".tml")
    assert len(files) == 255
    total = 0
    for path in files:
        doc = read_timeml(path)
        total += len(doc.timexes)
        assert all(doc.text[t.start : t.end] == t.text for t in doc.timexes), path
    assert total == 1810


@needs_tbaq
def test_tbaq_scores_perfectly_against_itself() -> None:
    gold = {}
    for path in sorted(TBAQ.rglob("*.tml")):
        doc = read_timeml(path)
        gold[doc.text] = doc.timexes

    report = evaluate_timeml([TBAQ], lambda text, published: gold[text])
    assert report.counts.gold == report.counts.system == report.counts.strict == 1810
    assert report.scores["value_f1"] == 1.0 and not report.errors


@needs_tbaq
def test_tbaq_with_the_real_builder_runs_without_crashing() -> None:
    report = evaluate_timeml([TBAQ])
    crashes = [e.got for e in report.errors if e.kind == "crash"]
    assert not crashes, crashes[:3]
    assert report.counts.gold == 1810
    assert 0.0 <= report.scores["value_f1"] <= 1.0
