// Shared by the map and the time line: the data, the filters (year, instrument, event type,
// role) and the side panel that lists the entries with their quotes. Text from the news is
// only ever set with textContent.
"use strict";
const data = JSON.parse(document.getElementById("events-data").textContent);
const $ = (id) => document.getElementById(id);

function element(tag, text, className) {
  const node = document.createElement(tag);
  if (text !== undefined) node.textContent = text;
  if (className) node.className = className;
  return node;
}

function plural(count, one, many) {
  return count + " " + (count === 1 ? one : many);
}

const SVG = "http://www.w3.org/2000/svg";

function svgElement(tag, attributes) {
  const node = document.createElementNS(SVG, tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
  return node;
}

// each filter: its heading, its "any" choice, and what an event has of it
const FILTERS = {
  year: ["Year", "all years", (event) => event.date.slice(0, 4)],
  instrument: ["Instrument", "all instruments", (event) => event.instruments],
  type: ["Event type", "all types", (event) => event.type],
  role: ["Role of a state or body", "any role", (event) => Object.keys(event.roles)],
};

// a select per filter in #filters, offering the values the events have
function fillFilters(onChange) {
  for (const [name, [heading, any, read]] of Object.entries(FILTERS)) {
    const select = element("select");
    select.id = name;
    select.appendChild(new Option(any, ""));
    const values = new Set(data.events.flatMap((event) => [].concat(read(event)).filter(Boolean)));
    const sorted = [...values].sort();
    if (name === "year") sorted.reverse();
    for (const value of sorted) select.appendChild(new Option(value, value));
    select.addEventListener("change", onChange);
    $("filters").append(element("h2", heading), select);
  }
}

function shownEvents() {
  return data.events.filter((event) => Object.entries(FILTERS).every(([name, [, , read]]) => {
    const wanted = $(name).value;
    return !wanted || [].concat(read(event)).includes(wanted);
  }));
}

function showEvents(heading, events) {
  const panel = $("panel");
  panel.replaceChildren();
  panel.appendChild(element("h1", heading));
  const entries = events.reduce((sum, event) => sum + event.entries.length, 0);
  panel.appendChild(element("div", plural(events.length, "event", "events") + " · " + plural(entries, "entry", "entries")));
  if (!data.quoted) panel.appendChild(element("div", "Quotes are left out of pages of so many events: `untoc-graph explain` gives them.", "facts"));
  for (const event of events) {
    const box = element("div", undefined, "event");
    box.appendChild(element("div", event.date + " · " + event.type, "date"));
    if (event.name) box.appendChild(element("div", event.name, "name"));
    const places = event.places.map((id) => data.places[id].label);
    const facts = [];
    if (places.length) facts.push(places.join(", "));
    if (event.instruments.length) facts.push(event.instruments.join(", "));
    for (const [role, names] of Object.entries(event.roles)) facts.push(role + ": " + names.join(", "));
    if (facts.length) box.appendChild(element("div", facts.join(" · "), "facts"));
    for (const entry of event.entries) {
      const item = element("div", undefined, "entry");
      item.appendChild(element("span", entry.date + " ", "date"));
      item.appendChild(element("span", entry.headline));
      for (const quote of entry.quotes) item.appendChild(element("div", "“" + quote + "”", "quote"));
      box.appendChild(item);
    }
    panel.appendChild(box);
  }
}
