/*
 * Filters on listings of practices: a category page (province, level, year, tag and words, over
 * every practice of the category, not only this page's) and the practice finder (the same, and
 * the category, over every practice). The page's a.facets-data link names the category's
 * practices (its options are beside it, ….options.json) or, on the finder, the options file
 * itself. The form is drawn from the options (each value with its count); the practices, which
 * grow with the library, are fetched only once a filter is on, and only the chosen category's
 * when one is chosen. The filters live in the query string (?category=…&province=…&text=…), so
 * a filtered view can be shared, and back/forward return to earlier filters. Without JavaScript
 * the page shows its static, paginated list. Case text is only set as textContent (`element` is
 * casebook.js's, loaded before this file).
 */
"use strict"

const words = text => text.toLowerCase().split(/\s+/).filter(Boolean)

const FILTERS = [
  { name: "text", label: "文字", free: true,
    test: (c, p, v) => words(v).every(word => p.searched.includes(word)) },
  { name: "category", label: "分类", test: (c, p, v) => p.category === v },
  { name: "tag", label: "标签", test: (c, p, v) => p.tags.includes(v) },
  { name: "province", label: "省份", test: (c, p, v) => c.places[0] === v },
  { name: "level", label: "层级", test: (c, p, v) => c.level === v },
  { name: "year", label: "年份", test: (c, p, v) => c.years.includes(Number(v)) },
]
const SHOWN_AT_ONCE = 100  // results are added in steps, so a broad filter stays quick to draw
const TYPING_PAUSE = 300  // ms

function matches(practice, state) {
  return FILTERS.every(f => !state[f.name] || f.test(practice.owner, practice, state[f.name]))
}

/* The filters this page offers: those its options have values for, and the words. */
function offered(options) {
  return FILTERS.filter(f => f.free || options[f.name]?.length)
}

/* The filters in this page's URL; a value the listing does not have counts as no filter. */
function stateFromUrl(options) {
  const params = new URLSearchParams(location.search)
  const state = {}
  for (const f of FILTERS) {
    const value = (params.get(f.name) || "").trim()
    const known = f.free || (options[f.name] || []).some(([option]) => String(option) === value)
    state[f.name] = offered(options).includes(f) && known ? value : ""
  }
  return state
}

function urlFor(state) {
  const url = new URL(location.href)
  for (const f of FILTERS) {
    if (state[f.name]) url.searchParams.set(f.name, state[f.name])
    else url.searchParams.delete(f.name)
  }
  return url.href
}

function buildForm(options) {
  const form = element("form", { className: "listing-filters" })
  form.setAttribute("role", "search")
  form.setAttribute("aria-label", "筛选做法")
  form.addEventListener("submit", event => event.preventDefault())
  for (const f of offered(options)) {
    const id = `filter-${f.name}`
    const control = f.free
      ? element("input", { id, name: f.name, type: "search", placeholder: "标题、地名或描述中的字词" })
      : element("select", { id, name: f.name }, [
        element("option", { value: "", textContent: "全部" }),
        ...options[f.name].map(([value, count, label]) =>
          element("option", { value: String(value), textContent: `${label ?? value}（${count}）` })),
      ])
    form.append(element("div", { className: `filter-field filter-${f.name}` }, [
      element("label", { htmlFor: id, textContent: f.label }), control,
    ]))
  }
  form.append(element("button", { type: "button", className: "filter-clear", textContent: "清除筛选" }))
  return form
}

function resultItem(practice, categoryNames) {
  const owner = practice.owner
  const years = owner.years.length > 1 ? `${owner.years[0]}—${owner.years.at(-1)}` : String(owner.years[0])
  const category = categoryNames.get(practice.category)
  return element("li", {}, [
    element("a", { href: practice.href, textContent: practice.title }),
    element("span", { className: "filter-case",
                      textContent: `${category ? ` · ${category}` : ""} · ${owner.title} · ${owner.places.join(" › ")} · ${years}` }),
    element("span", { className: "practice-summary", textContent: practice.summary }),
  ])
}

/* One category's practices, each knowing its case, its category, its address and its words. */
async function fetchPractices(url, category) {
  const response = await fetch(url)
  if (!response.ok) throw new Error(`${response.status} ${url}`)
  const data = await response.json()
  return data.practices.map(p => {
    const owner = data.cases[p.case]
    return { ...p, owner, category, href: new URL(`${owner.href}#${p.id}`, url).href,
             searched: [p.title, p.summary, owner.title, ...owner.places, ...p.tags].join(" ").toLowerCase() }
  })
}

/* The entries of the page's table of contents that lead into the static list: hidden with it. */
function contentsInto(parts) {
  return [...document.querySelectorAll(".md-nav--secondary a.md-nav__link[href^='#']")].filter(link => {
    const target = document.getElementById(decodeURIComponent(link.hash.slice(1)))
    return target && [...parts].some(part => part.contains(target))
  }).map(link => link.closest("li"))
}

function setUpFilters(dataLink, optionsUrl, options) {
  const files = new Map(Object.entries(options.files).map(([slug, file]) => [slug, new URL(file, optionsUrl).href]))
  const loaded = new Map()  // category → the promise of its practices, fetched when first needed
  const load = category => {
    if (!loaded.has(category)) {
      loaded.set(category, fetchPractices(files.get(category), category)
        .catch(error => { loaded.delete(category); throw error }))  // the next choice tries again
    }
    return loaded.get(category)
  }
  const practicesFor = async state =>
    (await Promise.all((state.category ? [state.category] : [...files.keys()]).map(load))).flat()
  const categoryNames = new Map((options.category || []).map(([slug, , name]) => [slug, name]))

  const staticParts = document.querySelectorAll(".listing, .pager")
  const contents = contentsInto(staticParts)
  const form = buildForm(options)
  const status = element("p", { className: "filter-status" })
  status.setAttribute("role", "status")
  const results = element("ol", { className: "filter-results", hidden: true })
  const more = element("button", { type: "button", className: "filter-more", hidden: true })
  const anchor = document.querySelector(".listing") || dataLink.closest("p")
  anchor.before(form, status, results, more)

  let found = [], latest = 0
  function showMore() {
    const start = results.children.length
    results.append(...found.slice(start, start + SHOWN_AT_ONCE).map(p => resultItem(p, categoryNames)))
    const left = found.length - results.children.length
    more.hidden = left <= 0
    more.textContent = `显示更多（还有 ${left} 项）`
  }

  async function show(state) {
    const number = ++latest
    for (const f of offered(options)) if (document.activeElement !== form.elements[f.name]) form.elements[f.name].value = state[f.name]
    const active = FILTERS.some(f => state[f.name])
    let practices = []
    if (active) {
      status.textContent = "正在载入做法……"
      results.setAttribute("aria-busy", "true")
      try {
        practices = await practicesFor(state)
      } catch (error) {
        if (number === latest) {
          status.textContent = "做法未能载入，请稍后再试。"
          results.removeAttribute("aria-busy")
        }
        return
      }
      if (number !== latest) return  // a newer choice came meanwhile, and shows itself
    }
    results.removeAttribute("aria-busy")
    for (const part of [...staticParts, ...contents]) part.hidden = active
    results.hidden = !active
    results.replaceChildren()
    found = practices.filter(p => matches(p, state))
    const cases = new Set(found.map(p => p.owner)).size
    status.textContent = !active ? "" : found.length
      ? `符合条件的做法：${found.length} 项，来自 ${cases} 个案例。`
      : "没有符合条件的做法。"
    showMore()
  }

  function choose(state) {
    const url = urlFor(state)
    if (url !== location.href) history.pushState(null, "", url)
    show(state)
  }

  const formState = () => Object.fromEntries(FILTERS.map(f => [f.name, (form.elements[f.name]?.value || "").trim()]))
  form.addEventListener("change", () => choose(formState()))
  // Words filter once typing pauses: an entry in the history for each pause, not for each key.
  let typing
  form.addEventListener("input", event => {
    if (event.target.type !== "search") return
    clearTimeout(typing)
    typing = setTimeout(() => choose(formState()), TYPING_PAUSE)
  })
  form.querySelector(".filter-clear").addEventListener("click",
    () => choose(Object.fromEntries(FILTERS.map(f => [f.name, ""]))))
  more.addEventListener("click", showMore)
  window.addEventListener("popstate", () => show(stateFromUrl(options)))

  const state = stateFromUrl(options)
  if (urlFor(state) !== location.href) history.replaceState(null, "", urlFor(state))  // drop unknown values
  show(state)
}

async function startFilters() {
  const dataLink = document.querySelector("a.facets-data")
  if (!dataLink) return
  const optionsUrl = dataLink.href.endsWith(".options.json") ? dataLink.href
    : dataLink.href.replace(/\.json$/, ".options.json")  // beside a category's practices (routes.facet_options)
  const response = await fetch(optionsUrl)
  if (response.ok) setUpFilters(dataLink, optionsUrl, await response.json())
}

startFilters()
