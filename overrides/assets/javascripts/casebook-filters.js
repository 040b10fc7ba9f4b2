/*
 * Filters on category pages: province, level, year and tag, over every practice of the
 * category (not only this page's), read from the JSON the build writes for it (the page's
 * a.facets-data link). The form is drawn from a small file beside it (….options.json: each
 * value with its count); the practices, which grow with the library, are fetched only once a
 * filter is on. The filters live in the query string (?province=…&level=…&year=…&tag=…), so a
 * filtered view can be shared, and back/forward return to earlier filters. Without JavaScript
 * the page shows its static, paginated list. Case text is only set as textContent.
 */
"use strict"

const FILTERS = [
  { name: "province", label: "省份", test: (c, p, v) => c.places[0] === v },
  { name: "level", label: "层级", test: (c, p, v) => c.level === v },
  { name: "year", label: "年份", test: (c, p, v) => c.years.includes(Number(v)) },
  { name: "tag", label: "标签", test: (c, p, v) => p.tags.includes(v) },
]
const SHOWN_AT_ONCE = 100  // results are added in steps, so a broad filter stays quick to draw

function element(tag, properties = {}, children = []) {
  const node = Object.assign(document.createElement(tag), properties)
  node.append(...children)
  return node
}

function matches(data, practice, state) {
  const owner = data.cases[practice.case]
  return FILTERS.every(f => !state[f.name] || f.test(owner, practice, state[f.name]))
}

/* The filters in this page's URL; a value the category does not have counts as no filter. */
function stateFromUrl(options) {
  const params = new URLSearchParams(location.search)
  const state = {}
  for (const f of FILTERS) {
    const value = params.get(f.name) || ""
    state[f.name] = options[f.name].some(([known]) => String(known) === value) ? value : ""
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
  form.setAttribute("aria-label", "筛选本类做法")
  form.addEventListener("submit", event => event.preventDefault())
  for (const f of FILTERS) {
    if (!options[f.name].length) continue
    const select = element("select", { id: `filter-${f.name}`, name: f.name }, [
      element("option", { value: "", textContent: "全部" }),
      ...options[f.name].map(([value, count]) =>
        element("option", { value: String(value), textContent: `${value}（${count}）` })),
    ])
    form.append(element("div", { className: "filter-field" }, [
      element("label", { htmlFor: select.id, textContent: f.label }), select,
    ]))
  }
  form.append(element("button", { type: "button", className: "filter-clear", textContent: "清除筛选" }))
  return form
}

function resultItem(data, practice, facetsUrl) {
  const owner = data.cases[practice.case]
  const years = owner.years.length > 1 ? `${owner.years[0]}—${owner.years.at(-1)}` : String(owner.years[0])
  const link = element("a", { href: new URL(`${owner.href}#${practice.id}`, facetsUrl).href,
                              textContent: practice.title })
  const about = element("span", { className: "filter-case",
                                  textContent: ` · ${owner.title} · ${owner.places.join(" › ")} · ${years}` })
  return element("li", {}, [link, about])
}

function setUpFilters(dataLink, options) {
  const facetsUrl = dataLink.href
  let practices = null  // the promise of the category's practices, fetched when first filtered
  const loadPractices = () => practices ??= fetch(facetsUrl).then(response => {
    if (!response.ok) throw new Error(`${response.status} ${facetsUrl}`)
    return response.json()
  }).catch(error => { practices = null; throw error })  // the next choice tries again
  const staticParts = document.querySelectorAll(".listing, .pager")
  const form = buildForm(options)
  const status = element("p", { className: "filter-status" })
  status.setAttribute("role", "status")
  const results = element("ol", { className: "filter-results", hidden: true })
  const more = element("button", { type: "button", className: "filter-more", hidden: true })
  const anchor = document.querySelector(".listing") || dataLink.closest("p")
  anchor.before(form, status, results, more)

  let data = null, found = [], latest = 0
  function showMore() {
    const start = results.children.length
    results.append(...found.slice(start, start + SHOWN_AT_ONCE).map(p => resultItem(data, p, facetsUrl)))
    const left = found.length - results.children.length
    more.hidden = left <= 0
    more.textContent = `显示更多（还有 ${left} 项）`
  }

  async function show(state) {
    const number = ++latest
    for (const f of FILTERS) if (form.elements[f.name]) form.elements[f.name].value = state[f.name]
    const active = FILTERS.some(f => state[f.name])
    if (active && !data) {
      status.textContent = "正在载入本类做法……"
      results.setAttribute("aria-busy", "true")
      try {
        data = await loadPractices()
      } catch (error) {
        if (number === latest) {
          status.textContent = "本类做法未能载入，请稍后再试。"
          results.removeAttribute("aria-busy")
        }
        return
      }
      if (number !== latest) return  // a newer choice came meanwhile, and shows itself
    }
    results.removeAttribute("aria-busy")
    for (const part of staticParts) part.hidden = active
    results.hidden = !active
    results.replaceChildren()
    found = active ? data.practices.filter(p => matches(data, p, state)) : []
    const cases = new Set(found.map(p => p.case)).size
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

  const formState = () => Object.fromEntries(FILTERS.map(f => [f.name, form.elements[f.name]?.value || ""]))
  form.addEventListener("change", () => choose(formState()))
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
  const response = await fetch(dataLink.href.replace(/\.json$/, ".options.json"))  // see facet_options_path
  if (response.ok) setUpFilters(dataLink, await response.json())
}

startFilters()
