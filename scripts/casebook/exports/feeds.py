"""RSS and Atom feeds of the newest cases, and robots.txt; dates from the data, never the clock."""

from __future__ import annotations

import datetime as dt

from feedgen.feed import FeedGenerator

from casebook.core import routes
from casebook.core.settings import SiteSettings
from casebook.sources.schema import Case
from casebook.vocabularies.place_slugs import region_names
from casebook.vocabularies.taxonomy import Taxonomy

CHINA_TIME = dt.timezone(dt.timedelta(hours=8))

# A feed is polled again and again; it carries the newest cases, and /data/ carries them all.
FEED_ENTRIES = 50


def newest_first(cases: list[Case]) -> list[Case]:
    return sorted(cases, key=lambda c: (c.last_reviewed, c.id), reverse=True)


def feed(cases: list[Case], taxonomy: Taxonomy, settings: SiteSettings) -> FeedGenerator:
    newest = max((c.last_reviewed for c in cases), default=dt.date(2000, 1, 1))
    feed = FeedGenerator()
    feed.id(settings.url(""))
    feed.title(settings.site_name)
    feed.subtitle("新增和更新的法治政府建设案例")
    feed.link(href=settings.url(""), rel="alternate")
    feed.link(href=settings.url(routes.FEEDS["atom"]), rel="self")
    feed.language("zh-CN")
    feed.lastBuildDate(_at_midnight(newest))
    feed.updated(_at_midnight(newest))
    for case in newest_first(cases)[:FEED_ENTRIES][::-1]:  # feedgen puts the last added first
        entry = feed.add_entry()
        url = settings.case_url(case.id)
        entry.id(url)
        entry.guid(url, permalink=True)
        entry.title(case.title)
        entry.link(href=url)
        entry.summary(f"{'、'.join(region_names(case.region))}（{case.region.level}）。{case.summary}")
        entry.updated(_at_midnight(case.last_reviewed))
        entry.published(_at_midnight(case.last_reviewed))
        for slug in dict.fromkeys(p.category for p in case.practices):
            entry.category(term=slug, label=taxonomy.category(slug).name)
    return feed


def _at_midnight(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(), CHINA_TIME)


def robots_txt(settings: SiteSettings) -> str:
    return f"User-agent: *\nAllow: /\nSitemap: {settings.url('sitemap.xml')}\n"
