/*
 * The casebook's own search box (partials/casebook-search-box.html), for builds whose theme
 * search cannot use the casebook's index: Zensical's box speaks another protocol to its worker.
 * It starts the casebook's worker (casebook-search.js, Material's protocol: SETUP with the
 * manifest search/search_index.json, then QUERY → RESULT) when the reader first searches, and
 * lists its results; a `?q=` link opens with them, as in the Material build. Everything comes
 * from the site itself, wherever it is served (addresses are taken from this script's own).
 */
"use strict"

;(() => {
  const SETUP = 0, QUERY = 2, RESULT = 3  // as in casebook-search.js
  const SECTIONS_SHOWN = 3  // a page's best sections under its title
  const ASSETS = new URL(".", document.currentScript.src)  // …/assets/javascripts/
  const SITE = new URL("../../", ASSETS)
  const box = document.querySelector(".casebook-search")
  const input = box.querySelector(".casebook-search__input")
  const output = box.querySelector(".casebook-search__output")
  const meta = box.querySelector(".casebook-search__meta")
  const list = box.querySelector(".casebook-search__list")
  let ready = null  // the worker, once it has the manifest

  /* The worker, set up once; a failed start is forgotten, so the next keystroke tries again. */
  function started() {
    ready = ready || fetch(new URL("search/search_index.json", SITE))
      .then(response => response.json())
      .then(index => {
        const worker = new Worker(new URL("casebook-search.js", ASSETS))
        worker.addEventListener("message", ({ data: message }) => {
          if (message.type === RESULT) show(message.data.items)
        })
        worker.postMessage({ type: SETUP, data: index })  // queries follow it in the worker's queue
        return worker
      })
      .catch(error => { ready = null; throw error })
    return ready
  }

  function search(query) {
    output.hidden = !query.trim()
    // An empty query is sent too: the worker then drops any answer still due to an older one.
    started().then(worker => worker.postMessage({ type: QUERY, data: query }), error => {
      meta.textContent = "搜索暂不可用"
      console.error("casebook search:", error)
    })
  }

  function countText(count) {
    return count === 0 ? "没有找到符合条件的结果" : count === 1 ? "找到 1 个符合条件的结果" : `${count} 个符合条件的结果`
  }

  /* A link to a result; its title and text come from the worker escaped, with <mark>s only. */
  function resultLink(result, heading) {
    const link = document.createElement("a")
    link.className = "casebook-search__link"
    link.href = new URL(result.location, SITE).href
    link.innerHTML = `<${heading}>${result.title}</${heading}><p>${result.text}</p>`
    return link
  }

  function resultItem([page, ...sections]) {
    const item = document.createElement("li")
    item.className = "casebook-search__item"
    item.append(resultLink(page, "h3"), ...sections.slice(0, SECTIONS_SHOWN).map(s => resultLink(s, "h4")))
    return item
  }

  function show(groups) {
    if (!input.value.trim()) return
    meta.textContent = countText(groups.length)
    list.replaceChildren(...groups.map(resultItem))
    output.hidden = false
  }

  box.querySelector("form").addEventListener("submit", event => event.preventDefault())
  input.addEventListener("input", () => search(input.value))
  input.addEventListener("focus", () => { output.hidden = !input.value.trim() })
  input.addEventListener("keydown", event => {
    if (event.key === "Escape") output.hidden = true
  })
  document.addEventListener("click", event => {
    if (!box.contains(event.target)) output.hidden = true
  })

  const linked = new URLSearchParams(location.search).get("q")
  if (linked) {
    input.value = linked
    search(linked)
  }
})()
