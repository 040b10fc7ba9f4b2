/*
 * A shared `?q=` link: the search worker is told the query in its own address (`#q=…`), so it
 * reads the index files that answer it while the theme is still starting, before the theme sets
 * the worker up and sends the query (casebook-search.js). Runs before the theme's bundle, which
 * reads its config once.
 */
"use strict";
(() => {
  const query = new URLSearchParams(location.search).get("q")
  const element = document.getElementById("__config")
  if (!query || !element) return
  const config = JSON.parse(element.textContent)
  if (typeof config.search !== "string") return
  config.search = config.search.split("#")[0] + "#" + new URLSearchParams({ q: query })
  element.textContent = JSON.stringify(config)
})()
