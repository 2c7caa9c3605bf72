"""Vietnamese formatting of dates and numbers: "Thứ Hai, 09/05/2022 08:30", "3.137.287"."""

import datetime
from decimal import Decimal

__all__ = [
    "WEEKDAYS",
    "format_date",
    "format_datetime",
    "format_decimal",
    "format_integer",
    "weekday_name",
]

WEEKDAYS = ("Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ Nhật")


def weekday_name(value: datetime.date) -> str:
    return WEEKDAYS[value.weekday()]


def format_date(value: datetime.date) -> str:
    """09/05/2022"""
    return f"{value.day:02d}/{value.month:02d}/{value.year:04d}"


def format_datetime(value: datetime.datetime, *, weekday: bool = True) -> str:
    """Thứ Hai, 09/05/2022 08:30 (the value is shown in the timezone it carries)."""
    text = f"{format_date(value)} {value.hour:02d}:{value.minute:02d}"
    return f"{weekday_name(value)}, {text}" if weekday else text


def format_integer(value: int) -> str:
    """3137287 → "3.137.287"."""
    sign = "-" if value < 0 else ""
    return sign + f"{abs(int(value)):,}".replace(",", ".")


def format_decimal(value: float | Decimal, places: int = 2) -> str:
    """98.65 → "98,65"; 1234.5 with 1 place → "1.234,5"."""
    text = f"{abs(value):,.{places}f}"
    whole, _, fraction = text.partition(".")
    sign = "-" if value < 0 and float(value) != 0 else ""
    whole = whole.replace(",", ".")
    return sign + (f"{whole},{fraction}" if fraction else whole)
