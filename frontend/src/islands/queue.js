// A lead queue worked by keyboard for a whole shift: j / ArrowDown and k / ArrowUp move
// between leads, Home / End jump, Enter (or a click) opens one, "/" goes to the filters.
// Column headings are buttons that sort the rows (again: the other way). The lead last
// opened is remembered for the tab, so coming back to the queue puts the cursor where the
// work continues, not back at the top: on that lead, or -- once it is closed and gone
// from the queue -- on the one that took its place.

const TYPING = new Set(["INPUT", "TEXTAREA", "SELECT", "BUTTON"]);
const LAST_OPENED = "tessera.queue.last";

function rowsOf(table) {
  return Array.from(table.querySelectorAll("tbody tr[data-lead-id]"));
}

function select(table, row, focus) {
  for (const other of rowsOf(table)) {
    const chosen = other === row;
    other.tabIndex = chosen ? 0 : -1;
    other.classList.toggle("selected", chosen);
    other.setAttribute("aria-selected", chosen ? "true" : "false");
  }
  if (row && focus) {
    row.focus();
    row.scrollIntoView({ block: "nearest" });
  }
}

function selected(table) {
  return table.querySelector("tbody tr.selected") || rowsOf(table)[0] || null;
}

function moveTo(table, index) {
  const rows = rowsOf(table);
  if (!rows.length) return;
  select(table, rows[Math.min(Math.max(index, 0), rows.length - 1)], true);
}

function open(table, row) {
  if (!row || !row.dataset.href) return;
  const index = rowsOf(table).indexOf(row);
  try {
    const queueUrl = window.location.pathname + window.location.search;
    sessionStorage.setItem(LAST_OPENED, JSON.stringify({ id: row.dataset.leadId, index, queueUrl }));
  } catch {
    // storage refused (private mode): the queue simply starts at the top next time
  }
  window.location.assign(row.dataset.href);
}

function sortBy(table, button) {
  const key = button.dataset.sort;
  const heading = button.closest("th");
  const ascending = heading.getAttribute("aria-sort") !== "ascending";
  for (const th of table.querySelectorAll("thead th")) th.removeAttribute("aria-sort");
  heading.setAttribute("aria-sort", ascending ? "ascending" : "descending");
  const current = selected(table);
  const rows = rowsOf(table);
  rows.sort((a, b) => {
    const order = (a.dataset[key] || "").localeCompare(b.dataset[key] || "", "en", { numeric: true });
    return ascending ? order : -order;
  });
  const body = table.querySelector("tbody");
  for (const row of rows) body.appendChild(row);
  select(table, current, false);
}

function onKey(table, event) {
  if (event.altKey || event.ctrlKey || event.metaKey) return;
  const target = event.target;
  if (event.key === "/" && !TYPING.has(target.tagName)) {
    const filter = document.querySelector("[data-filter-focus]");
    if (filter) {
      filter.focus();
      event.preventDefault();
    }
    return;
  }
  const inRow = table.contains(target) && target.closest("tbody tr[data-lead-id]") !== null;
  if (!inRow && target !== document.body && target.id !== "main") return;
  const rows = rowsOf(table);
  const at = rows.indexOf(selected(table));
  if (event.key === "j" || event.key === "ArrowDown") moveTo(table, at + 1);
  else if (event.key === "k" || event.key === "ArrowUp") moveTo(table, at - 1);
  else if (event.key === "Home") moveTo(table, 0);
  else if (event.key === "End") moveTo(table, rows.length - 1);
  else if (event.key === "Enter" && inRow) open(table, target.closest("tr[data-lead-id]"));
  else return;
  event.preventDefault();
}

function remembered(table) {
  let last = null;
  try {
    last = JSON.parse(sessionStorage.getItem(LAST_OPENED) || "null");
  } catch {
    last = null;
  }
  const rows = rowsOf(table);
  if (!last || !rows.length) return rows[0] || null;
  const same = rows.find((row) => row.dataset.leadId === String(last.id));
  return same || rows[Math.min(Math.max(Number(last.index) || 0, 0), rows.length - 1)];
}

export function queue(table) {
  const free = document.activeElement === document.body || document.activeElement?.id === "main";
  select(table, remembered(table), free);
  document.addEventListener("keydown", (event) => onKey(table, event));
  table.addEventListener("click", (event) => {
    const button = event.target.closest("button[data-sort]");
    if (button) return sortBy(table, button);
    const row = event.target.closest("tr[data-lead-id]");
    if (!row) return;
    if (event.target.closest("a")) {
      event.preventDefault(); // remember it first, then go
    }
    open(table, row);
  });
}

// On a lead's page: the link back goes to the queue as it was filtered when the lead was
// opened from it (the server only knows the lead's unit).
export function queueback(link) {
  try {
    const last = JSON.parse(sessionStorage.getItem(LAST_OPENED) || "null");
    if (last && last.id === link.dataset.leadId && String(last.queueUrl).startsWith("/ui/leads")) {
      link.href = last.queueUrl;
    }
  } catch {
    // nothing remembered: the unit's queue it is
  }
}
