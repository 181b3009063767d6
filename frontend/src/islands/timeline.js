// The dossier's timeline: periods of status as labelled bands (ranges in the "Status"
// row), events as marks (points in the "Events" row). The page renders the same entries
// as a table for keyboard and screen-reader users; this drawing is for the eye.
import { DataSet } from "vis-data/peer";
import { Timeline } from "vis-timeline/peer";

const DAY = 24 * 60 * 60 * 1000;

function window_of(items, asOf) {
  const times = items.flatMap((i) => [i.start, i.end].filter(Boolean)).map((d) => Date.parse(d));
  const last = asOf ? Date.parse(asOf) : Math.max(...times);
  const first = Math.min(...times, last);
  const margin = Math.max((last - first) * 0.06, 45 * DAY);
  return { start: new Date(first - margin), end: new Date(last + margin) };
}

export function timeline(element, data) {
  if (!data || !data.items || data.items.length === 0) {
    element.textContent = "No dated entries to draw.";
    element.classList.add("empty");
    return;
  }
  const items = new DataSet(data.items);
  const groups = new DataSet(data.groups);
  const shown = window_of(data.items, data.asOf);
  const drawn = new Timeline(element, items, groups, {
    stack: true,
    stackSubgroups: true,
    zoomKey: "ctrlKey",
    orientation: { axis: "top" },
    margin: { item: { horizontal: 2, vertical: 4 } },
    start: shown.start,
    end: shown.end,
    maxHeight: 420,
    showCurrentTime: false,
    format: {
      minorLabels: { day: "D", month: "MM", year: "YYYY" },
      majorLabels: { day: "YYYY-MM", month: "YYYY", year: "" },
    },
    tooltip: { followMouse: true, overflowMethod: "cap" },
  });
  if (data.asOf) {
    drawn.addCustomTime(new Date(data.asOf), "as-of");
    drawn.setCustomTimeTitle(`records cut ${data.asOf}`, "as-of");
  }
  element.timeline = drawn;
}
