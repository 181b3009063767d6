// The dossier's link chart: the person in the middle; their documents, employers and
// ports of arrival around them; people who share an identifier beyond those. Drawn with
// Cytoscape.js from the elements the server built; a click on another person opens
// their dossier (through the server, which decides whether they may be read).
import cytoscape from "cytoscape";

const MAX_FIT_ZOOM = 1.3;

const STYLE = [
  {
    selector: "node",
    style: {
      label: "data(label)",
      "font-size": 10,
      "text-valign": "bottom",
      "text-margin-y": 4,
      "text-wrap": "ellipsis",
      "text-max-width": 150,
      color: "#1d2430",
      width: 18,
      height: 18,
      "background-color": "#8a94a6",
      "border-width": 1,
      "border-color": "#ffffff",
    },
  },
  {
    selector: "node.person",
    style: { "background-color": "#1f5fa8", width: 34, height: 34, "font-weight": "bold", "font-size": 12 },
  },
  { selector: "node.document", style: { shape: "round-rectangle", "background-color": "#9a5b00" } },
  { selector: "node.employer", style: { shape: "diamond", "background-color": "#1d6b3a" } },
  { selector: "node.port", style: { shape: "triangle", "background-color": "#6b4fa8" } },
  { selector: "node.other", style: { "background-color": "#a11d2b", width: 24, height: 24 } },
  {
    selector: "edge",
    style: {
      width: 1.5,
      "line-color": "#b8c0cc",
      "curve-style": "bezier",
      label: "data(label)",
      "font-size": 8,
      color: "#5b6575",
      "text-rotation": "autorotate",
      "text-background-color": "#ffffff",
      "text-background-opacity": 0.8,
    },
  },
];

export function linkchart(element, data) {
  if (!data || !data.elements || data.elements.length === 0) {
    element.textContent = "Nothing to chart.";
    return;
  }
  const chart = cytoscape({
    container: element,
    elements: data.elements,
    style: STYLE,
    layout: {
      name: "concentric",
      concentric: (node) => (node.id() === data.center ? 3 : node.hasClass("other") ? 1 : 2),
      levelWidth: () => 1,
      minNodeSpacing: 60,
      spacingFactor: 1.3,
      padding: 30,
      animate: false,
    },
    wheelSensitivity: 0.2,
    minZoom: 0.3,
    maxZoom: 3,
  });
  // A small chart is not blown up to fill the box: labels stay at reading size.
  if (chart.zoom() > MAX_FIT_ZOOM) {
    chart.zoom(MAX_FIT_ZOOM);
    chart.center();
  }
  chart.on("tap", "node.other", (event) => {
    window.location.assign(`/ui/people/${encodeURIComponent(event.target.id())}`);
  });
  element.chart = chart;
}
