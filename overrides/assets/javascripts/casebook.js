/*
 * Small conveniences on case pages; the pages work without them.
 * - a "复制链接" button beside each practice copies its permanent URL;
 * - the citation's [引用日期] is filled with today's date, as GB/T 7714 asks;
 * - in `casebook serve`, problems in the case files are shown at the top of every page;
 * - a remark behind a button (a figure's source words, why a field is 推定) opens on hover too.
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

/* The live preview (casebook serve) says where its pages hold problems: shown as text. */
async function showPreviewProblems() {
  const source = document.querySelector('meta[name="casebook-preview-problems"]')
  if (!source) return
  const problems = await fetch(new URL(source.content, document.baseURI), { cache: "no-store" })
    .then(response => response.ok ? response.json() : []).catch(() => [])
  if (!problems.length) return
  const notice = document.createElement("div")
  notice.className = "preview-problems"
  notice.setAttribute("role", "alert")
  const heading = document.createElement("p")
  heading.textContent = `案例文件有 ${problems.length} 处问题；页面仍是上一次成功渲染的内容。改正后自动刷新：`
  const list = document.createElement("ul")
  for (const problem of problems) {
    const item = document.createElement("li")
    item.textContent = problem
    list.append(item)
  }
  notice.append(heading, list)
  document.querySelector(".md-content__inner, main, body").prepend(notice)
}

showPreviewProblems()

/* Where there is a mouse, a remark opens while the pointer is on its button; a click keeps it open.
   Taps and keys use the button itself (popovertarget), with no script. */
function openRemarksOnHover() {
  if (!matchMedia("(hover: hover)").matches) return
  for (const toggle of document.querySelectorAll("button.casebook-aside-toggle[popovertarget]")) {
    const remark = document.getElementById(toggle.getAttribute("popovertarget"))
    if (!remark || !remark.showPopover) continue
    let openedByHover = false
    toggle.addEventListener("mouseenter", () => {
      if (remark.matches(":popover-open")) return
      remark.showPopover({ source: toggle })  // the button anchors it (CSS position-area)
      openedByHover = true
    })
    toggle.addEventListener("mouseleave", () => {
      if (openedByHover && remark.matches(":popover-open")) remark.hidePopover()
      openedByHover = false
    })
    toggle.addEventListener("click", event => {
      if (!openedByHover) return
      event.preventDefault()  // the click would close what hovering opened
      openedByHover = false
    })
  }
}

openRemarksOnHover()
