"""timevalue's fast paths against the plain way they stand for (hypothesis)."""

from __future__ import annotations

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from timeline import timevalue as tv

#: Value-like text of every length: well formed, out of range, or a part too long or short.
VALUE_LIKE = st.one_of(
    st.from_regex(r"\A[0-9]{4}(-([0-9]{2}(-[0-9]{2})?|W[0-9]{2}(-WE)?|SP|SU|FA|WI|Q[0-5]|H[0-3]))?\Z"),
    st.from_regex(
        r"\A\d{1,5}(-(\d{1,3}(-\d{1,3})?|W\d{1,3}(-WE|-\d)?|SP|SU|FA|WI|Q\d|H\d|X{2}))?(T(MO|NI|\d\d(:\d\d)?))?\Z"
    ),
)


@given(value=VALUE_LIKE)
def test_interval_of_remembers_what_it_would_compute(value: str) -> None:
    computed = tv.interval_of.__wrapped__(value)
    assert tv.interval_of(value) == computed
    assert tv.interval_of(value) == computed  # asked again: from the cache


@given(day=st.dates() | st.datetimes())
def test_day_value_is_the_date_written_out(day: dt.date) -> None:
    assert tv.day_value(day) == f"{day.year:04d}-{day.month:02d}-{day.day:02d}"
