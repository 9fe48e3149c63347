"""Every sentence pattern the commentary uses, in one place, so house style is one edit away.

Placeholders are filled by `kpicli.narrate.sentences`; a pattern may be changed freely as long
as it keeps its placeholders.
"""

from __future__ import annotations

PHRASES: dict[str, str] = {
    "latest": "{title} was {value} {when}.",
    "latest_with_counts": "{title} was {value} {when} ({numerator} out of {denominator}).",
    "latest_cumulative": "{title}: {value} so far in {year} (to the end of {month}).",
    "latest_withheld_small": "{title} {when} was fewer than {limit}; the exact figure is not published to protect the children concerned.",
    "latest_withheld": "{title} {when} is not published, to protect the children concerned.",
    "no_data": "There is no figure yet for {title_lower}.",
    "stale": "The latest figure is for {period}; a more recent figure was not available.",
    "change_better": "This was an improvement on {since} ({change} from {earlier}).",
    "change_worse": "This was worse than {since} ({change} from {earlier}).",
    "change_same": "This was the same as {since}.",
    "change_neutral": "This was {change} from {earlier} in {since_plain}.",
    "year_ago_better": "It was better than a year earlier ({change} from {earlier} in {since_plain}).",
    "year_ago_worse": "It was worse than a year earlier ({change} from {earlier} in {since_plain}).",
    "year_ago_same": "It was the same as a year earlier.",
    "year_ago_neutral": "A year earlier it was {earlier} ({change}).",
    "run_up": "It has risen for {count} consecutive {periods}.",
    "run_down": "It has fallen for {count} consecutive {periods}.",
    "compare_all": "The {measure} was {relation} {both}the {areas} {averages} for {period}.",
    "compare_mixed": "The {measure} was {first} but {second}.",
    "rag_rated": "Rated {rating}: {reason}.",
    "rag_withheld": "It is not rated in this paper because the figure is withheld.",
    "variation": "Variation: {description}, {meaning}.",
    "projection": "{to_date} so far in {year}, {share} of the {last_year} total of {last_total}; "
    "{basis_words} {direction} of {change} to {projected} is expected.",
    "persistence_first": "Rated red for the first time in this report.",
    "persistence": "Red for the {ordinal} consecutive report; previously reported to the committee in {papers}.",
    "persistence_no_papers": "Red for the {ordinal} consecutive report.",
    "variant": "{label}: {value} {when}.",
    "variant_withheld": "{label}: not published for {period}, because the difference between the two sets of figures could identify children.",
}

VARIATION_MEANINGS: dict[str, str] = {
    "improvement": "a sign of real improvement rather than chance",
    "concern": "a sign of real deterioration rather than chance, which needs attention",
    "neutral_special_cause": "a real change rather than chance",
}
