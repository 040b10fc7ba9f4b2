/*
 * Small conveniences on case pages; the pages work without them.
 * - beside each practice, "复制链接" copies its permanent URL (where a browser has no clipboard
 *   API, as some in-app browsers of chat apps, the link is shown selected, to copy by hand or by
 *   a long press) and "二维码" shows a QR code of it, drawn here by lean-qr (vendor/, MIT);
 * - the citation's [引用日期] is filled with today's date, as GB/T 7714 asks;
 * - in `casebook serve`, problems in the case files are shown at the top of every page;
 * - a remark behind a button (a figure's source words, why a field is 推定) opens on hover too.
 */
"use strict"

const SCRIPT = document.currentScript.src  // vendor/ is found beside this file
const SVG = "http://www.w3.org/2000/svg"
const QUIET_ZONE = 4  // modules of white around a QR code, as the standard asks

/* An element with these properties (text only as textContent) and children; the other scripts,
   loaded after this one (mkdocs.yml), build their parts with it too. */
function element(tag, properties = {}, children = []) {
  const node = Object.assign(document.createElement(tag), properties)
  node.append(...children)
  return node
}

function shareButton(text, title, className) {
  return element("button", { type: "button", className: `share-button ${className}`, textContent: text, title })
}

/* The practice's link in a field, selected: what a reader copies when the browser cannot. */
function showLink(panel, link) {
  panel.hidden = false
  const field = panel.querySelector("input")
  field.focus()
  field.setSelectionRange(0, link.length)
  return document.execCommand("copy")  // still copies in some browsers without navigator.clipboard
}

async function copyLink(link, button, panel) {
  try {
    await navigator.clipboard.writeText(link)
  } catch {  // no clipboard API here, or it was refused
    const copied = showLink(panel, link)
    panel.querySelector(".share-hint").textContent = copied ? "已复制上面的链接。" : "请长按或全选上面的链接，再复制。"
    return
  }
  button.textContent = "已复制"
  setTimeout(() => { button.textContent = "复制链接" }, 2000)
}

/* A QR code of `link` as SVG, one path of dark modules; only numbers reach the drawing. */
async function qrCode(link) {
  const { generate, correction } = await import(new URL("vendor/lean-qr-nano.js", SCRIPT))
  const code = generate(link, { minCorrectionLevel: correction.M })
  const side = code.size + 2 * QUIET_ZONE
  let path = ""
  for (let y = 0; y < code.size; y++)
    for (let x = 0; x < code.size; x++)
      if (code.get(x, y)) path += `M${x + QUIET_ZONE} ${y + QUIET_ZONE}h1v1h-1z`
  const svg = document.createElementNS(SVG, "svg")
  svg.setAttribute("viewBox", `0 0 ${side} ${side}`)
  svg.setAttribute("class", "practice-qr")
  svg.setAttribute("role", "img")
  svg.setAttribute("aria-label", "这项做法永久链接的二维码")
  svg.setAttribute("shape-rendering", "crispEdges")
  const modules = document.createElementNS(SVG, "path")
  modules.setAttribute("d", path)
  svg.append(modules)
  return svg
}

async function toggleQr(link, button, panel) {
  const open = button.getAttribute("aria-expanded") !== "true"
  button.setAttribute("aria-expanded", String(open))
  if (open && !panel.querySelector(".practice-qr")) panel.prepend(await qrCode(link))
  panel.querySelector(".practice-qr").hidden = !open
  panel.hidden = !open && panel.querySelector(".share-hint").textContent === ""
}

function addSharing() {
  for (const meta of document.querySelectorAll(".practice-meta[data-permalink]")) {
    const link = meta.dataset.permalink
    const copy = shareButton("复制链接", "复制这项做法的永久链接", "copy-link")
    const qr = shareButton("二维码", "显示这项做法的二维码", "show-qr")
    qr.setAttribute("aria-expanded", "false")
    const field = element("input", { type: "text", readOnly: true, value: link })
    field.setAttribute("aria-label", "这项做法的永久链接")
    const panel = element("div", { className: "practice-share", hidden: true, id: `share-${new URL(link).hash.slice(1)}` },
                          [field, element("p", { className: "share-hint" })])
    qr.setAttribute("aria-controls", panel.id)
    copy.addEventListener("click", () => copyLink(link, copy, panel))
    qr.addEventListener("click", () => toggleQr(link, qr, panel))
    meta.append(" ", copy, qr)
    meta.after(panel)
  }
}

function fillCitationDate() {
  const today = new Date().toISOString().slice(0, 10)
  for (const citation of document.querySelectorAll(".citation"))
    citation.textContent = citation.textContent.replace("[引用日期]", `[${today}]`)
}

addSharing()
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
