/*
 * The place search on the regions page: type any part of a place's name (莒镇, 济阳) and its page
 * is a tap away, however deep it lies (province › city › county › town), with its counts. The
 * places come from the JSON the page's a.places-data link names, fetched once the reader types;
 * the typed words stay in the address (?place=…), so a search can be shared. Without JavaScript
 * the page lists the provinces and cities, and each place's page the places below it. Names are
 * only ever set as textContent (`element` is casebook.js's, loaded before this file).
 */
"use strict"

const PLACES_SHOWN = 20
const PLACE_TYPING_PAUSE = 200  // ms

/* Places whose name holds what was typed: whole names first, then names that begin with it,
   then broader places before narrower ones (the file lists them broadest first). */
function placesMatching(places, typed) {
  const ranked = places.map(([name], order) => [name === typed ? 0 : name.startsWith(typed) ? 1 : 2, order])
    .filter(([rank], order) => rank < 2 || places[order][0].includes(typed))
  ranked.sort((a, b) => a[0] - b[0] || a[1] - b[1])
  return ranked.map(([, order]) => places[order])
}

function placeItem([name, above, href, cases, practices], base) {
  return element("li", {}, [
    element("a", { href: new URL(href, base).href, textContent: name }),
    element("span", { className: "place-above", textContent: `${above ? ` · ${above}` : ""} · ${cases} 个案例、${practices} 项做法` }),
  ])
}

function setUpPlaceSearch(dataLink) {
  let places = null
  const load = () => places ??= fetch(dataLink.href).then(response => {
    if (!response.ok) throw new Error(`${response.status} ${dataLink.href}`)
    return response.json()
  }).catch(error => { places = null; throw error })

  const input = element("input", { type: "search", id: "place-search", name: "place",
                                        placeholder: "地名的一部分，如 济阳、莒镇", autocomplete: "off" })
  const label = element("label", { htmlFor: input.id, textContent: "查找地区" })
  const status = element("p", { className: "place-status" })
  status.setAttribute("role", "status")
  const results = element("ul", { className: "place-results" })
  const form = element("form", { className: "place-search" }, [label, input, status, results])
  form.setAttribute("role", "search")
  form.addEventListener("submit", event => event.preventDefault())
  dataLink.closest("p").after(form)

  let latest = 0
  async function show(typed, remember) {
    const number = ++latest
    if (remember) {
      const url = new URL(location.href)
      if (typed) url.searchParams.set("place", typed)
      else url.searchParams.delete("place")
      history.replaceState(null, "", url.href)
    }
    if (!typed) {
      status.textContent = ""
      results.replaceChildren()
      return
    }
    let all
    try {
      all = await load()
    } catch (error) {
      if (number === latest) status.textContent = "地名未能载入，请稍后再试。"
      return
    }
    if (number !== latest) return  // the reader typed on meanwhile
    const found = placesMatching(all, typed)
    status.textContent = found.length
      ? `名称含“${typed}”的地区：${found.length} 个${found.length > PLACES_SHOWN ? `，显示前 ${PLACES_SHOWN} 个` : ""}。`
      : `没有名称含“${typed}”的地区。`
    results.replaceChildren(...found.slice(0, PLACES_SHOWN).map(place => placeItem(place, dataLink.href)))
  }

  let typing
  input.addEventListener("input", () => {
    clearTimeout(typing)
    typing = setTimeout(() => show(input.value.trim(), true), PLACE_TYPING_PAUSE)
  })
  const typed = (new URLSearchParams(location.search).get("place") || "").trim()
  if (typed) {
    input.value = typed
    show(typed, false)
  }
}

const placesLink = document.querySelector("a.places-data")
if (placesLink) setUpPlaceSearch(placesLink)
