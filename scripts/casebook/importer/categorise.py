"""Category and tag suggestions for a practice, from the keywords kept in `cases/_taxonomy.yml`.

Each occurrence of a category's keyword adds its weight to that category, twice in the title
(which names what the practice is). Keywords are matched as words (jieba's segmentation), so 访调
is not found in 走访调研; longer keywords are matched first, so 综合执法 is not counted again as 执法. The best-scoring category is suggested,
or the extra group when nothing matches. The matched terms are the evidence shown to the editor.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from casebook.vocabularies.taxonomy import Taxonomy

from .words import find_words

_MAX_TAGS = 4


@dataclass(frozen=True)
class Suggestion:
    category: str
    score: int
    evidence: tuple[tuple[str, int, int], ...]  # (term, times, weight), strongest first
    runner_up: tuple[str, int] | None
    tags: tuple[str, ...]

    def comment(self) -> str:
        if not self.evidence:
            return "建议分类：没有匹配的关键词，暂归其他组，请编辑判断"
        terms = "、".join(f"{term}×{times}（每次{weight}分）" for term, times, weight in self.evidence)
        second = f"；次高 {self.runner_up[0]} {self.runner_up[1]} 分" if self.runner_up else ""
        return f"建议分类依据：{terms}，共 {self.score} 分{second}"


def suggest(title: str, description: str, taxonomy: Taxonomy) -> Suggestion:
    text = "\n".join([title, title, description])
    scores: dict[str, int] = {}
    evidence: dict[str, tuple[tuple[str, int, int], ...]] = {}
    for category in taxonomy.categories:
        weights = dict(category.keywords)
        counts = _count(text, weights)
        evidence[category.slug] = tuple(sorted(
            ((term, times, weights[term]) for term, times in counts.items()),
            key=lambda item: (-item[1] * item[2], item[0]),
        ))
        scores[category.slug] = sum(times * weight for _, times, weight in evidence[category.slug])
    ranked = sorted((slug for slug in scores if scores[slug]), key=lambda slug: -scores[slug])
    if not ranked:
        fallback = next(c.slug for c in taxonomy.categories if c.extra)
        return Suggestion(fallback, 0, (), None, _tags(text, taxonomy))
    best = ranked[0]
    runner_up = (ranked[1], scores[ranked[1]]) if len(ranked) > 1 else None
    return Suggestion(best, scores[best], evidence[best], runner_up, _tags(text, taxonomy))


def _tags(text: str, taxonomy: Taxonomy) -> tuple[str, ...]:
    """Tags whose name or other wordings occur, most mentioned first."""
    counts = {tag.name: sum(_count(text, dict.fromkeys((tag.name, *tag.keywords), 1)).values())
              for tag in taxonomy.tags}
    order = {tag.name: index for index, tag in enumerate(taxonomy.tags)}
    found = sorted((name for name in counts if counts[name]), key=lambda name: (-counts[name], order[name]))
    return tuple(found[:_MAX_TAGS])


def _count(text: str, terms: dict[str, int]) -> Counter[str]:
    return Counter(find_words(terms, text))
