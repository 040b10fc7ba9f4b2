"""Reading what the engine built: anchors, links and the sections search indexes."""

from __future__ import annotations

from pathlib import Path

import pytest

from casebook.built.read import read_site, search_docs
from support import in_fresh_process, write_files

CASE_PAGE = """<!doctype html><html lang="zh"><head><meta charset="utf-8"><title>示例 - 案例库</title>
<meta name="casebook-search" content='{"boost": 2}'>
<link rel="stylesheet" href="../../assets/site.css"></head><body>
<nav><a href="../../">首页</a></nav>
<main><article class="md-content__inner">
<h1 id="title">湖州市：案例<a class="headerlink" href="#title">#</a></h1>
<p>概述<b>第一段</b>之后</p><script>var hidden = "不应被索引"</script>
<h2 id="practice-1">推进行政复议<a class="headerlink" href="#practice-1">#</a></h2>
<table><tr><td>出庭率</td><td>100%</td></tr></table>
<h3>没有锚点的小标题</h3><p>仍属上一节</p>
<h2 id="sources">来源</h2><ul><li><a href="https://example.org/a" name="src">报道</a></li></ul>
</article></main></body></html>"""


def test_a_page_is_split_into_its_lead_and_each_section_with_an_anchor(tmp_path: Path):
    site = write_files(tmp_path, {"cases/shili/index.html": CASE_PAGE})
    assert search_docs(read_site(site)) == [
        {"location": "cases/shili/", "title": "湖州市：案例", "text": "概述第一段之后", "boost": 2.0},
        {"location": "cases/shili/#practice-1", "title": "推进行政复议",
         "text": "出庭率 100% 没有锚点的小标题 仍属上一节", "boost": 2.0},
        {"location": "cases/shili/#sources", "title": "来源", "text": "报道", "boost": 2.0},
    ]


def test_anchors_and_links_are_collected_from_the_whole_page(tmp_path: Path):
    page = read_site(write_files(tmp_path, {"cases/shili/index.html": CASE_PAGE}))["cases/shili/index.html"]
    assert {"title", "practice-1", "sources", "src"} <= page.ids
    assert page.links == ["../../assets/site.css", "../../", "#title", "#practice-1", "https://example.org/a"]


def test_front_matter_written_into_the_page_sets_boost_and_exclusion(tmp_path: Path):
    def page(search: str) -> str:
        return CASE_PAGE.replace("""{"boost": 2}""", search)

    site = write_files(tmp_path, {"categories/zhifa/index.html": page('{"boost": 0.1}'),
                            "categories/zhifa/page-2/index.html": page('{"boost": 0.1, "exclude": true}'),
                            "about/index.html": CASE_PAGE.replace("<meta name", "<meta data-not"),
                            "404.html": CASE_PAGE, "assets/partial.html": CASE_PAGE})
    boosts = {doc["location"]: doc.get("boost", 1) for doc in search_docs(read_site(site)) if "#" not in doc["location"]}
    assert boosts == {"about/": 1, "categories/zhifa/": 0.1}


def test_a_page_without_article_uses_main_and_its_title(tmp_path: Path):
    page = '<html><head><title>仅有标题</title></head><body><main><p>正文</p></main></body></html>'
    assert search_docs(read_site(write_files(tmp_path, {"index.html": page}))) == [
        {"location": "", "title": "仅有标题", "text": "正文"}]


@pytest.mark.build
def test_a_site_read_by_several_processes_reads_as_one_process_does(bundled_site: Path, monkeypatch):
    from casebook.core import parallel

    monkeypatch.setattr(parallel, "WORKERS", 1)
    alone = read_site(bundled_site)
    together = in_fresh_process(f"""
        from pathlib import Path
        from casebook.built import read
        from casebook.core import parallel
        parallel.WORKERS = 2
        read.READ_BATCH = 7  # the bundled site's pages in a dozen batches
        result = read.read_site(Path({str(bundled_site)!r}))
    """)
    assert len(alone) > 2 * 7
    assert list(together) == list(alone) and together == alone
