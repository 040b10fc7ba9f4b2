/*
 * Search worker for the casebook, speaking Material for MkDocs' worker protocol
 * (SETUP → READY, QUERY → RESULT), so Material's search box, result list and `?q=` links
 * stay as they are.
 *
 * Matching is by substring of folded text, not by words: a reader who types 复议 finds every
 * section that says 行政复议, and every part of a query (split at spaces) must occur in the page.
 * Folding is shared with the index (see scripts/casebook/search_index.py) and maps each
 * character to one character, so matches are marked in the original text: full-width forms to
 * ASCII, lower case, and Traditional → Simplified by the `config.fold` table taken from OpenCC.
 */
"use strict"

const SETUP = 0, READY = 1, QUERY = 2, RESULT = 3
const SNIPPET_BEFORE = 30, SNIPPET_LENGTH = 160
const WEIGHT = { pageTitle: 8, sectionTitle: 5, textHit: 1, maxTextHits: 5 }

let pages = []          // [{ docs: [{ location, title, text, boost, haystack }] }]
let foldMap = new Map()

function foldChar(char) {
  const code = char.charCodeAt(0)
  if (code >= 0xff01 && code <= 0xff5e) char = String.fromCharCode(code - 0xfee0)
  else if (code === 0x3000) char = " "
  return foldMap.get(char) || char.toLowerCase()
}

function fold(text) {
  let out = ""
  for (let i = 0; i < text.length; i++) out += foldChar(text[i])
  return out
}

function escapeHTML(text) {
  return text.replace(/[&<>"']/g, c => `&#${c.charCodeAt(0)};`)
}

function countOf(haystack, needle) {
  let count = 0
  for (let at = haystack.indexOf(needle); at !== -1 && count < WEIGHT.maxTextHits;
       at = haystack.indexOf(needle, at + needle.length))
    count++
  return count
}

/* The text with each occurrence of a query part marked (folding keeps positions). */
function highlight(text, folded, parts) {
  const marks = new Array(text.length).fill(false)
  for (const part of parts)
    for (let at = folded.indexOf(part); at !== -1; at = folded.indexOf(part, at + 1))
      marks.fill(true, at, at + part.length)
  let html = "", open = false
  for (let i = 0; i < text.length; i++) {
    if (marks[i] !== open) { html += marks[i] ? "<mark>" : "</mark>"; open = marks[i] }
    html += escapeHTML(text[i])
  }
  return open ? html + "</mark>" : html
}

function snippet(doc, parts) {
  const first = Math.min(...parts.map(p => doc.foldedText.indexOf(p)).filter(i => i >= 0))
  if (!Number.isFinite(first))
    return doc.text.length > SNIPPET_LENGTH ? escapeHTML(doc.text.slice(0, SNIPPET_LENGTH)) + "…" : escapeHTML(doc.text)
  const start = Math.max(0, first - SNIPPET_BEFORE)
  const end = Math.min(doc.text.length, start + SNIPPET_LENGTH)
  return (start > 0 ? "…" : "") +
    highlight(doc.text.slice(start, end), doc.foldedText.slice(start, end), parts) +
    (end < doc.text.length ? "…" : "")
}

function setup(index) {
  foldMap = new Map()
  const table = index.config.fold || ""
  for (let i = 0; i + 1 < table.length; i += 2) foldMap.set(table[i], table[i + 1])
  const byPage = new Map()
  for (const doc of index.docs) {
    const page = doc.location.split("#")[0]
    if (!byPage.has(page)) byPage.set(page, { docs: [] })
    byPage.get(page).docs.push({
      ...doc,
      foldedTitle: fold(doc.title),
      foldedText: fold(doc.text)
    })
  }
  pages = [...byPage.values()]
}

function scoreSection(doc, parts, isPage) {
  let score = 0
  for (const part of parts) {
    if (doc.foldedTitle.includes(part))
      score += isPage ? WEIGHT.pageTitle : WEIGHT.sectionTitle
    score += WEIGHT.textHit * countOf(doc.foldedText, part)
  }
  return score * (doc.boost || 1)
}

function search(query) {
  const parts = [...new Set(fold(query).split(/\s+/).filter(Boolean))]
  if (!parts.length) return { items: [] }
  const results = []
  pages.forEach((page, order) => {
    const found = new Set()
    for (const doc of page.docs)
      for (const part of parts)
        if (doc.foldedTitle.includes(part) || doc.foldedText.includes(part)) found.add(part)
    if (found.size < parts.length) return           // every part must be on the page
    const [main, ...sections] = page.docs
    const scored = sections
      .map(doc => ({ doc, score: scoreSection(doc, parts, false) }))
      .filter(s => s.score > 0)
      .sort((a, b) => b.score - a.score)
    const mainScore = scoreSection(main, parts, true)
    const best = Math.max(mainScore, ...scored.map(s => s.score))
    const terms = Object.fromEntries(parts.map(p => [p, true]))
    const item = (doc, score) => ({
      location: doc.location, score, terms,
      title: highlight(doc.title, doc.foldedTitle, parts),
      text: snippet(doc, parts)
    })
    results.push({
      order, best,
      group: [item(main, best), ...scored.map(s => item(s.doc, s.score))]
    })
  })
  results.sort((a, b) => b.best - a.best || a.order - b.order)
  return { items: results.map(r => r.group) }
}

addEventListener("message", ({ data: message }) => {
  switch (message.type) {
    case SETUP:
      setup(message.data)
      postMessage({ type: READY })
      break
    case QUERY:
      postMessage({ type: RESULT, data: search(message.data) })
      break
  }
})
