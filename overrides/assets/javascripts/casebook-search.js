/*
 * Search worker for the casebook, speaking Material for MkDocs' worker protocol
 * (SETUP → READY, QUERY → RESULT), so Material's search box, result list and `?q=` links
 * stay as they are.
 *
 * Matching is by substring of folded text, not by words: a reader who types 复议 finds every
 * section that says 行政复议, and every part of a query (split at spaces and quotes) must occur in the page.
 * Folding is shared with the index (see scripts/casebook/search_index.py) and maps each
 * character to one character, so matches are marked in the original text: full-width forms to
 * ASCII, lower case (where it is one unit), and Traditional → Simplified by the `config.fold`
 * table taken from OpenCC.
 *
 * SETUP brings only a manifest (`config.chunks`); the index lies in files in search/, which
 * this worker fetches as a query needs them (format in search_index.py): the shards holding the
 * query's character pairs (and triples of common pairs) tell which pieces of text may match; the
 * pieces of the best-ranked of those pages are read and kept when they really match. The worker
 * answers as soon as a screen of results is full, and again once a page of them is. Nothing else
 * is downloaded, but for the shards of triples whose pairs turn out not to be common.
 */
"use strict"

const SETUP = 0, READY = 1, QUERY = 2, RESULT = 3
const SNIPPET_BEFORE = 30, SNIPPET_LENGTH = 160
const WEIGHT = { pageTitle: 8, sectionTitle: 5, textHit: 1, maxTextHits: 5 }
const RESULT_PAGES = 50       // pages per answer: Material shows 10, then more as the reader scrolls
const SCREEN = 10, READ_LIMIT = 100  // once a screen is full, give up after reading this many pages
// The build puts this worker in place of the theme's (assets/javascripts/workers/…), so the
// site's root is found by that path, not by a fixed number of steps up. Its address may end in
// `#q=…`, the query of a shared link (casebook-shared-query.js).
const SEARCH_FOLDER = new URL(self.location.href.replace(/assets\/javascripts\/[^?#]*([?#].*)?$/, "search/"))
const SHARED_QUERY = new URLSearchParams(new URL(self.location.href).hash.slice(1)).get("q")
// Quotes a reader may put around words (full-width ＂ folds to "). A part is matched as a whole
// already, so they are read as spaces: "行政 复议" finds what 行政 复议 finds, and one left open breaks nothing.
const QUOTES = /["“”‘’「」『』]/g

let foldMap = new Map()
let chunks = { pieces: 0, shards: 0, version: "" }
let pageOfPiece = new Int32Array(0)   // piece → the page's first piece, which numbers the page
const shardCache = new Map()          // shard number → promise of Map key → postings
const pieceCache = new Map()          // piece number → promise of its documents
let latestQuery = 0                   // a newer query makes older ones stop without answering

function foldChar(char) {
  const code = char.charCodeAt(0)
  if (code >= 0xff01 && code <= 0xff5e) char = String.fromCharCode(code - 0xfee0)
  else if (code === 0x3000) char = " "
  if (foldMap.has(char)) return foldMap.get(char)
  // Offsets in folded text must be those in the text: a character whose lower case is longer
  // (İ → i̇) stays as it is, as in the index.
  const lower = char.toLowerCase()
  return lower.length === 1 ? lower : char
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

/* ---- The index files ---- */

function fetchIndexFile(name, read) {
  const url = new URL(`${name}?v=${chunks.version}`, SEARCH_FOLDER)
  return fetch(url).then(response => {
    if (!response.ok) throw new Error(`${response.status} ${url}`)
    return read(response)
  })
}

/* A cached fetch; a failed one is forgotten so that the next query tries again. */
function cached(cache, key, load) {
  if (!cache.has(key))
    cache.set(key, load().catch(error => { cache.delete(key); throw error }))
  return cache.get(key)
}

function readVarint(reader) {
  let value = 0, scale = 1, byte
  do {
    byte = reader.bytes[reader.at++]
    value += (byte & 0x7f) * scale
    scale *= 128
  } while (byte & 0x80)
  return value
}

/* A shard as a Map from key (hash div shard count) to its postings, still encoded. */
function readShard(buffer) {
  const reader = { bytes: new Uint8Array(buffer), at: 0 }
  const entries = []
  for (let count = readVarint(reader), key = 0; count > 0; count--) {
    key += readVarint(reader)
    entries.push([key, readVarint(reader)])
  }
  const postings = new Map()
  let offset = reader.at
  for (const [key, header] of entries) {
    const length = Math.floor(header / 4)
    postings.set(key, {
      bitmap: (header & 1) === 1,
      common: (header & 2) === 2,        // its triples with another common pair are indexed too
      bytes: reader.bytes.subarray(offset, offset + length)
    })
    offset += length
  }
  return postings
}

/* Sorted piece numbers of encoded postings. */
function decodePostings({ bitmap, bytes }) {
  const reader = { bytes, at: 0 }, pieces = []
  if (bitmap) {
    const firstByte = readVarint(reader)
    for (let i = reader.at; i < bytes.length; i++)
      for (let bit = 0; bit < 8; bit++)
        if (bytes[i] & (1 << bit)) pieces.push((firstByte + i - reader.at) * 8 + bit)
  } else {
    for (let piece = 0; reader.at < bytes.length; ) pieces.push(piece += readVarint(reader))
  }
  return pieces
}

/* FNV-1a over code points, as the index writer computes it. */
function keyHash(key) {
  let hash = 0x811c9dc5
  for (const char of key) hash = Math.imul(hash ^ char.codePointAt(0), 0x01000193) >>> 0
  return hash
}

/* The postings of a key, or undefined when no piece holds it. */
async function postingsOf(key) {
  const hash = keyHash(key)
  const shard = await cached(shardCache, hash % chunks.shards,
    () => fetchIndexFile(`shards/${hash % chunks.shards}.bin`, response => response.arrayBuffer()).then(readShard))
  return shard.get(Math.floor(hash / chunks.shards))
}

/* The documents of a piece, folded once. */
function loadPiece(number) {
  return cached(pieceCache, number, () => fetchIndexFile(`text/${number}.json`, response => response.json())
    .then(docs => docs.map(doc => ({ ...doc, foldedTitle: fold(doc.title), foldedText: fold(doc.text) }))))
}

/* ---- Finding pages ---- */

function intersect(a, b) {
  const out = []
  for (let i = 0, j = 0; i < a.length && j < b.length; ) {
    if (a[i] < b[j]) i++
    else if (a[i] > b[j]) j++
    else { out.push(a[i]); i++; j++ }
  }
  return out
}

/* Sorted pieces that may hold the part (a superset of those that do): pieces holding each of its
   pairs (its character, when it has one) and each triple of two common pairs. Whether a triple is
   indexed shows only in its pairs' postings; its shard is fetched meanwhile, saving a round trip. */
async function piecesFor(part) {
  const chars = Array.from(part)
  const pairs = chars.length === 1 ? chars : chars.slice(1).map((char, i) => chars[i] + char)
  const triples = chars.slice(2).map((char, i) => pairs[i] + char)
  const [pairPostings, triplePostings] =
    await Promise.all([pairs, triples].map(keys => Promise.all(keys.map(postingsOf))))
  const postings = [...pairPostings,
    ...triplePostings.filter((_, i) => pairPostings[i]?.common && pairPostings[i + 1]?.common)]
  if (postings.includes(undefined)) return []
  return postings.map(decodePostings).sort((a, b) => a.length - b.length).reduce(intersect)
}

/* Pages (in rank order) that may hold every part, and for a page the pieces of it to read: its
   first, which holds its own document and so heads its results, and those that may hold a part. */
async function candidatePages(parts) {
  const pieceLists = await Promise.all(parts.map(piecesFor))
  let pages = null
  const laterPieces = new Map()  // page → its pieces after the first that may hold a part
  for (const pieces of pieceLists) {
    const partPages = []
    for (const piece of pieces) {
      const page = pageOfPiece[piece]
      if (partPages[partPages.length - 1] !== page) partPages.push(page)
      if (piece !== page) laterPieces.set(page, (laterPieces.get(page) || new Set()).add(piece))
    }
    pages = pages ? intersect(pages, partPages) : partPages
  }
  return { pages, piecesOf: page => [page, ...[...(laterPieces.get(page) || [])].sort((a, b) => a - b)] }
}

/* A page's documents from the pieces read; parts of one long document are joined again. */
async function loadPage(pieces) {
  const docs = new Map()
  for (const pieceDocs of await Promise.all(pieces.map(loadPiece)))
    for (const doc of pieceDocs) {
      const known = docs.get(doc.location)
      docs.set(doc.location, known ? {
        ...known, text: known.text + " " + doc.text, foldedText: known.foldedText + " " + doc.foldedText
      } : doc)
    }
  return [...docs.values()]
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

/* The page's results when every part occurs on it, else null. */
function match(docs, parts, order) {
  const found = new Set()
  for (const doc of docs)
    for (const part of parts)
      if (doc.foldedTitle.includes(part) || doc.foldedText.includes(part)) found.add(part)
  if (found.size < parts.length) return null
  const [main, ...sections] = docs
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
  return { order, best, group: [item(main, best), ...scored.map(s => item(s.doc, s.score))] }
}

/* The distinct parts of a query, folded: split at white space and quotes. */
function queryParts(query) {
  return [...new Set(fold(query).replace(QUOTES, " ").split(/\s+/).filter(Boolean))]
}

/* Answers a query with Material's RESULT data: once a screen of results is ready, so the reader
   sees them early, then again with up to RESULT_PAGES of them (Material renders the list anew),
   the first screen kept in place and in its order, so nothing the reader sees moves.
   A newer query makes an older one stop without answering. */
async function search(query, number) {
  const ranked = results => [...results].sort((a, b) => b.best - a.best || a.order - b.order)
  const answer = results => number === latestQuery && postMessage({ type: RESULT, data: {
    items: results.map(r => r.group)
  } })
  const parts = queryParts(query)
  if (!parts.length || !chunks.pieces) return answer([])
  const { pages, piecesOf } = await candidatePages(parts)
  if (number !== latestQuery) return
  const results = [], loading = []
  let screen = null  // the first screen, once answered
  const wanted = next => next < pages.length && results.length < RESULT_PAGES &&
    (next < READ_LIMIT || results.length < SCREEN)
  for (let next = 0; wanted(next); next++) {
    // Pages are read in rank order, as many at once as results are missing (of a screen, then of a page).
    const missing = (results.length < SCREEN ? SCREEN : RESULT_PAGES) - results.length
    while (loading.length < Math.min(pages.length, next + missing)) {
      const page = loadPage(piecesOf(pages[loading.length]))
      page.catch(() => {})  // read ahead, it may be left unread; an error is met where it is read
      loading.push(page)
    }
    const docs = await loading[next]
    if (number !== latestQuery) return
    const result = match(docs, parts, pages[next])
    if (result) results.push(result)
    if (result && results.length === SCREEN) answer(screen = ranked(results))
  }
  if (!screen) answer(ranked(results))
  else if (results.length > SCREEN) answer([...screen, ...ranked(results.slice(SCREEN))])
}

function setup(config) {
  if (config.chunks.version === chunks.version) return  // read ahead for a shared link: keep what was read
  foldMap = new Map()
  const table = Array.from(config.fold || "")
  for (let i = 0; i + 1 < table.length; i += 2)
    if (table[i].length === 1 && table[i + 1].length === 1)  // pairs beyond the BMP cannot fold by unit
      foldMap.set(table[i], table[i + 1])
  chunks = config.chunks
  pageOfPiece = Int32Array.from({ length: chunks.pieces }, (_, i) => i)
  for (const [first, count] of chunks.long_pages) pageOfPiece.fill(first, first, first + count)
  shardCache.clear()
  pieceCache.clear()
}

/* A shared link's query, before the theme sets the worker up: the manifest, the shards of the
   query and the pieces of its first screen of pages are read, so the query, when it comes, is
   answered from them. Nothing is answered here; a failure is met again by the query itself. */
async function readAhead(query) {
  const response = await fetch(new URL("search_index.json", SEARCH_FOLDER))
  if (!response.ok) return
  const { config } = await response.json()
  if (!chunks.version) setup(config)  // unless the theme's setup came first
  const version = chunks.version
  const parts = queryParts(query)
  if (!parts.length || !chunks.pieces) return
  const { pages, piecesOf } = await candidatePages(parts)
  if (chunks.version !== version) return  // the theme set up another index meanwhile: this one's pages mean nothing
  for (const page of pages.slice(0, SCREEN)) loadPage(piecesOf(page)).catch(() => {})
}

if (SHARED_QUERY) readAhead(SHARED_QUERY).catch(() => {})

addEventListener("message", ({ data: message }) => {
  switch (message.type) {
    case SETUP:
      setup(message.data.config)
      postMessage({ type: READY })
      break
    case QUERY: {
      const number = ++latestQuery
      search(message.data, number).catch(error => console.error("casebook search:", error))
      break
    }
  }
})
