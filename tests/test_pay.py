"""Pay: structured shapes of the ATSs and pay in prose, as the field writes it."""
import pytest

from indexer.parsers.pay import (
    HOURS_PER, Pay, pay_from_structured, pay_from_text, says_no_figures, structured_pay_problem, unit_of,
)

STRUCTURED = [
    # schema.org baseSalary
    ({"currency": "USD", "value": {"minValue": 18, "maxValue": 22, "unitText": "HOUR"}}, (18, 22, "HOUR")),
    ({"value": {"value": 41600, "unitText": "YEAR"}}, (41600, 41600, "YEAR")),
    ({"value": {"minValue": "22", "maxValue": "18.5", "unitText": "HOUR"}}, (18.5, 22, "HOUR")),  # reversed
    ({"value": 3466.67, "unitText": "MONTH"}, (3466.67, 3466.67, "MONTH")),
    ({"value": {"minValue": 19.5}}, (19.5, None, "HOUR")),                          # no unit: by size
    ({"value": {"minValue": "$45,000", "maxValue": "$52,000"}}, (45000, 52000, "YEAR")),
    ({"value": {"value": 18, "unitText": "YEAR"}}, (18, 18, "HOUR")),               # mislabelled unit
    ({"value": {"minValue": 1600, "maxValue": 2000, "unitText": "Bi-Weekly"}}, (1600, 2000, "BIWEEK")),
    ({"value": "$18 - $22", "unitText": "HOUR"}, (18, 22, "HOUR")),                 # value as text
    ({"currency": "USD", "value": "45000"}, (45000, 45000, "YEAR")),                # bare figures as text
    ({"currency": "USD", "value": "95000-140000"}, (95000, 140000, "YEAR")),
    ({"value": {"value": "18 to 25", "unitText": "HOUR"}}, (18, 25, "HOUR")),
    ({"value": {"minValue": "95,000", "maxValue": "140,000", "unitText": "YEAR"}}, (95000, 140000, "YEAR")),
    ({"value": {"minValue": 95000, "maxValue": 140000, "unitText": "HOUR"}}, (95000, 140000, "YEAR")),
    # Lever salaryRange, NEOGOV feed, USAJOBS (code and text), ADP, ApplicantPro
    ({"currency": "USD", "interval": "per-hour-wage", "min": 18, "max": 22}, (18, 22, "HOUR")),
    ({"minimumSalary": "49000.00", "maximumSalary": "77000.00", "salaryInterval": "Year"}, (49000, 77000, "YEAR")),
    ({"MinimumRange": "61111.0", "MaximumRange": "99314.0", "RateIntervalCode": "PA"}, (61111, 99314, "YEAR")),
    ({"MinimumRange": "20.5", "MaximumRange": "26.6", "Description": "Per Hour"}, (20.5, 26.6, "HOUR")),
    ({"payGradeRange": {"minimumRate": {"amountValue": 18.0}, "maximumRate": {"amountValue": 22.0}}},
     (18, 22, "HOUR")),
    ({"minSalary": "18.5", "maxSalary": ""}, (18.5, None, "HOUR")),
]


@pytest.mark.parametrize("salary, expected", STRUCTURED)
def test_pay_from_structured(salary, expected):
    pay = pay_from_structured(salary)
    assert (pay.minimum, pay.maximum, pay.unit) == expected


@pytest.mark.parametrize("salary", [
    {"value": {"unitText": "HOUR"}}, {"value": {"value": 2, "unitText": "HOUR"}},
    {"value": {"value": 900, "unitText": "HOUR"}}, {"value": {"value": 3000, "unitText": "YEAR"}},
    {"value": {"value": 0}}, {"value": {"value": True}}, {"value": "DOE"}, "18 an hour", None, [18],
    {"value": {"minValue": float("nan")}}, {"value": 10**30},
    {"value": {"minValue": 38000, "maxValue": 3800000, "unitText": "YEAR"}}, {"value": "18-2500", "unitText": "HOUR"},
])
def test_pay_from_structured_without_usable_figures(salary):
    assert pay_from_structured(salary) is None


@pytest.mark.parametrize("salary, problem", [
    ({"value": {"minValue": 38000, "maxValue": 3800000, "unitText": "YEAR"}},
     "pay: 38,000-3,800,000 YEAR is not a plausible pay for any unit; refused"),
    ({"value": {"value": 900, "unitText": "HOUR"}}, "pay: 900 HOUR is not a plausible pay for any unit; refused"),
    ({"value": 2.5}, "pay: 2.5 (no unit) is not a plausible pay for any unit; refused"),
    ({"value": {"minValue": 18, "maxValue": 25, "unitText": "HOUR"}}, None),   # read: no problem
    ({"value": "DOE"}, None), ({"value": {"unitText": "HOUR"}}, None), (None, None), ("45000", None),
])
def test_structured_pay_problem(salary, problem):
    assert structured_pay_problem(salary) == problem


TEXT = [
    # (text, minimum, maximum, unit, the phrase kept)
    ("Pay: $18.50 to $21.00 per hour", 18.5, 21, "HOUR", "Pay: $18.50 to $21.00 per hour"),
    ("$38,000 annually plus benefits", 38000, 38000, "YEAR", "$38,000 annually"),
    ("$17 - $19/hr DOE", 17, 19, "HOUR", "$17 - $19/hr"),
    ("$18.00 – $21.00 an hour, depending on experience", 18, 21, "HOUR", "$18.00 – $21.00 an hour"),
    ("between $18 and $21 per hour", 18, 21, "HOUR", "between $18 and $21 per hour"),
    ("$61,111 to - $99,314 per year", 61111, 99314, "YEAR", "$61,111 to - $99,314 per year"),
    ("$21.00 - $18.00 per hour", 18, 21, "HOUR", "$21.00 - $18.00 per hour"),            # reversed
    ("$45k-$52k", 45000, 52000, "YEAR", "$45k-$52k"),
    ("Pay range $18 - 21", 18, 21, "HOUR", "Pay range $18 - 21"),
    ("$1,600 bi-weekly", 1600, 1600, "BIWEEK", "$1,600 bi-weekly"),
    ("$3,500 per month", 3500, 3500, "MONTH", "$3,500 per month"),
    ("$150 per day", 150, 150, "DAY", "$150 per day"),
    ("$800 weekly", 800, 800, "WEEK", "$800 weekly"),
    # single amounts: open ends
    ("Starting at $20", 20, None, "HOUR", "Starting at $20"),
    ("up to $25/hr", None, 25, "HOUR", "up to $25/hr"),
    ("Recovery Mentor #58807 $22.44+ DOE", 22.44, None, "HOUR", "$22.44+"),            # pay in a title
    ("Peer Recovery Coach - $20/hr", 20, 20, "HOUR", "$20/hr"),
    # two figures, one pay; labels before the figures (e3applicants, JobAps class specs)
    ("Starting Salary: $12.58 hourly; $26,175 annually", 12.58, 12.58, "HOUR",
     "Starting Salary: $12.58 hourly; $26,175 annually"),
    ("Hourly $20.00 - $25.00; BiWeekly $1,600.00 - $2,000.00; Monthly $3,466.67 - $4,333.33", 20, 25, "HOUR",
     "Hourly $20.00 - $25.00; BiWeekly $1,600.00 - $2,000.00; Monthly $3,466.67 - $4,333.33"),
    ("Hourly Rate: $18 Annual: $37,440", 18, 18, "HOUR", "Hourly Rate: $18 Annual: $37,440"),
    ("Salary Range (Annual): $40,000 - $45,000", 40000, 45000, "YEAR", "Salary Range (Annual): $40,000 - $45,000"),
    # certified and uncertified: one range across both, the labels kept
    ("Uncertified: $17.00/hour; Certified: $19.00/hour", 17, 19, "HOUR",
     "Uncertified: $17.00/hour; Certified: $19.00/hour"),
    ("$17.00 - $18.00 per hour for non-certified and $19.00 - $21.00 per hour for certified", 17, 21, "HOUR",
     "$17.00 - $18.00 per hour for non-certified and $19.00 - $21.00 per hour"),
    ("Certified Peer Specialist: $20.00/hr | Non-Certified: $18.00/hr", 18, 20, "HOUR",
     "Certified Peer Specialist: $20.00/hr | Non-Certified: $18.00/hr"),
    # amounts without a "$": only after a pay label
    ("Rate of Pay: 18.50/hr", 18.5, 18.5, "HOUR", "Rate of Pay: 18.50/hr"),
    ("Salary: 45,000 - 52,000", 45000, 52000, "YEAR", "Salary: 45,000 - 52,000"),
    ("Salary range: 95000-140000", 95000, 140000, "YEAR", "Salary range: 95000-140000"),
    # a wide yearly range with "$" on both ends is a range, not its first figure
    ("$60,000 - $200,000 a year", 60000, 200000, "YEAR", "$60,000 - $200,000 a year"),
    ("Peer Support Supervisor: $95,000 - $140,000", 95000, 140000, "YEAR", "$95,000 - $140,000"),
    # bonuses and other amounts around the pay are not pay
    ("Compensation: $20/hour + $2,500 sign-on bonus", 20, 20, "HOUR", "Compensation: $20/hour"),
    ("We offer a $500 referral bonus and pay $19 an hour", 19, 19, "HOUR", "pay $19 an hour"),
    ("40 hours per week at $18", 18, 18, "HOUR", "$18"),
    ("Salary range: $40,000-$45,000. Hours: 40 hours per week", 40000, 45000, "YEAR",
     "Salary range: $40,000-$45,000"),
    ("Shift differential $1.50 per hour. Pay: $19.25 per hour", 19.25, 19.25, "HOUR", "Pay: $19.25 per hour"),
    # the unit written after each end of the range
    ("Hiring range: $19.23/hour - $23.08/hour", 19.23, 23.08, "HOUR", "range: $19.23/hour - $23.08/hour"),
    ("$40,000/year to $46,000/year", 40000, 46000, "YEAR", "$40,000/year to $46,000/year"),
]


@pytest.mark.parametrize("text, minimum, maximum, unit, phrase", TEXT)
def test_pay_from_text(text, minimum, maximum, unit, phrase):
    pay = pay_from_text(text)
    assert (pay.minimum, pay.maximum, pay.unit, pay.text) == (minimum, maximum, unit, phrase)


@pytest.mark.parametrize("text", [
    "Salary: DOE", "Pay: Negotiable", "Competitive salary and benefits", "",
    "Peer Support Specialist $1,000 Sign-on Bonus", "Peer Support Specialist 280",
    "$2/hour", "$900 per hour", "$3,000 per year", "Pay Grade: 12", "Requisition 45402",
    "annual budget of $2 million", "$50,000 life insurance", "up to $5,250 in tuition assistance",
    "Mileage reimbursed at $0.65 per mile", "a $2,500 retention bonus", "Must work 40 hours a week for 2 years",
    "Call 555-123-4567", "Posted 11/02/2026", None, 42, "Pay grade: 12-14", "$18 - $2,500 per hour",
])
def test_text_without_pay_figures(text):
    assert pay_from_text(text) is None


@pytest.mark.parametrize("text, no_figures", [
    ("DOE", True), ("Salary: Negotiable", True), ("Competitive", True), ("$18/hr", False), (None, False),
])
def test_says_no_figures(text, no_figures):
    assert says_no_figures(text) is no_figures


@pytest.mark.parametrize("pay, hourly, annual", [
    (Pay(18, 22, "HOUR"), (18, 22), (37440, 45760)),
    (Pay(41600, 52000, "YEAR"), (20, 25), (41600, 52000)),
    (Pay(1600, 2000, "BIWEEK"), (20, 25), (41600, 52000)),
    (Pay(3466.67, None, "MONTH"), (20, None), (41600, None)),
    (Pay(800, 800, "WEEK"), (20, 20), (41600, 41600)),
    (Pay(160, 160, "DAY"), (20, 20), (41600, 41600)),
    (Pay(None, 25, "HOUR"), (None, 25), (None, 52000)),
    (Pay(18, 22, None), (None, None), (None, None)),
])
def test_normalized_figures(pay, hourly, annual):
    assert (pay.hourly, pay.annual) == (hourly, annual)


@pytest.mark.parametrize("text, unit", [
    ("HOUR", "HOUR"), ("Per Year", "YEAR"), ("per-hour-wage", "HOUR"), ("per-year-salary", "YEAR"),
    ("PA", "YEAR"), ("PH", "HOUR"), ("BW", "BIWEEK"), ("2WEEK", "BIWEEK"), ("Bi-Weekly", "BIWEEK"),
    ("Monthly", "MONTH"), ("Annual", "YEAR"), ("daily", "DAY"), ("salary", None), ("", None), (None, None),
])
def test_unit_of(text, unit):
    assert unit_of(text) == unit


@pytest.mark.parametrize("text", [
    "$" * 5000, "1" * 5000, "$1," * 2000, "\x00$18\x00/hr", "$18.50/hr " * 2000, "Pay: " + "9" * 400,
    "Salary: $", "$-18", "$18 - $", "Rate: ½ hour", "İİİ $18/hr İİİ", "$1e9 per year",
])
def test_odd_text_gives_a_plausible_pay_or_none(text):
    pay = pay_from_text(text)
    assert pay is None or (pay.unit in HOURS_PER and 7 <= pay.hourly[0 if pay.minimum else 1] <= 150)
