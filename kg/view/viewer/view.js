/* The kg graph page: draws the network, filters it, finds actors and shows details.
   Every text from the graph goes into the page through textContent or DOM properties,
   never as markup, and only http(s) links become clickable. */
(function () {
  "use strict";

  var data = JSON.parse(document.getElementById("kg-data").textContent);
  var nodes = new vis.DataSet(data.nodes);
  var edges = new vis.DataSet(data.edges);
  var sources = {};
  data.sources.forEach(function (s) { sources[s.iri] = s; });

  var filters = {
    classes: {}, types: {}, modalities: {},
    dateFrom: "", dateTo: "", undated: true
  };
  data.classes.forEach(function (c) { filters.classes[c.name] = true; });
  data.types.forEach(function (t) { filters.types[t.name] = true; });
  data.modalities.forEach(function (m) { filters.modalities[m.name] = m.shown; });

  var state = { ready: false, pinned: null };
  var READABLE_LABEL = 11;  // px: the first view's most connected actors have labels this large

  // --- small DOM helpers -------------------------------------------------------

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) { node.className = className; }
    if (text !== undefined && text !== null) { node.textContent = String(text); }
    return node;
  }

  function safeUrl(text) {
    try {
      var url = new URL(text);
      return (url.protocol === "http:" || url.protocol === "https:") ? url.href : null;
    } catch (e) {
      return null;
    }
  }

  function byId(id) { return document.getElementById(id); }

  // --- controls ------------------------------------------------------------------

  function checkbox(container, label, checked, onChange, decorate) {
    var row = el("label", "kg-check");
    var input = el("input");
    input.type = "checkbox";
    input.checked = checked;
    input.addEventListener("change", function () { onChange(input.checked); });
    row.appendChild(input);
    if (decorate) { row.appendChild(decorate); }
    row.appendChild(el("span", null, label));
    var count = el("span", "kg-n");
    row.appendChild(count);
    container.appendChild(row);
    return { input: input, count: count };
  }

  function line(colour, modality) {
    var span = el("span", "kg-line" + (modality ? " kg-" + modality.toLowerCase() : ""));
    span.style.borderTopColor = colour;
    return span;
  }

  function totals(items, key) {
    var count = {};
    items.forEach(function (item) { var k = key(item); count[k] = (count[k] || 0) + 1; });
    return count;
  }

  function buildControls() {
    var perClass = totals(edges, function (e) { return e.kg.class; });
    var perModality = totals(edges, function (e) { return e.kg.modality; });
    var perType = totals(nodes, function (n) { return n.kg.type; });
    var classBox = byId("kg-filter-class");
    data.classes.forEach(function (c) {
      var box = checkbox(classBox, c.label, true, function (on) { filters.classes[c.name] = on; applyFilters(); },
                         line(c.colour));
      box.input.value = c.name;
      box.input.dataset.filter = "class";
      box.input.title = c.relations.join(", ");
      box.count.textContent = perClass[c.name] || 0;
    });
    var modalityBox = byId("kg-filter-modality");
    data.modalities.forEach(function (m) {
      var box = checkbox(modalityBox, m.label, m.shown, function (on) { filters.modalities[m.name] = on; applyFilters(); },
                         line("#555", m.name === "Asserted" ? null : m.name));
      box.input.value = m.name;
      box.input.dataset.filter = "modality";
      box.count.textContent = perModality[m.name] || 0;
    });
    var typeBox = byId("kg-filter-type");
    var swatches = byId("kg-swatches").content;
    data.types.forEach(function (t) {
      var swatch = swatches.querySelector('[data-type="' + t.name + '"] svg');
      var box = checkbox(typeBox, t.label, true, function (on) { filters.types[t.name] = on; applyFilters(); },
                         swatch ? swatch.cloneNode(true) : null);
      box.input.value = t.name;
      box.input.dataset.filter = "type";
      box.count.textContent = perType[t.name] || 0;
    });
    if (data.dateRange) {
      var from = byId("kg-date-from"), to = byId("kg-date-to"), undated = byId("kg-date-undated");
      from.min = to.min = data.dateRange[0];
      from.max = to.max = data.dateRange[1];
      from.value = data.dateRange[0];
      to.value = data.dateRange[1];
      from.addEventListener("change", function () { filters.dateFrom = from.value; applyFilters(); });
      to.addEventListener("change", function () { filters.dateTo = to.value; applyFilters(); });
      undated.addEventListener("change", function () { filters.undated = undated.checked; applyFilters(); });
      byId("kg-filter-date").hidden = false;
    }
    if (data.camps.length) {
      byId("kg-colour-by").hidden = false;
      document.querySelectorAll('input[name="kg-colour"]').forEach(function (radio) {
        radio.addEventListener("change", function () { if (radio.checked) { colourBy(radio.value); } });
      });
    }
    if (data.selectionNote) {
      var note = byId("kg-selection-note");
      note.textContent = data.selectionNote;
      note.hidden = false;
    }
    var names = byId("kg-names");
    var seen = {};
    nodes.forEach(function (n) {
      [n.kg.name].concat(n.kg.aliases).forEach(function (name) {
        if (seen[name]) { return; }
        seen[name] = true;
        var option = el("option");
        option.value = name;
        names.appendChild(option);
      });
    });
    byId("kg-search").addEventListener("submit", function (event) {
      event.preventDefault();
      findActor(byId("kg-search-input").value);
    });
    byId("kg-details-close").addEventListener("click", function () {
      state.pinned = null;
      byId("kg-details").hidden = true;
      network.unselectAll();
    });
  }

  // --- filtering -----------------------------------------------------------------

  function datesPass(kg) {
    if (!kg.spans.length) { return filters.undated; }
    var from = filters.dateFrom || "0000-01-01", to = filters.dateTo || "9999-12-31";
    return kg.spans.some(function (s) { return s[1] >= from && s[0] <= to; });
  }

  function edgePasses(e) {
    return filters.classes[e.kg.class] && filters.modalities[e.kg.modality] && datesPass(e.kg);
  }

  function applyFilters() {
    // An actor is shown when its type is, and one of its relations passes the relation
    // filters (or it has none at all); a relation, when it passes them and both ends are shown.
    var passing = {}, edgeChanges = [], nodeChanges = [], shownEdges = 0, shownNodes = 0, shownNode = {};
    var shownEvidence = 0;
    edges.forEach(function (e) {
      if (edgePasses(e)) {
        passing[e.from] = true;
        passing[e.to] = true;
      }
    });
    var narrowed = filtersNarrowed();
    nodes.forEach(function (n) {
      // an actor with no relation at all is shown until a filter narrows the view
      var visible = Boolean(filters.types[n.kg.type] && (passing[n.id] || (n.kg.relations === 0 && !narrowed)));
      shownNode[n.id] = visible;
      if (visible) { shownNodes += 1; }
      if (Boolean(n.hidden) === visible) { nodeChanges.push({ id: n.id, hidden: !visible }); }
    });
    edges.forEach(function (e) {
      var visible = Boolean(edgePasses(e) && shownNode[e.from] && shownNode[e.to]);
      if (visible) { shownEdges += 1; shownEvidence += e.kg.evidence.length; }
      if (Boolean(e.hidden) === visible) { edgeChanges.push({ id: e.id, hidden: !visible }); }
    });
    if (edgeChanges.length) { edges.update(edgeChanges); }
    if (nodeChanges.length) { nodes.update(nodeChanges); }
    var c = data.counts;
    var text = "Showing " + shownNodes + " of " + c.actors + " actors and " + shownEdges + " of " + c.edges +
      " relations, from " + shownEvidence + " of " + c.evidence + " evidence statements";
    if (c.totalActors > c.actors || c.totalEdges > c.edges) {
      text += " (the graph has " + c.totalActors + " actors and " + c.totalEdges + " relations)";
    }
    byId("kg-counts").textContent = text;
    if (state.ready) {
      refreshPinned();
      fitVisible();
    }
    if (data.dateRange && !byId("kg-timeline").hidden) { drawTimeline(); }
  }

  function filtersNarrowed() {
    var off = function (map) { return Object.keys(map).some(function (k) { return !map[k]; }); };
    var from = filters.dateFrom || data.dateRange && data.dateRange[0];
    var to = filters.dateTo || data.dateRange && data.dateRange[1];
    var dates = data.dateRange && (from !== data.dateRange[0] || to !== data.dateRange[1] || !filters.undated);
    return off(filters.classes) || off(filters.types) || Boolean(dates) ||
      data.modalities.some(function (m) { return filters.modalities[m.name] !== m.shown; });
  }

  // The pinned actor or relation, as the filters now leave it: its card redrawn (an actor's
  // list of relations shows the visible ones), or closed when it is hidden.
  function refreshPinned() {
    var target = state.pinned;
    if (!target) { return; }
    var item = target.node !== undefined ? nodes.get(target.node) : edges.get(target.edge);
    if (!item || item.hidden) {
      state.pinned = null;
      byId("kg-details").hidden = true;
      byId("kg-details-body").replaceChildren();
    } else {
      pin(target);
    }
  }

  // Zoom to what is shown: the largest connected part, with the labels of its most connected
  // actors readable (READABLE_LABEL px or more); the rest comes with zooming out.
  function fitVisible() {
    var part = largestPart();
    if (!part.length) { return; }
    network.fit({ nodes: part, animation: false });
    var top = part.map(function (id) { return nodes.get(id); }).sort(function (a, b) {
      return b.kg.relations - a.kg.relations || (a.id < b.id ? -1 : 1); })[0];
    var needed = READABLE_LABEL / ((top.font && top.font.size) || 14);
    if (network.getScale() < needed) {
      network.moveTo({ position: network.getPositions([top.id])[top.id], scale: needed, animation: false });
    }
  }

  function largestPart() {
    var shown = nodes.getIds({ filter: function (n) { return !n.hidden; } });
    var links = {};
    edges.forEach(function (e) {
      if (e.hidden) { return; }
      (links[e.from] = links[e.from] || []).push(e.to);
      (links[e.to] = links[e.to] || []).push(e.from);
    });
    var seen = {}, best = [];
    shown.forEach(function (start) {
      if (seen[start]) { return; }
      var part = [start], queue = [start];
      seen[start] = true;
      while (queue.length) {
        (links[queue.pop()] || []).forEach(function (next) {
          if (!seen[next]) { seen[next] = true; part.push(next); queue.push(next); }
        });
      }
      if (part.length > best.length) { best = part; }
    });
    return best;
  }

  // --- details: tooltip and panel --------------------------------------------------

  function definitions(pairs) {
    var dl = el("dl");
    pairs.forEach(function (pair) {
      if (pair[1] === null || pair[1] === undefined || pair[1] === "") { return; }
      dl.appendChild(el("dt", null, pair[0]));
      var dd = el("dd");
      if (pair[1] instanceof Node) { dd.appendChild(pair[1]); } else { dd.textContent = String(pair[1]); }
      dl.appendChild(dd);
    });
    return dl;
  }

  // Colours by type come with the nodes; by camp, from the camps the page was given.
  function colourBy(what) {
    nodes.update(nodes.get().map(function (n) {
      var colour = what === "camp" ? campColour(n.kg.camp) : n.kg.typeColour;
      return { id: n.id, color: { background: colour.background, border: colour.border,
                                  highlight: { background: colour.background, border: "#000000" },
                                  hover: { background: colour.background, border: "#000000" } } };
    }));
    document.body.dataset.kgColour = what;
  }

  function campColour(number) {
    var camp = number ? data.camps[number - 1] : null;
    return camp ? { background: camp.colour, border: camp.border } : { background: "#FFFFFF", border: "#999999" };
  }

  // A name with a word that mixes scripts (look-alike letters, perhaps) carries a mark that says so.
  function markedName(name, kg) {
    var span = el("span", null, name);
    var mixed = (kg.mixedScripts || []).filter(function (m) { return m.name === name; })[0];
    if (mixed) {
      var mark = el("span", "kg-mixed", "\u26a0 mixed scripts");
      mark.title = "A word of this name mixes " + mixed.scripts.join(" and ") +
        " letters: some may be look-alikes of others";
      span.appendChild(document.createTextNode(" "));
      span.appendChild(mark);
    }
    return span;
  }

  function aliasList(kg) {
    if (!kg.aliases.length) { return null; }
    var list = el("span");
    kg.aliases.forEach(function (alias, i) {
      if (i) { list.appendChild(document.createTextNode("; ")); }
      list.appendChild(markedName(alias, kg));
    });
    return list;
  }

  function nodeCard(n, full) {
    var kg = n.kg, card = el("div", "kg-card");
    card.appendChild(el("h2")).appendChild(markedName(kg.name, kg));
    card.appendChild(el("p", "kg-kind", kg.typeLabel));
    card.appendChild(definitions([
      ["Also called", aliasList(kg)],
      ["Relations", String(kg.degree)],
      ["Camp", kg.camp ? "Camp " + kg.camp + " of " + data.camps.length : null],
      ["IRI", full ? kg.iri : null]
    ]));
    if (kg.posts.length) {
      card.appendChild(el("p", "kg-kind", "Posts"));
      var ul = el("ul");
      kg.posts.forEach(function (p) {
        var text = p.title + (p.organisation ? ", " + p.organisation : "") + (p.date ? " (" + p.date + ")" : "");
        ul.appendChild(el("li", null, text));
      });
      card.appendChild(ul);
    }
    if (full) {
      var related = edges.get({ filter: function (e) { return !e.hidden && (e.from === n.id || e.to === n.id); } });
      if (related.length) {
        card.appendChild(el("p", "kg-kind", "Relations shown"));
        var list = el("ul");
        related.forEach(function (e) {
          var item = el("li");
          var button = el("button", "kg-link", edgeSummary(e));
          button.type = "button";
          button.addEventListener("click", function () { pin({ edge: e.id }); network.selectEdges([e.id]); });
          item.appendChild(button);
          list.appendChild(item);
        });
        card.appendChild(list);
      }
    }
    return card;
  }

  function nameOf(id) { var n = nodes.get(id); return n ? n.kg.name : "?"; }

  function edgeSummary(e) {
    var arrow = e.kg.directed ? " → " : " — ";
    return nameOf(e.from) + arrow + e.kg.relationLabel + arrow + nameOf(e.to);
  }

  function sourceLine(evidence) {
    var span = el("span", "kg-source");
    var s = sources[evidence.source];
    if (!s) { return span; }
    span.appendChild(document.createTextNode("— "));
    var title = s.title || s.file || s.iri;
    var href = s.url ? safeUrl(s.url) : null;
    if (href) {
      var a = el("a", null, title);
      a.href = href;
      a.target = "_blank";
      a.rel = "noopener noreferrer";
      span.appendChild(a);
    } else {
      span.appendChild(document.createTextNode(title));
    }
    var extra = [];
    if (s.date) { extra.push(s.date); }
    if (s.url && !href) { extra.push(s.url); }
    if (s.file && s.file !== title) { extra.push(s.file); }
    if (extra.length) { span.appendChild(document.createTextNode(" (" + extra.join(", ") + ")")); }
    return span;
  }

  function edgeCard(e, full) {
    var kg = e.kg, card = el("div", "kg-card");
    card.appendChild(el("h2", null, edgeSummary(e)));
    var modality = el("p", "kg-kind");
    modality.appendChild(el("span", "kg-modality-" + kg.modality, kg.modality));
    modality.appendChild(document.createTextNode(" · " + kg.relation + " (" + kg.class + ")"));
    card.appendChild(modality);
    // Each sentence with what its own statement says (date, place, confidence): an edge merges
    // sentences of several days and places, and a list of them all would pair them wrongly.
    var limit = full ? kg.evidence.length : 3;
    kg.evidence.slice(0, limit).forEach(function (ev) {
      var box = el("div", "kg-evidence");
      var meta = [kg.modality, ev.date, ev.place,
                  ev.confidence === null || ev.confidence === undefined ? null : "confidence " + ev.confidence.toFixed(2)];
      box.appendChild(el("p", "kg-evidence-meta", meta.filter(Boolean).join(" · ")));
      box.appendChild(el("q", null, ev.sentence));
      var outlet = sources[ev.source] && sources[ev.source].outlet;
      if (ev.speaker || outlet) {
        box.appendChild(el("p", "kg-evidence-meta", (ev.speaker ? "according to " + ev.speaker : "") +
          (ev.speaker && outlet ? ", " : "") + (outlet ? "reported by " + outlet : "")));
      }
      box.appendChild(sourceLine(ev));
      card.appendChild(box);
    });
    if (kg.evidence.length > limit) {
      card.appendChild(el("p", "kg-more", "and " + (kg.evidence.length - limit) + " more: click for all"));
    }
    if (!kg.evidence.length) { card.appendChild(el("p", "kg-more", "No evidence sentence in the graph.")); }
    return card;
  }

  var tooltip = byId("kg-tooltip");

  function showTooltip(card, pointer) {
    tooltip.replaceChildren(card);
    tooltip.hidden = false;
    var box = byId("kg-graph").getBoundingClientRect();
    var x = box.left + pointer.x + 14, y = box.top + pointer.y + 14;
    var width = tooltip.offsetWidth, height = tooltip.offsetHeight;
    if (x + width > window.innerWidth - 4) { x = Math.max(4, box.left + pointer.x - width - 14); }
    if (y + height > window.innerHeight - 4) { y = Math.max(4, box.top + pointer.y - height - 14); }
    tooltip.style.left = x + "px";
    tooltip.style.top = y + "px";
  }

  function hideTooltip() { tooltip.hidden = true; tooltip.replaceChildren(); }

  function pin(target) {
    state.pinned = target;
    var body = byId("kg-details-body");
    if (target.node !== undefined) {
      body.replaceChildren(nodeCard(nodes.get(target.node), true));
    } else {
      body.replaceChildren(edgeCard(edges.get(target.edge), true));
    }
    byId("kg-details").hidden = false;
  }

  // --- timeline ------------------------------------------------------------------
  // Dated relations as marks on a time axis under the graph, coloured by class: dragging
  // across it sets the date filter, a double click clears it, a click on a mark selects its
  // relation. Drawn as SVG by this script (no library, nothing loaded).

  var SVG_NS = "http://www.w3.org/2000/svg", DAY = 86400000;
  var timeline = { start: 0, end: 0, brush: null };

  function dayOf(iso) { var p = iso.split("-"); return Date.UTC(+p[0], +p[1] - 1, +p[2]); }
  function isoOf(ms) { return new Date(ms).toISOString().slice(0, 10); }
  function svgEl(tag, attrs) {
    var node = document.createElementNS(SVG_NS, tag);
    Object.keys(attrs).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    return node;
  }

  function buildTimeline() {
    if (!data.dateRange) { return; }
    byId("kg-timeline").hidden = false;
    document.querySelector(".kg-graph-area").classList.add("kg-has-timeline");
    timeline.start = dayOf(data.dateRange[0]);
    timeline.end = dayOf(data.dateRange[1]) + DAY;
    var svg = byId("kg-timeline-svg");
    svg.addEventListener("mousedown", function (ev) {
      if (ev.target.classList.contains("kg-mark")) { return; }
      timeline.brush = { from: pointerX(ev), to: pointerX(ev) };
      drawTimeline();
    });
    svg.addEventListener("mousemove", function (ev) {
      if (!timeline.brush || ev.buttons !== 1) { return; }
      timeline.brush.to = pointerX(ev);
      drawTimeline();
    });
    svg.addEventListener("mouseup", function () {
      var brush = timeline.brush;
      if (!brush) { return; }
      if (Math.abs(brush.to - brush.from) < 3) { timeline.brush = null; drawTimeline(); return; }
      var width = svg.clientWidth;
      setDates(isoOf(msAt(Math.min(brush.from, brush.to), width)),
               isoOf(msAt(Math.max(brush.from, brush.to), width) - 1));
    });
    svg.addEventListener("dblclick", function () {
      timeline.brush = null;
      setDates(data.dateRange[0], data.dateRange[1]);
    });
    window.addEventListener("resize", drawTimeline);
    drawTimeline();
  }

  function pointerX(ev) { return ev.clientX - byId("kg-timeline-svg").getBoundingClientRect().left; }
  function xAt(ms, width) { return 8 + (width - 16) * (ms - timeline.start) / Math.max(DAY, timeline.end - timeline.start); }
  function msAt(x, width) {
    var share = Math.min(1, Math.max(0, (x - 8) / Math.max(1, width - 16)));
    return timeline.start + share * (timeline.end - timeline.start);
  }

  function setDates(from, to) {
    filters.dateFrom = byId("kg-date-from").value = from;
    filters.dateTo = byId("kg-date-to").value = to;
    applyFilters();
  }

  function drawTimeline() {
    var svg = byId("kg-timeline-svg"), width = svg.clientWidth || 600;
    var colours = {};
    data.classes.forEach(function (c) { colours[c.name] = c.colour; });
    svg.replaceChildren(svgEl("line", { x1: 8, x2: width - 8, y1: 44, y2: 44, stroke: "#999" }));
    [[timeline.start, "start"], [timeline.end - DAY, "end"]].forEach(function (tick) {
      var label = svgEl("text", { x: xAt(tick[0], width), y: 52, "font-size": 10, fill: "#555",
                                  "text-anchor": tick[1] === "start" ? "start" : "end" });
      label.textContent = isoOf(tick[0]);
      svg.appendChild(label);
    });
    if (timeline.brush) {
      var b = timeline.brush;
      svg.appendChild(svgEl("rect", { "class": "kg-brush", x: Math.min(b.from, b.to), y: 2,
                                      width: Math.abs(b.to - b.from), height: 40, "pointer-events": "none" }));
    }
    edges.forEach(function (e) {
      e.kg.spans.forEach(function (span) {
        var x1 = xAt(dayOf(span[0]), width), x2 = xAt(dayOf(span[1]) + DAY, width);
        var mark = svgEl("rect", { "class": "kg-mark" + (e.hidden ? " kg-off" : ""), x: x1, y: 8,
                                   width: Math.max(3, x2 - x1), height: 32, fill: colours[e.kg.class],
                                   "fill-opacity": span[0] === span[1] ? 1 : 0.4 });  // a month or year: lighter
        mark.dataset.edge = e.id;
        var title = svgEl("title", {});
        title.textContent = edgeSummary(e) + " (" + span[0] + (span[1] !== span[0] ? " to " + span[1] : "") + ")";
        mark.appendChild(title);
        mark.addEventListener("click", function () { network.selectEdges([e.id]); pin({ edge: e.id }); });
        svg.appendChild(mark);
      });
    });
    var narrowed = filters.dateFrom && filters.dateFrom !== data.dateRange[0] ||
      filters.dateTo && filters.dateTo !== data.dateRange[1];
    byId("kg-timeline-range").textContent = narrowed ?
      "From " + filters.dateFrom + " to " + filters.dateTo + " (double-click the timeline for all dates)" :
      "Drag across the timeline to show the relations of those dates only.";
  }

  // --- search --------------------------------------------------------------------

  function fold(text) {
    return String(text).normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase().trim();
  }

  function findActor(query) {
    var status = byId("kg-search-status");
    var wanted = fold(query);
    if (!wanted) { status.textContent = ""; return null; }
    var exact = [], partial = [];
    nodes.forEach(function (n) {
      var names = [n.kg.name].concat(n.kg.aliases).map(fold);
      if (names.indexOf(wanted) >= 0) { exact.push(n); } else if (names.some(function (x) { return x.indexOf(wanted) >= 0; })) { partial.push(n); }
    });
    var found = exact.length ? exact : partial;
    if (!found.length) { status.textContent = "No actor matches “" + query + "”."; return null; }
    found.sort(function (a, b) { return b.kg.degree - a.kg.degree; });
    var n = found[0];
    status.textContent = n.hidden ? n.kg.name + " is hidden by the filters." :
      (found.length > 1 ? "Found " + n.kg.name + " (and " + (found.length - 1) + " more)." : "Found " + n.kg.name + ".");
    if (!n.hidden) {
      network.selectNodes([n.id]);
      network.focus(n.id, { scale: Math.max(network.getScale(), 1.2), animation: { duration: 400 } });
    }
    pin({ node: n.id });
    return n.id;
  }

  // --- the network ---------------------------------------------------------------

  var relationCount = {};
  edges.forEach(function (e) {
    relationCount[e.from] = (relationCount[e.from] || 0) + 1;
    relationCount[e.to] = (relationCount[e.to] || 0) + 1;
  });
  nodes.update(nodes.map(function (n) {
    var kg = Object.assign({}, n.kg, { relations: relationCount[n.id] || 0 });
    return { id: n.id, kg: kg };
  }));

  buildControls();
  buildTimeline();
  applyFilters();

  var network = new vis.Network(byId("kg-graph"), { nodes: nodes, edges: edges }, data.options);

  function ready() {
    if (state.ready) { return; }
    network.setOptions({ physics: { enabled: false } });
    fitVisible();
    state.ready = true;
    byId("kg-progress").hidden = true;
    document.body.dataset.kgState = "ready";
  }

  if (nodes.length === 0) {
    byId("kg-empty").hidden = false;
    ready();
  } else {
    network.on("stabilizationProgress", function (p) {
      byId("kg-progress").textContent = "Laying out the graph… " + Math.round(100 * p.iterations / p.total) + "%";
    });
    network.once("stabilizationIterationsDone", ready);
    network.once("stabilized", ready);
  }

  network.on("hoverNode", function (p) { showTooltip(nodeCard(nodes.get(p.node), false), p.pointer.DOM); });
  network.on("hoverEdge", function (p) { showTooltip(edgeCard(edges.get(p.edge), false), p.pointer.DOM); });
  network.on("blurNode", hideTooltip);
  network.on("blurEdge", hideTooltip);
  network.on("dragStart", hideTooltip);
  network.on("zoom", hideTooltip);
  network.on("click", function (p) {
    hideTooltip();
    if (p.nodes.length) { pin({ node: p.nodes[0] }); } else if (p.edges.length) { pin({ edge: p.edges[0] }); }
  });

  // For scripts and tests that drive the page.
  window.kgView = {
    network: network,
    nodes: nodes,
    edges: edges,
    isReady: function () { return state.ready; },
    visibleNodes: function () { return nodes.get({ filter: function (n) { return !n.hidden; } }).map(function (n) { return n.kg.name; }); },
    visibleEdges: function () { return edges.get({ filter: function (e) { return !e.hidden; } }).map(edgeSummary); },
    findActor: findActor
  };
}());
