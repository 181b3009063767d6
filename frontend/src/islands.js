// The islands by name. Each takes (element, data) and draws into element.
import { timeline } from "./islands/timeline.js";
import { linkchart } from "./islands/linkchart.js";
import { deskqueue } from "./islands/deskqueue.js";
import { queue, queueback } from "./islands/queue.js";

export const islands = {};
islands.timeline = timeline;
islands.linkchart = linkchart;
islands.deskqueue = deskqueue;
islands.queue = queue;
islands.queueback = queueback;
