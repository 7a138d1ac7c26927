from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from warta.news.dates import long_date, short_date

JAKARTA = ZoneInfo("Asia/Jakarta")
DAYS = ["Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu"]
MONTHS = [
    ("Januari", "Jan"),
    ("Februari", "Feb"),
    ("Maret", "Mar"),
    ("April", "Apr"),
    ("Mei", "Mei"),
    ("Juni", "Jun"),
    ("Juli", "Jul"),
    ("Agustus", "Agu"),
    ("September", "Sep"),
    ("Oktober", "Okt"),
    ("November", "Nov"),
    ("Desember", "Des"),
]


def test_seed_dates():
    assert (
        long_date(datetime(2024, 7, 4, 21, 53, tzinfo=JAKARTA)) == "Kamis, 4 Juli 2024 - 21:53 WIB"
    )
    assert (
        short_date(datetime(2025, 3, 19, 13, 36, tzinfo=JAKARTA)) == "Rabu, 19 Mar 2025 - 13:36 WIB"
    )


@pytest.mark.parametrize("offset", range(7))
def test_every_day_name(offset):
    monday = datetime(2024, 7, 1, 8, 5, tzinfo=JAKARTA)
    day = monday + timedelta(days=offset)
    assert long_date(day) == f"{DAYS[offset]}, {day.day} Juli 2024 - 08:05 WIB"


@pytest.mark.parametrize("month", range(1, 13))
def test_every_month_name(month):
    moment = datetime(2025, month, 10, 0, 0, tzinfo=JAKARTA)
    long_name, short_name = MONTHS[month - 1]
    assert f" 10 {long_name} 2025 - 00:00 WIB" in long_date(moment)
    assert f" 10 {short_name} 2025 - 00:00 WIB" in short_date(moment)


@pytest.mark.parametrize(
    ("zone", "expected"),
    [
        ("Asia/Jakarta", "Jumat, 5 Juli 2024 - 04:53 WIB"),
        ("Asia/Pontianak", "Jumat, 5 Juli 2024 - 04:53 WIB"),
        ("Asia/Makassar", "Jumat, 5 Juli 2024 - 05:53 WITA"),
        ("Asia/Jayapura", "Jumat, 5 Juli 2024 - 06:53 WIT"),
    ],
)
def test_the_three_indonesian_zones(settings, zone, expected):
    settings.TIME_ZONE = zone
    assert long_date(datetime(2024, 7, 4, 21, 53, tzinfo=UTC)) == expected


def test_the_day_changes_with_the_zone_not_with_utc():
    late_utc = datetime(2024, 12, 31, 20, 0, tzinfo=UTC)
    assert long_date(late_utc) == "Rabu, 1 Januari 2025 - 03:00 WIB"


def test_a_zone_outside_indonesia_shows_its_offset(settings):
    settings.TIME_ZONE = "Europe/Moscow"
    assert (
        long_date(datetime(2024, 7, 4, 18, 53, tzinfo=UTC)) == "Kamis, 4 Juli 2024 - 21:53 UTC+0300"
    )


def test_naive_datetimes_are_refused():
    with pytest.raises(ValueError, match="aware"):
        long_date(datetime(2024, 7, 4, 21, 53))


def test_no_date_renders_nothing():
    assert long_date(None) == ""
