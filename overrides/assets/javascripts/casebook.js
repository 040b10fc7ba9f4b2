/*
 * Small conveniences on case pages; the pages work without them.
 * - a "复制链接" button beside each practice copies its permanent URL;
 * - the citation's [引用日期] is filled with today's date, as GB/T 7714 asks.
 */
"use strict"

function addCopyLinkButtons() {
  for (const meta of document.querySelectorAll(".practice-meta[data-permalink]")) {
    const button = document.createElement("button")
    button.type = "button"
    button.className = "copy-link"
    button.textContent = "复制链接"
    button.title = "复制这项做法的永久链接"
    button.addEventListener("click", async () => {
      await navigator.clipboard.writeText(meta.dataset.permalink)
      button.textContent = "已复制"
      setTimeout(() => { button.textContent = "复制链接" }, 2000)
    })
    meta.append(" ", button)
  }
}

function fillCitationDate() {
  const today = new Date().toISOString().slice(0, 10)
  for (const citation of document.querySelectorAll(".citation"))
    citation.textContent = citation.textContent.replace("[引用日期]", `[${today}]`)
}

addCopyLinkButtons()
fillCitationDate()

/* A shared link to a practice that was renamed: go to where it is now. */
function followMovedAnchor() {
  const anchor = decodeURIComponent(location.hash.slice(1))
  const moved = document.querySelector(".moved-anchors")
  if (!anchor || !moved || document.getElementById(anchor)) return
  const target = JSON.parse(moved.dataset.moved)[anchor]
  if (target) location.replace(target)
}

followMovedAnchor()
