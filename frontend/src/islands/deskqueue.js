// The status desk's queue, worked by keyboard for a whole shift: j / ArrowDown and
// k / ArrowUp move between queries, Enter (or a click) opens one. The rows are refreshed
// by htmx every 15 seconds; the selected query stays selected across a refresh, and focus
// is put back only if it was in the queue before (a refresh never steals focus from
// anything else the operator is doing).

const TYPING = new Set(["INPUT", "TEXTAREA", "SELECT"]);

function rowsOf(table) {
  return Array.from(table.querySelectorAll("tbody tr[data-query-id]"));
}

function select(table, row, focus) {
  for (const other of rowsOf(table)) {
    const chosen = other === row;
    other.tabIndex = chosen ? 0 : -1;
    other.classList.toggle("selected", chosen);
    other.setAttribute("aria-selected", chosen ? "true" : "false");
  }
  if (row && focus) row.focus();
}

function selected(table) {
  return table.querySelector("tbody tr.selected") || rowsOf(table)[0] || null;
}

function move(table, step) {
  const rows = rowsOf(table);
  if (!rows.length) return;
  const at = rows.indexOf(selected(table));
  const next = rows[Math.min(Math.max(at + step, 0), rows.length - 1)];
  select(table, next, true);
  next.scrollIntoView({ block: "nearest" });
}

function open(row) {
  if (row && row.dataset.href) window.location.assign(row.dataset.href);
}

function onKey(table, event) {
  if (event.altKey || event.ctrlKey || event.metaKey || TYPING.has(event.target.tagName)) return;
  const inQueue = table.contains(event.target);
  const free = inQueue || event.target === document.body || event.target.id === "main";
  if (!free) return;
  if (event.key === "j" || event.key === "ArrowDown") move(table, 1);
  else if (event.key === "k" || event.key === "ArrowUp") move(table, -1);
  else if (event.key === "Enter" && inQueue) open(event.target.closest("tr[data-query-id]"));
  else return;
  event.preventDefault();
}

export function deskqueue(table) {
  let keep = { id: null, index: 0, focused: false };
  const free = document.activeElement === document.body || document.activeElement?.id === "main";
  select(table, rowsOf(table)[0] || null, free);

  document.addEventListener("keydown", (event) => onKey(table, event));
  table.addEventListener("click", (event) => {
    if (event.target.closest("a")) return; // the link opens it itself
    open(event.target.closest("tr[data-query-id]"));
  });
  table.addEventListener("htmx:beforeSwap", () => {
    const row = selected(table);
    keep = {
      id: row ? row.dataset.queryId : null,
      index: Math.max(rowsOf(table).indexOf(row), 0),
      focused: table.contains(document.activeElement),
    };
  });
  table.addEventListener("htmx:afterSwap", () => {
    const rows = rowsOf(table);
    const same = rows.find((row) => row.dataset.queryId === keep.id);
    select(table, same || rows[Math.min(keep.index, rows.length - 1)] || null, keep.focused);
  });
}
