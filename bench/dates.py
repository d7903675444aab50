"""Measure `vigil.intake.dates.find_dates`: sentences per second on one core, English and Russian.

    .venv/bin/python bench/dates.py [--sentences 2000] [--rounds 5]

Builds --sentences invented news sentences (half English, half Russian; one in four holds no
date, the others one or two: absolute, relative, weekdays, years, and durations that are not dates),
warms the compiled patterns up, then times --rounds passes over all of them and prints the median
pass's throughput and the number of dates found per pass.
"""

from __future__ import annotations

import argparse
import os
import statistics
import time
from datetime import date

from vigil.intake.dates import find_dates

PUBLISHED = date(2025, 3, 5)
ENGLISH = [
    "Police detained the activist on 28 February 2025 outside the court in the city centre.",
    "The court sentenced her to 10 days of administrative arrest last Friday, her lawyer said.",
    "Officers searched the office of the organisation on Monday morning and seized two laptops.",
    "She has been on hunger strike since January 12 and her health is deteriorating, they said.",
    "The group has been refused registration since 2017, despite eleven applications to the ministry.",
    "He was fined 100 MCI under Article 488 of the Code of Administrative Offences two years ago.",
    "Around 30 people, most of them aged between 20 and 34, gathered in the square at 10:00.",
    "The march in May 2024 demanded a life sentence for the former minister, organisers recalled.",
    "Yesterday the prosecutor asked for five years in prison; the verdict is expected next week.",
    "The statement called on the authorities to release all those detained and drop the charges.",
    "In early March the police summoned three more members of the collective for questioning.",
    "Human rights groups condemned the decision and urged the government to reconsider it.",
]
RUSSIAN = [
    "Активистку задержали вечером 28 февраля у здания суда в центре города.",
    "Суд арестовал её на 10 суток в прошлую пятницу, сообщил её адвокат.",
    "В понедельник утром полицейские провели обыск в офисе организации и изъяли два ноутбука.",
    "С 2017 года организации отказывают в регистрации, несмотря на одиннадцать обращений.",
    "Два года назад его оштрафовали на 30 МРП по статье 488 Кодекса об административных правонарушениях.",
    "Около 30 человек в возрасте от 20 до 34 лет собрались на площади в 10:00.",
    "Марш в мае 2024 года требовал пожизненного заключения для бывшего министра.",
    "Вчера прокурор запросил пять лет лишения свободы, приговор ожидается на следующей неделе.",
    "Правозащитники осудили решение и призвали власти освободить всех задержанных.",
    "В начале марта полиция вызвала на допрос ещё трёх участниц коллектива.",
    "На прошлой неделе суд оштрафовал обеих соосновательниц на 790 долларов.",
    "Заявление призывает прекратить преследование активисток и снять обвинения.",
]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sentences", type=int, default=2000)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})  # one core, as the pipeline's target says
    half = args.sentences // 2
    sentences = [("en", ENGLISH[i % len(ENGLISH)]) for i in range(half)]
    sentences += [("ru", RUSSIAN[i % len(RUSSIAN)]) for i in range(args.sentences - half)]
    for language, text in sentences[:: max(1, len(sentences) // 50)]:
        find_dates(text, published=PUBLISHED, language=language)  # compile the patterns first
    timings, found = [], 0
    for _ in range(args.rounds):
        started = time.perf_counter()
        found = sum(len(find_dates(text, published=PUBLISHED, language=language)) for language, text in sentences)
        timings.append(time.perf_counter() - started)
    median = statistics.median(timings)
    print(f"find_dates: {len(sentences)} sentences (en {half}, ru {len(sentences) - half}), {found} dates found")
    print(f"median of {args.rounds} passes: {median:.3f} s, {len(sentences) / median:,.0f} sentences/s on one core")


if __name__ == "__main__":
    main()
