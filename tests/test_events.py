"""Events and their headlines, from hand-built expressions (independent of the recognizer)."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import jsonschema
import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from timeline import events
from timeline.events import build_events, clauses_of, make_headline
from timeline.model import Document, Event, Expression, Interval
from timeline.sentences import Span, split_sentences

SAMPLES = Path(__file__).resolve().parents[1].parent / "shared" / "samples"
SCHEMA = Path(__file__).resolve().parents[1] / "timeline" / "schema" / "timeline.schema.json"

PUBLISHED = Document(dt.datetime(2024, 3, 14))
MAX_HEADLINE = events.headline_rules().max_length


def day(year: int, month: int, day_: int) -> Interval:
    start = dt.datetime(year, month, day_)
    return Interval(start, start + dt.timedelta(days=1))


def month(year: int, month_: int) -> Interval:
    return Interval(dt.datetime(year, month_, 1), dt.datetime(year + month_ // 12, month_ % 12 + 1, 1))


def year(year_: int) -> Interval:
    return Interval(dt.datetime(year_, 1, 1), dt.datetime(year_ + 1, 1, 1))


def expression(
    text: str,
    phrase: str,
    value: str,
    grain: str | None,
    interval: Interval | None,
    *,
    number: int = 1,
    occurrence: int = 0,
    type_: str = "DATE",
    relation: str | None = None,
    mod: str | None = None,
) -> Expression:
    starts = [match.start() for match in re.finditer(re.escape(phrase), text)]
    start = starts[occurrence]
    return Expression(
        id=f"t{number}",
        text=phrase,
        start=start,
        end=start + len(phrase),
        type=type_,
        value=value,
        grain=grain,
        interval=interval,
        relation=relation,
        mod=mod,
    )


def dated(events: tuple[Event, ...]) -> list[Event]:
    """The events with a date of their own (not the publication, not inferred)."""
    return [event for event in events if event.kind == "event" and not event.inferred]


# ---------------------------------------------------------------------------
# Headlines


@pytest.mark.parametrize(
    ("clause", "expr_text", "headline"),
    [
        # The date and its preposition go; the attribution goes.
        (
            "Gov. Alvarez held a meeting with Chief Okafor, the tribal leader, on Thursday afternoon"
            " to discuss water rights, including dams and wells, as the state faces a drought,"
            " according to state and tribal officials.",
            "Thursday afternoon",
            "Gov. Alvarez held a meeting with Chief Okafor, the tribal leader, to discuss water rights, including dams and wells, as the state faces a drought",
        ),
        ("The two chess players last met in May 2019.", "May 2019", "The two chess players last met"),
        ("Since last spring, the union and the port have tried to avoid a strike.", "last spring",
         "The union and the port have tried to avoid a strike"),
        ("But the mayor signed the budget on Friday, officials said.", "Friday", "The mayor signed the budget"),
        ("However, the bakery reported a loss in the third quarter, according to a filing.", "the third quarter",
         "The bakery reported a loss"),
        ("Despite this, lawmakers approved the measure late on Tuesday.", "Tuesday", "Lawmakers approved the measure"),
        ("Meanwhile, Tuesday’s vote was delayed.", "Tuesday", "The vote was delayed"),
        ("The talks, on Monday, ended without a deal.", "Monday", "The talks ended without a deal"),
        ("WASHINGTON (AP) — The Senate passed the bill on Thursday.", "Thursday", "The Senate passed the bill"),
        # "X said that" goes; "X said it" stays (the pronoun needs its subject).
        ("The ministry said that exports fell sharply in March.", "March", "Exports fell sharply"),
        ("Officials said the bridge will reopen next week.", "next week", "The bridge will reopen"),
        ("The ministry said it will publish the figures in June.", "June", "The ministry said it will publish the figures"),
        ("The port spokesman briefing reporters mentioned that the strike on Monday was short.", "Monday",
         "The strike was short"),
        ("The budget, as per a council summary of the session, was cut in 2023.", "2023", "The budget was cut"),
        ("In a statement on Monday, the bakery said it had closed two shops.", "Monday",
         "The bakery said it had closed two shops"),
        ("The storm made landfall early Sunday near the border, the weather service said.", "Sunday",
         "The storm made landfall near the border"),
        # Long ones lose a relative clause first, then are cut at a clause boundary.
        (
            "Ms. Rivera, the city’s budget director, who joined the administration in 2019 after a decade at"
            " the state comptroller’s office, warned on Wednesday that the shortfall would grow.",
            "Wednesday",
            "Ms. Rivera, the city’s budget director, warned that the shortfall would grow",
        ),
        ("Sales rose 3.5 percent last year at the U.S.", "last year", "Sales rose 3.5 percent at the U.S."),
        # Nothing but a date: say what there is.
        ("Meanwhile, in 2020.", "2020", "In 2020"),
        ("The mayor spoke.", None, "The mayor spoke"),
    ],
)
def test_make_headline(clause: str, expr_text: str | None, headline: str) -> None:
    assert make_headline(clause, expr_text) == headline


def test_long_headlines_are_cut_at_a_boundary_after_the_verb() -> None:
    clause = (
        "Dana Whitfield, the county’s longtime emergency manager, coordinated shelters, supply convoys,"
        " and volunteer crews across three valleys, calling for more state money."
    )
    headline = make_headline(clause + " The county declared an emergency on the same day, and the state followed.")
    assert len(headline) <= MAX_HEADLINE
    assert headline.endswith("…")
    assert "coordinated" in headline
    assert not headline[:-1].endswith((" ", ","))


@pytest.mark.parametrize("words", [3, 40, 400])
def test_headline_length_and_form(words: int) -> None:
    clause = "The committee approved " + " ".join(["funding"] * words) + " on Monday."
    headline = make_headline(clause, "Monday")
    assert 0 < len(headline) <= MAX_HEADLINE
    assert headline[0].isupper()
    assert "Monday" not in headline
    assert headline.endswith("…") == (len(clause) > 100)


# ---------------------------------------------------------------------------
# Clauses


def test_clauses_split_where_each_side_has_a_verb() -> None:
    text = "The deal collapsed in May after talks broke down in April."
    sentence = split_sentences(text)[0]
    assert [text[c.start : c.end] for c in clauses_of(text, sentence)] == [
        "The deal collapsed in May",
        "talks broke down in April.",
    ]


def test_clauses_stay_whole_without_a_second_verb() -> None:
    text = "Since March, both the union and the port have tried to reach a deal after a bitter strike."
    sentence = split_sentences(text)[0]
    assert len(clauses_of(text, sentence)) == 1


def test_attribution_is_a_clause_of_its_own() -> None:
    text = "The plan is a draft, said an aide who spoke on Monday night."
    sentence = split_sentences(text)[0]
    clauses = clauses_of(text, sentence)
    assert [(text[c.start : c.end], c.kind) for c in clauses] == [
        ("The plan is a draft", "main"),
        ("an aide who spoke on Monday night.", "attribution"),
    ]


def test_said_after_a_relative_clause_is_the_verb_not_an_attribution() -> None:
    text = "Mayor Ruiz, who toured the pier, said repairs had ended."
    sentence = split_sentences(text)[0]
    clauses = clauses_of(text, sentence)
    assert [(c.kind, c.lead) for c in clauses] == [("main", ""), ("relative", "Mayor Ruiz")]
    main, relative = clauses
    assert main.own_words(text, 0, 0)[0] == "Mayor Ruiz said repairs had ended."
    assert relative.own_words(text, 0, 0)[0] == "Mayor Ruiz toured the pier"


# ---------------------------------------------------------------------------
# Events


def test_publication_event() -> None:
    events = build_events("", PUBLISHED, [])
    assert len(events) == 1
    publication = events[0]
    assert publication.kind == "publication"
    assert publication.headline == "Article published"
    assert (publication.sentence, publication.start, publication.end, publication.expression) == ("", 0, 0, None)
    assert (publication.value, publication.grain) == ("2024-03-14", "day")
    assert publication.interval == day(2024, 3, 14)


def test_publication_with_a_time_is_still_its_day() -> None:
    document = Document(dt.datetime(2024, 3, 14, 17, 30), published_has_time=True)
    publication = build_events("", document, [])[0]
    assert publication.value == "2024-03-14"
    assert publication.interval == day(2024, 3, 14)


def test_one_event_per_dated_sentence() -> None:
    text = "The council met on Monday. Nothing was decided. The vote is set for April."
    monday = expression(text, "Monday", "2024-03-11", "day", day(2024, 3, 11), number=1)
    april = expression(text, "April", "2024-04", "month", month(2024, 4), number=2)
    events = build_events(text, PUBLISHED, [april, monday])
    # "Nothing was decided" takes no day: it does not go on from the sentence before it as
    # "It voted ..." would.
    assert [event.id for event in events] == ["e1", "e2", "e3"]
    assert not any(event.inferred for event in events)
    first, second = dated(events)
    assert (first.expression, first.value, first.grain, first.interval) == ("t1", "2024-03-11", "day", day(2024, 3, 11))
    assert first.headline == "The council met"
    assert first.sentence == "The council met on Monday."
    assert text[first.start : first.end] == first.sentence
    assert (second.expression, second.headline) == ("t2", "The vote is set for April")  # a schedule keeps its date


def test_two_clauses_two_events() -> None:
    text = "The mayor resigned in May, while her deputy will take over in June."
    may = expression(text, "May", "2023-05", "month", month(2023, 5), number=1)
    june = expression(text, "June", "2024-06", "month", month(2024, 6), number=2)
    first, second = dated(build_events(text, PUBLISHED, [may, june]))
    assert (first.expression, first.headline) == ("t1", "The mayor resigned")
    assert (second.expression, second.headline) == ("t2", "Her deputy will take over")
    assert first.sentence == second.sentence == text
    assert first.start == second.start == 0


def test_same_clause_the_finer_grain_wins() -> None:
    text = "In March 2023 the firm opened its plant on Tuesday, March 7."
    year_ = expression(text, "March 2023", "2023-03", "month", month(2023, 3), number=1)
    tuesday = expression(text, "Tuesday, March 7", "2023-03-07", "day", day(2023, 3, 7), number=2)
    (event,) = dated(build_events(text, PUBLISHED, [year_, tuesday]))
    assert event.expression == "t2"
    assert event.value == "2023-03-07"


def test_same_grain_the_first_wins() -> None:
    text = "Between 2019 and 2021 the firm doubled its staff."
    first = expression(text, "2019", "2019", "year", year(2019), number=1)
    second = expression(text, "2021", "2021", "year", year(2021), number=2)
    (event,) = dated(build_events(text, PUBLISHED, [second, first]))
    assert event.expression == "t1"


def test_and_splits_between_two_dated_verbs_sharing_the_subject() -> None:
    text = "The pier was built in 1932 and last repaired in 1987."
    built = expression(text, "1932", "1932", "year", year(1932), number=1)
    repaired = expression(text, "1987", "1987", "year", year(1987), number=2)
    events = dated(build_events(text, PUBLISHED, [built, repaired]))
    assert [(e.expression, e.headline) for e in events] == [
        ("t1", "The pier was built"),
        ("t2", "The pier was last repaired"),
    ]


def test_a_measure_before_after_goes_with_it() -> None:
    text = "The pier was shut in May 2023, days after divers found cracks in its piles."
    may = expression(text, "May 2023", "2023-05", "month", month(2023, 5))
    (event,) = dated(build_events(text, PUBLISHED, [may]))
    assert event.headline == "The pier was shut"


def test_a_measure_stays_before_other_markers() -> None:
    text = "The strike lasted two years; the port reopened in 2023."
    reopened = expression(text, "2023", "2023", "year", year(2023))
    sentence = split_sentences(text)[0]
    assert text[: clauses_of(text, sentence)[0].end] == "The strike lasted two years"
    (event,) = dated(build_events(text, PUBLISHED, [reopened]))
    assert event.headline == "The port reopened"


def test_a_relative_clause_with_its_own_date() -> None:
    text = "Mayor Ruiz, who toured the pier with divers on Monday, said repairs had ended last week."
    monday = expression(text, "Monday", "2024-03-11", "day", day(2024, 3, 11), number=1)
    last_week = expression(
        text, "last week", "2024-W10", "week", Interval(dt.datetime(2024, 3, 4), dt.datetime(2024, 3, 11)), number=2
    )
    events = dated(build_events(text, PUBLISHED, [monday, last_week]))
    assert sorted((e.expression, e.headline) for e in events) == [
        ("t1", "Mayor Ruiz toured the pier with divers"),
        ("t2", "Repairs had ended"),
    ]


def test_since_runs_to_the_end_of_the_publication_day() -> None:
    text = "Since last summer, the two unions have worked together."
    summer = expression(
        text, "last summer", "2023-SU", "season",
        Interval(dt.datetime(2023, 6, 1), dt.datetime(2023, 9, 1)), relation="since",
    )
    (event,) = dated(build_events(text, PUBLISHED, [summer]))
    assert event.interval == Interval(dt.datetime(2023, 6, 1), dt.datetime(2024, 3, 15))
    assert event.relation == "since"
    assert event.headline == "The two unions have worked together"


def test_since_runs_to_the_publication_time_when_known() -> None:
    text = "Since Monday, the two unions have worked together."
    document = Document(dt.datetime(2024, 3, 14, 9, 45), published_has_time=True)
    monday = expression(text, "Monday", "2024-03-11", "day", day(2024, 3, 11), relation="since")
    (event,) = dated(build_events(text, document, [monday]))
    assert event.interval == Interval(dt.datetime(2024, 3, 11), dt.datetime(2024, 3, 14, 9, 45))


def test_mod_and_other_relations_pass_through() -> None:
    text = "The works lasted until early 2022."
    early = expression(text, "early 2022", "2022", "year", year(2022), relation="until", mod="START")
    (event,) = dated(build_events(text, PUBLISHED, [early]))
    assert (event.mod, event.relation, event.interval) == ("START", "until", year(2022))
    assert event.approximate


def test_what_does_not_date_an_event() -> None:
    text = "The strike has lasted three weeks. Buses run every day. Talks are under way now. No date here."
    events = build_events(
        text,
        PUBLISHED,
        [
            expression(text, "three weeks", "P3W", None, None, number=1, type_="DURATION"),
            expression(text, "every day", "P1D", None, None, number=2, type_="SET"),
            expression(text, "now", "PRESENT_REF", None, day(2024, 3, 14), number=3),
            expression(text, "No date", "2024", "year", None, number=4),
        ],
    )
    assert dated(events) == []


def test_vague_references_only_when_nothing_else_dates_the_sentence() -> None:
    text = "The port recently reopened. The port recently reopened in March."
    recently_alone = expression(text, "recently", "PAST_REF", None, Interval(dt.datetime(2024, 1, 1), dt.datetime(2024, 3, 14)), number=1)
    recently_with_date = expression(text, "recently", "PAST_REF", None, recently_alone.interval, number=2, occurrence=1)
    march = expression(text, "March", "2024-03", "month", month(2024, 3), number=3)
    events = dated(build_events(text, PUBLISHED, [recently_alone, recently_with_date, march]))
    assert [event.expression for event in events] == ["t1", "t3"]
    assert events[0].approximate


def test_a_date_in_the_attribution_dates_the_telling() -> None:
    text = "The plan is only a draft, said a senior aide who briefed reporters on Monday night."
    night = Interval(dt.datetime(2024, 3, 11, 19), dt.datetime(2024, 3, 12))
    monday = expression(text, "Monday night", "2024-03-11TNI", "part_of_day", night, type_="TIME")
    (event,) = dated(build_events(text, PUBLISHED, [monday]))
    assert event.headline == "A senior aide briefed reporters"


def test_a_date_in_the_attribution_gives_way_to_the_main_clause_date() -> None:
    text = "The plant closed in May, according to a report published on Monday."
    may = expression(text, "May", "2023-05", "month", month(2023, 5), number=1)
    monday = expression(text, "Monday", "2024-03-11", "day", day(2024, 3, 11), number=2)
    (event,) = dated(build_events(text, PUBLISHED, [may, monday]))
    assert (event.expression, event.headline) == ("t1", "The plant closed")


def test_a_long_sentence_with_many_dates_goes_through() -> None:
    unit = "The firm met in 2019 and later hired staff in 2020, who said so in 2021; "
    text = unit * 500
    expressions = [
        Expression(
            id=f"t{n}", text=match.group(), start=match.start(), end=match.end(), type="DATE",
            value=match.group(), grain="year", interval=year(int(match.group())),
        )
        for n, match in enumerate(re.finditer(r"20(19|20|21)", text), start=1)
    ]
    events = dated(build_events(text, PUBLISHED, expressions))
    assert len(events) == 2  # 1000 happenings, said 500 times over: each once
    assert {event.headline for event in events} == {"The firm met", "The firm later hired staff"}


def test_events_match_the_schema() -> None:
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    event_schema = {"$defs": schema["$defs"], "$ref": "#/$defs/event"}
    text = "The council met on Monday. The vote is set for April."
    events = build_events(
        text,
        PUBLISHED,
        [
            expression(text, "Monday", "2024-03-11", "day", day(2024, 3, 11), number=1),
            expression(text, "April", "2024-04", "month", month(2024, 4), number=2),
        ],
    )
    for event in events:
        jsonschema.validate(event.to_dict(), event_schema)


# ---------------------------------------------------------------------------
# The shared sample article


def _sample_expressions(text: str, expected: list[dict[str, str]]) -> list[Expression]:
    """Expressions at the expected phrases, with rough intervals: enough to date events."""
    phrases = sorted(expected, key=lambda item: len(item["text"]), reverse=True)
    taken: list[tuple[int, int]] = []
    expressions = []
    for item in phrases:
        for match in re.finditer(r"\b" + re.escape(item["text"]) + r"\b", text):
            if any(start <= match.start() < end for start, end in taken):
                continue
            taken.append(match.span())
            value = item["value"]
            year_ = int(value[:4])
            expressions.append(
                Expression(
                    id="t0",
                    text=item["text"],
                    start=match.start(),
                    end=match.end(),
                    type=item["type"],
                    value=value,
                    grain="year" if len(value) == 4 else "day",
                    interval=year(year_),
                    relation="since" if text[max(0, match.start() - 6) : match.start()].lower() == "since " else None,
                )
            )
    expressions.sort(key=lambda e: e.start)
    return [attrs.evolve(e, id=f"t{i}") for i, e in enumerate(expressions, 1)]


def test_sample_article_events() -> None:
    text_path, expected_path = SAMPLES / "biden-xi-call.txt", SAMPLES / "biden-xi-call.json"
    if not (text_path.exists() and expected_path.exists()):
        pytest.skip("shared sample not available")
    text = text_path.read_text(encoding="utf-8")
    expected = json.loads(expected_path.read_text(encoding="utf-8"))["expected"]
    expressions = _sample_expressions(text, expected)
    published = Document(dt.datetime.fromisoformat(json.loads(expected_path.read_text())["published"]))
    events = dated(build_events(text, published, expressions))

    # Every expression dates an event: none shares a clause in this article.
    assert sorted(event.expression for event in events) == sorted(e.id for e in expressions)
    by_id = {e.id: e for e in expressions}
    for event in events:
        own = by_id[event.expression]
        assert 0 < len(event.headline) <= MAX_HEADLINE
        assert event.headline[0].isupper()
        assert own.text not in event.headline, event.headline
        for attribution in ("according to", "as per", " said ", " who "):
            assert attribution not in event.headline, event.headline
        assert event.sentence == text[event.start : event.end]
        assert event.start <= own.start < event.end
    # The date in the attribution dates the briefing, told as such.
    night = next(event for event in events if by_id[event.expression].text == "Monday night")
    assert "briefed" in night.headline
    # "Since last summer": from then up to the end of publication day.
    since = next(event for event in events if event.relation == "since")
    assert since.interval.end == dt.datetime(2024, 4, 3)


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(["a", "(", ")", ",", ";", "—", "-", ".", "’", " ", "  ", "\n", "\t", "\u00a0", "\x1c"]), max_size=20).map("".join))
def test_tidying_collapses_whitespace_as_runs_of_spaces(text: str) -> None:
    # What _tidy did before it joined str.split(): every run of \s as one space.
    collapsed = re.sub(r"\s+", " ", text)
    expected = events._SPACE_BEFORE_PUNCTUATION.sub("", collapsed)
    expected = expected.replace("( ", "(").replace("()", "").replace(",,", ",").strip(" ,;:—–-")
    assert events._tidy(text) == expected


def _corpus_sentences() -> list[str]:
    paths = [SAMPLES / "biden-xi-call.txt", Path(__file__).resolve().parents[1] / "data" / "sample-harbour-bridge.txt"]
    texts = [path.read_text(encoding="utf-8") for path in paths if path.exists()]
    return [sentence.of(text) for text in texts for sentence in split_sentences(text)]


_CLAUSE_WORDS = ["The", "port", "reopened", "on", "Monday", "who", "which", ",", ";", "and", "while", "after", "said", "will", "open"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_CLAUSE_WORDS), min_size=1, max_size=14).map(" ".join))
def test_a_sentence_without_markers_is_one_clause_read_without_its_verbs(generated: str) -> None:
    # The shortcut for sentences with no clause marker and no relative clause: the one
    # clause the full reading gives, found without reading the verbs.
    rules = events.headline_rules()
    for sentence_text in [generated, *_corpus_sentences()]:
        text = "Intro. " + sentence_text
        sentence = Span(7, len(text))
        read: list[str] = []
        original = events.verb_cues
        try:
            events.verb_cues = lambda part: read.append(part) or original(part)
            clauses = clauses_of(text, sentence)
        finally:
            events.verb_cues = original
        plain = rules.clause_markers.search(sentence_text) is None and not any(
            f", {opener} " in sentence_text for opener in rules.relative_openers
        )
        if plain:
            assert clauses == (events.Clause(7, len(text)),)
            assert read == []
        else:
            assert all(7 <= clause.start <= clause.end <= len(text) for clause in clauses)


_PHRASE_LETTERS = st.text(alphabet="as e.", min_size=0, max_size=4)


@settings(max_examples=400, deadline=None)
@given(st.lists(_PHRASE_LETTERS, min_size=1, max_size=8), st.lists(_PHRASE_LETTERS, max_size=6).map(" ".join))
def test_the_tree_of_phrases_matches_as_their_alternation_longest_first(phrases: list[str], text: str) -> None:
    # The plain way: every phrase in turn, the longest first, then what must follow.
    longest_first = events._longest_first(phrases)
    plain = "|".join(re.escape(phrase) for phrase in longest_first)
    tree = events._alternation(longest_first)
    for after in ("", r"(?![^\W_])", "(?= )"):
        plain_pattern, tree_pattern = re.compile(f"(?:{plain}){after}"), re.compile(f"(?:{tree}){after}")
        assert [m.span() for m in tree_pattern.finditer(text)] == [m.span() for m in plain_pattern.finditer(text)]
        for start in range(len(text) + 1):
            plain_match, tree_match = plain_pattern.match(text, start), tree_pattern.match(text, start)
            assert (tree_match and tree_match.span()) == (plain_match and plain_match.span())


_MARKER_TEXT = st.lists(
    st.sampled_from(["The", "deal", ",", ";", " ", "  ", "and", "AND", "While", "as", "As per", "even", "said", "Until", "x"]),
    max_size=16,
).map(" ".join)


@settings(max_examples=400, deadline=None)
@given(_MARKER_TEXT)
def test_clause_markers_in_lowered_ascii_text_are_those_found_in_any_case(text: str) -> None:
    rules = events.headline_rules()
    in_any_case = [(m.span(), m.group().lower()) for m in rules.clause_markers.finditer(text)]
    assert [(m.span(), m.group()) for m in rules.lower_clause_markers.finditer(text.lower())] == in_any_case


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(["a", ",", ";", ":", " ", "-", "—", "–", "(", ")"]), max_size=24).map("".join))
def test_cut_points_are_those_of_the_pattern_with_lookbehinds(text: str) -> None:
    # The plain way: a mark, then what must come before it, looked back at.
    plain = re.compile(r"[,;: ](?:(?<=[,;:]) |(?<= )[—–-] |(?<= )\()")
    for end in (len(text), len(text) // 2):
        assert [m.span() for m in events._CUT_POINTS.finditer(text, 0, end)] == [m.span() for m in plain.finditer(text, 0, end)]
