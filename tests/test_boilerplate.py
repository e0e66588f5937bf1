"""A passage one publisher repeats across its files is boilerplate; a story's own news is not."""

from __future__ import annotations

import datetime as dt

from briefs import boilerplate, clean
from briefs.config import Subject
from briefs.model import Article

SUBJECT = Subject(name="Acme Corp", aliases=["Acme"])
FOOTER = "The opinions in this column are the writer's own and not those of the Harbor Ledger."
TEMPLATE = "Acme has a 50-day moving average of ${} and a 200-day moving average of ${}."


def _article(day: int, title: str, body: str, publisher: str = "Harbor Ledger") -> Article:
    return Article(path=f"{publisher}-{day}-{title[:8]}.txt", title=title, publisher=publisher,
                   date=dt.date(2026, 11, day), text=body)


def _kept(result: clean.Cleaned) -> list[str]:
    return [s for a in result.articles for p in a.paragraphs for s in p]


def _clean(articles: list[Article]) -> clean.Cleaned:
    items = [clean.clean_article(a, SUBJECT) for a in articles]
    return boilerplate.strip(clean.combine(items, SUBJECT), items)


def _week(footer: str = FOOTER, publisher: str = "Harbor Ledger") -> list[Article]:
    stories = [
        ("Acme opens Ohio plant", "Acme Corp opened a battery plant in Ohio that will employ 2,000 people."),
        ("Acme wins rail order", "Acme Corp won a $300 million order for signalling systems from a rail operator."),
        ("Acme names new CFO", "Acme Corp named Jane Roe as chief financial officer, effective in January."),
        ("Acme raises dividend", "Acme Corp raised its quarterly dividend by 8% to 54 cents a share."),
    ]
    # The footer sits mid-page (a block between the story and its last paragraph), so only its
    # repetition can tell it from the story.
    return [_article(16 + i, title, f"{lead}\n\n{footer}\n\nAcme shares moved {i + 1}% after the news on day {16 + i}.",
                     publisher) for i, (title, lead) in enumerate(stories)]


def test_a_footer_repeated_under_different_stories_on_different_days_is_dropped():
    result = _clean(_week())
    kept = _kept(result)
    assert FOOTER not in kept
    assert "Acme Corp won a $300 million order for signalling systems from a rail operator." in kept
    assert any(d.reason == boilerplate.REASON and d.text == FOOTER for d in result.dropped)


def test_a_template_filled_with_other_figures_is_one_passage():
    articles = [_article(16 + i, f"Acme note {i}", f"Acme Corp shares traded higher on day {i} of the week.\n\n"
                                                  + TEMPLATE.format(40 + i, 30 + i)
                                                  + f"\n\nAcme Corp said its order book grew for week {i}.")
                for i in range(4)]
    kept = _kept(_clean(articles))
    assert not any("moving average" in s for s in kept)


def test_the_same_story_syndicated_three_times_keeps_its_news():
    lead = "Acme Corp opened a battery plant in Ohio that will employ 2,000 people."
    news = "The Acme plant will make cells for electric delivery vans sold across North America."
    copies = [_article(16 + i, "Acme opens Ohio plant", f"{lead}\n\n{news}") for i in range(3)]
    kept = _kept(_clean(copies))
    assert lead in kept and news in kept


def test_a_passage_repeated_on_only_two_days_is_kept():
    articles = _week()[:2]
    assert FOOTER in _kept(_clean(articles))


def test_repetition_counts_within_one_publisher_only():
    articles = [_week(publisher=f"Outlet {i}")[i] for i in range(4)]
    assert FOOTER in _kept(_clean(articles))


def test_an_article_lead_is_never_boilerplate():
    leads = ["Acme Corp opened a battery plant in Ohio that will employ 2,000 people."] * 3
    articles = [_article(16 + i, f"Story {i}", f"{leads[i]}\n\nOther detail number {i} came from the filing today.")
                for i in range(3)]
    assert leads[0] in _kept(_clean(articles))


def test_nothing_repeated_returns_the_result_unchanged():
    articles = [_article(16, "Acme opens Ohio plant", "Acme Corp opened a battery plant in Ohio that will employ 2,000 people.")]
    items = [clean.clean_article(a, SUBJECT) for a in articles]
    combined = clean.combine(items, SUBJECT)
    assert boilerplate.strip(combined, items) is combined


def test_the_build_drops_a_publishers_footer(tmp_path):
    from briefs.build import Options, build_brief

    (tmp_path / "briefs.toml").write_text('[subject]\nname = "Acme Corp"\naliases = ["Acme"]\n')
    for article in _week():
        (tmp_path / f"{article.date}.md").write_text(
            f"---\ntitle: {article.title}\nsource: {article.publisher}\ndate: {article.date}\n---\n{article.text}\n",
            encoding="utf-8")
    result = build_brief([tmp_path], Options(cache=False))
    assert FOOTER not in str(result.brief.to_dict())
    assert any(d.reason == boilerplate.REASON for d in result.dropped)


def test_files_without_a_publisher_are_not_taken_for_one_site():
    assert FOOTER in _kept(_clean(_week(publisher="")))



def test_evidence_less_some_articles_is_as_if_they_were_never_counted():
    # A portfolio asks, per subject, what the week shows of its passages less its own articles.
    week = _week() + [_article(21, "Acme column", f"{FOOTER}\n\nAcme Corp shares were flat on the day.")]
    found = [boilerplate.sighting(clean.clean_article(a, SUBJECT)) for a in week]
    wanted = {key for f in found for key in f.keys}
    every = boilerplate.Passages()
    for number, sighting in enumerate(found):
        every.add(number, sighting)
    for skip in (set(), {0}, {0, 1}, {4}, {1, 4}, set(range(5))):
        rest = boilerplate.Passages()
        for number, sighting in enumerate(found):
            if number not in skip:
                rest.add(number, sighting)
        assert every.evidence(wanted, skip) == rest.evidence(wanted), skip
    footer = ("Harbor Ledger", boilerplate.template_key(clean.normalize(FOOTER)))
    assert every.evidence(wanted)[footer].lead_somewhere  # the column opens with it
    shown = every.evidence(wanted, {4})[footer]
    assert not shown.lead_somewhere and len(shown.files) == boilerplate.MIN_FILES
    assert footer not in every.evidence(wanted, set(range(5)))


def _own(items: list[clean.ArticleClean]) -> dict[tuple[str, str], int]:
    """Return how many of the articles show each (publisher, passage)."""
    counts: dict[tuple[str, str], int] = {}
    for found in map(boilerplate.sighting, items):
        for key in set(found.keys):
            counts[(found.publisher, key)] = counts.get((found.publisher, key), 0) + 1
    return counts


def test_evidence_leaves_out_only_passages_that_cannot_become_boilerplate():
    items = [clean.clean_article(a, SUBJECT) for a in _week()]
    others = boilerplate.Passages()
    for number, sighting in enumerate(map(boilerplate.sighting, items[:2])):  # the footer under two stories
        others.add(number, sighting)
    wanted = {key for f in map(boilerplate.sighting, items) for key in f.keys}
    footer = ("Harbor Ledger", boilerplate.template_key(clean.normalize(FOOTER)))
    for mine in (items[2:3], items[2:]):  # one or two more files of the publisher's
        pruned = others.evidence(wanted, own=_own(mine))
        assert footer in pruned
        assert boilerplate.find(mine, pruned) == boilerplate.find(mine, others.evidence(wanted))
    assert boilerplate.find(items[2:], others.evidence(wanted, own=_own(items[2:]))) == boilerplate.find(items) != frozenset()
    # With none of its own a passage seen twice can never reach three files: the asker is not told of it.
    assert footer not in others.evidence(wanted, own={})
    assert others.evidence(wanted, own={}) == {}


def test_keys_masked_together_are_masked_as_one_at_a_time():
    keys = ["acme rose 21 to 47 5 billion", "", "the 50 day average", "zürich fell 3"]
    assert boilerplate.template_keys(keys) == [boilerplate.template_key(k) for k in keys]
    assert boilerplate.template_keys(keys)[0] == "acme rose ## to ## # billion"
    assert boilerplate.template_keys([]) == []


def test_a_footer_printed_twice_in_each_file_is_found_and_one_that_opens_a_file_never():
    stories = [("Acme opens plant", "Acme Corp opened a battery plant in Ohio that will employ 2,000 people.",
                "The Acme plant will make cells for electric delivery vans sold in Canada."),
               ("Acme wins order", "Acme Corp won a $300 million order for signalling systems from a rail operator.",
                "Acme expects to deliver the first of the signalling systems next summer."),
               ("Acme names CFO", "Acme Corp named Jane Roe as chief financial officer, effective in January.",
                "Acme said Roe joins from a software maker where she ran the finance team.")]
    # The footer sits mid-page, printed twice: between the lead and the detail, and again after it.
    twice = [_article(16 + i, title, f"{lead}\n\n{FOOTER}\n\n{FOOTER}\n\n{detail}")
             for i, (title, lead, detail) in enumerate(stories)]
    footer = boilerplate.template_key(clean.normalize(FOOTER))
    items = [clean.clean_article(a, SUBJECT) for a in twice]
    assert boilerplate.find(items) == {footer}
    opening = _article(20, "Acme column", f"{FOOTER}\n\nAcme Corp shares were flat on the day.\n\n{FOOTER}\n\n"
                                          "Acme Corp said it would report results in February.")
    assert boilerplate.find(items + [clean.clean_article(opening, SUBJECT)]) == frozenset()


def test_what_a_finder_is_told_of_other_articles_counts_as_if_it_had_read_them():
    items = [clean.clean_article(a, SUBJECT) for a in _week()]
    others = boilerplate.Passages()
    for number, found in enumerate(map(boilerplate.sighting, items[:2])):
        others.add(number, found)
    wanted = {key for found in map(boilerplate.sighting, items) for key in found.keys}
    finder = boilerplate.Finder(others.evidence(wanted))
    assert finder.found == frozenset()  # two files so far
    finder.add(items[2])
    assert finder.found == boilerplate.find(items[:3])
    assert boilerplate.template_key(clean.normalize(FOOTER)) in finder.found
