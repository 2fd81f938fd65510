// The hub's map page. Plain browser JavaScript, no build step: it reads everything through
// POST /graphql, as any other frontend would, and asks nothing of another site unless the hub is
// configured with a basemap (MAP_BASEMAP_STYLE_URL). Labels are HTML markers, because text
// layers need a glyph server and there is none offline.
(function () {
  'use strict';

  // ArcGIS Pro's Gi* bins and colours, hot to cold; 0 is not drawn (only significant cells are asked for).
  const CONFIDENCE_BINS = [
    { value: 3, label: 'Hot spot, 99 % confidence', colour: '#d62f27' },
    { value: 2, label: 'Hot spot, 95 % confidence', colour: '#ed7551' },
    { value: 1, label: 'Hot spot, 90 % confidence', colour: '#fab984' },
    { value: 0, label: 'Not significant (not drawn)', colour: null },
    { value: -1, label: 'Cold spot, 90 % confidence', colour: '#c0ccbe' },
    { value: -2, label: 'Cold spot, 95 % confidence', colour: '#849eba' },
    { value: -3, label: 'Cold spot, 99 % confidence', colour: '#4575b5' },
  ];
  // Colour-blind-safe qualitative colours (ColorBrewer Set2), given to areas in code order.
  const AREA_COLOURS = ['#66c2a5', '#fc8d62', '#8da0cb', '#e78ac3', '#a6d854', '#ffd92f', '#e5c494', '#b3b3b3'];
  const BACKGROUND = '#f3f1ec';
  // Ward labels are hidden below this zoom, where they would overlap.
  const WARD_LABEL_ZOOM = 11;
  // Months of the ward panel's chart, ending with the period's last month.
  const CHART_MONTHS = 12;
  // The earliest month asked for when looking for the data's latest months (police.uk starts in 2010).
  const FIRST_DATA_MONTH = '2010-01';
  const DEBOUNCE_MS = 250;

  const GEOGRAPHY = `query MapGeography {
    boundarySets { id kind current licence }
    areas { code name geometry(simplifyMetres: 10) }
    wards { code name centroid area { code name } geometry(simplifyMetres: 10) }
    policeNeighbourhoods { id code name synthetic geometry(simplifyMetres: 10) }
    categories { slug name }
  }`;
  const DATA_MONTHS = `query DataMonths($from: String!, $to: String!) {
    areas { stats(from: $from, to: $to) { byMonth { month count } } }
  }`;
  const HOT_SPOTS = `query HotSpots($input: HotspotInput!) {
    hotspots(input: $input, significantOnly: true) {
      disclosure warnings
      parameters { from to cellSizeMetres bandMetres }
      cells { id geometry count confidence }
    }
  }`;
  const CROSS_BOUNDARY = `query CrossBoundary($input: HotspotInput!, $level: BoundaryLevel!) {
    crossBoundaryIssues(input: $input, level: $level) {
      kind incidents significance geometry
      lead { name share }
      parties { name share count }
    }
  }`;
  const WARD_FIGURES = `query WardFigures($code: String!, $from: String!, $to: String!, $categories: [String!]) {
    ward(code: $code) {
      code name population areaSqKm area { name }
      deprivation(edition: 2025) { lsoaCount imd { averageRank worstDecile populationShareInDeciles1And2 } }
      stats(from: $from, to: $to, categories: $categories) {
        total ratePer1000 disclosure openIssues openIssuesMedianAgeDays
        byMonth { month count }
      }
    }
  }`;
  const OPEN_PROBLEMS = `query OpenProblems($code: String!) {
    incidents(filter: { wardCodes: [$code], statuses: [OPEN, IN_PROGRESS] }, first: 20) {
      totalCount
      edges { node { id month status location category { name } } }
    }
  }`;

  const byId = (id) => document.getElementById(id);
  const status = byId('status');
  const state = { apiKey: null, hotspotsSeq: 0, crossSeq: 0, wardSeq: 0, wardCode: null, timer: null };

  /** An error the hub answered with, keeping its extensions.code. */
  class HubError extends Error {
    constructor(message, code) {
      super(message);
      this.code = code;
    }
  }

  /** POSTs one operation to the hub; throws a HubError for any error in the answer. */
  async function graphql(query, variables) {
    const headers = { 'content-type': 'application/json' };
    if (state.apiKey) {
      headers.authorization = `Bearer ${state.apiKey}`;
    }
    const response = await fetch('/graphql', { method: 'POST', headers, body: JSON.stringify({ query, variables }) });
    let body = null;
    try {
      body = await response.json();
    } catch {
      throw new HubError(`the hub answered HTTP ${response.status}`, 'HTTP');
    }
    if (body.errors && body.errors.length > 0) {
      const first = body.errors[0];
      throw new HubError(first.message, first.extensions && first.extensions.code);
    }
    return body.data;
  }

  function setStatus(text, kind) {
    status.textContent = text;
    if (kind) {
      status.dataset.state = kind;
    }
  }

  // Counts the public see as null are 1 to 4 (README, "Access"): say so rather than show nothing.
  const count = (n) => (n === null || n === undefined ? 'fewer than 5' : n.toLocaleString('en-GB'));
  const percent = (share) => `${Math.round(share * 100)} %`;

  function element(tag, text, className) {
    const el = document.createElement(tag);
    if (text !== undefined && text !== null) {
      el.textContent = text;
    }
    if (className) {
      el.className = className;
    }
    return el;
  }

  // Months as YYYY-MM, counted from year 0 so that arithmetic is plain.
  const monthIndex = (m) => Number(m.slice(0, 4)) * 12 + Number(m.slice(5, 7)) - 1;
  const monthOf = (i) => `${String(Math.floor(i / 12)).padStart(4, '0')}-${String((i % 12) + 1).padStart(2, '0')}`;
  const thisMonth = () => monthOf(new Date().getFullYear() * 12 + new Date().getMonth());

  /** The outer ring's centre of a (Multi)Polygon's largest part: where its label goes. */
  function labelPoint(geometry) {
    const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
    let best = null;
    for (const polygon of polygons) {
      const ring = polygon[0];
      let twiceArea = 0;
      let cx = 0;
      let cy = 0;
      for (let i = 0; i < ring.length - 1; i += 1) {
        const [x0, y0] = ring[i];
        const [x1, y1] = ring[i + 1];
        const cross = x0 * y1 - x1 * y0;
        twiceArea += cross;
        cx += (x0 + x1) * cross;
        cy += (y0 + y1) * cross;
      }
      if (twiceArea !== 0 && (!best || Math.abs(twiceArea) > best.size)) {
        best = { size: Math.abs(twiceArea), point: [cx / (3 * twiceArea), cy / (3 * twiceArea)] };
      }
    }
    return best ? best.point : polygons[0][0][0];
  }

  function boundsOf(features) {
    const bounds = new maplibregl.LngLatBounds();
    for (const feature of features) {
      const polygons =
        feature.geometry.type === 'Polygon' ? [feature.geometry.coordinates] : feature.geometry.coordinates;
      for (const polygon of polygons) {
        for (const position of polygon[0]) {
          bounds.extend(position);
        }
      }
    }
    return bounds;
  }

  const collection = (features) => ({ type: 'FeatureCollection', features });

  function addLabel(map, point, text, className) {
    const el = element('div', text, `map-label ${className}`);
    new maplibregl.Marker({ element: el, anchor: 'center' }).setLngLat(point).addTo(map);
  }

  function swatch(colour, outline) {
    const box = element('span', null, 'swatch');
    box.style.background = colour || 'transparent';
    if (outline) {
      box.style.borderColor = outline;
    }
    return box;
  }

  // ---- the map and its layers ----

  function emptyStyle() {
    return {
      version: 8,
      sources: {},
      layers: [{ id: 'background', type: 'background', paint: { 'background-color': BACKGROUND } }],
    };
  }

  function addLayers(map, geography, areaColours) {
    const wardFeatures = geography.wards.map((w) => ({
      type: 'Feature',
      geometry: w.geometry,
      properties: { code: w.code, name: w.name, areaCode: w.area.code, colour: areaColours.get(w.area.code) },
    }));
    const areaFeatures = geography.areas.map((a) => ({
      type: 'Feature',
      geometry: a.geometry,
      properties: { code: a.code, name: a.name },
    }));
    const policeFeatures = geography.policeNeighbourhoods.map((n) => ({
      type: 'Feature',
      geometry: n.geometry,
      properties: { id: n.id, code: n.code, name: n.name },
    }));
    map.addSource('wards', { type: 'geojson', data: collection(wardFeatures) });
    map.addSource('areas', { type: 'geojson', data: collection(areaFeatures) });
    map.addSource('police', { type: 'geojson', data: collection(policeFeatures) });
    map.addSource('hotspots', { type: 'geojson', data: collection([]) });
    map.addSource('cross-boundary', { type: 'geojson', data: collection([]) });

    const confidenceColour = ['match', ['get', 'confidence']];
    for (const bin of CONFIDENCE_BINS.filter((b) => b.colour)) {
      confidenceColour.push(bin.value, bin.colour);
    }
    confidenceColour.push('rgba(0,0,0,0)');

    map.addLayer({
      id: 'ward-fill',
      type: 'fill',
      source: 'wards',
      paint: { 'fill-color': ['get', 'colour'], 'fill-opacity': 0.45 },
    });
    map.addLayer({
      id: 'hotspot-fill',
      type: 'fill',
      source: 'hotspots',
      paint: { 'fill-color': confidenceColour, 'fill-opacity': 0.8 },
    });
    map.addLayer({
      id: 'ward-outline',
      type: 'line',
      source: 'wards',
      paint: { 'line-color': '#555', 'line-width': 1 },
    });
    map.addLayer({
      id: 'area-outline',
      type: 'line',
      source: 'areas',
      paint: { 'line-color': '#222', 'line-width': 2.5 },
    });
    map.addLayer({
      id: 'police-outline',
      type: 'line',
      source: 'police',
      layout: { visibility: 'none' },
      paint: { 'line-color': '#1f3f8f', 'line-width': 1.5, 'line-dasharray': [3, 2] },
    });
    map.addLayer({
      id: 'cross-boundary-fill',
      type: 'fill',
      source: 'cross-boundary',
      paint: { 'fill-color': '#6a1b9a', 'fill-opacity': 0.08 },
    });
    map.addLayer({
      id: 'cross-boundary-outline',
      type: 'line',
      source: 'cross-boundary',
      paint: { 'line-color': '#6a1b9a', 'line-width': 3 },
    });

    for (const w of geography.wards) {
      addLabel(map, w.centroid.coordinates, w.name, 'ward-label');
    }
    for (const a of geography.areas) {
      addLabel(map, labelPoint(a.geometry), a.name, 'area-label');
    }
    for (const n of geography.policeNeighbourhoods) {
      addLabel(map, labelPoint(n.geometry), n.code, 'police-label');
    }
    return boundsOf(wardFeatures);
  }

  function showLegends(geography, areaColours) {
    const areaLegend = byId('area-legend');
    for (const a of geography.areas) {
      const item = element('li');
      item.dataset.areaCode = a.code;
      item.append(swatch(areaColours.get(a.code)), element('span', a.name));
      areaLegend.append(item);
    }
    const hotspotLegend = byId('hotspot-legend');
    for (const bin of CONFIDENCE_BINS) {
      const item = element('li');
      item.dataset.confidence = String(bin.value);
      item.append(swatch(bin.colour, bin.colour ? undefined : '#bbb'), element('span', bin.label));
      hotspotLegend.append(item);
    }
    const categories = byId('categories');
    for (const c of geography.categories) {
      const option = element('option', c.name);
      option.value = c.slug;
      categories.append(option);
    }
    const layer = geography.policeNeighbourhoods;
    if (layer.some((n) => n.synthetic)) {
      const note = byId('police-note');
      note.textContent = 'A synthetic demo layer, not real police boundaries.';
      note.hidden = false;
    }
  }

  // ---- the period: the data's latest months by default ----

  /** The months with incidents, read from the areas' monthly counts (null is 1 to 4, so some). */
  async function dataMonths() {
    const data = await graphql(DATA_MONTHS, { from: FIRST_DATA_MONTH, to: thisMonth() });
    const months = new Set();
    for (const area of data.areas) {
      for (const m of area.stats.byMonth) {
        if (m.count !== 0) {
          months.add(m.month);
        }
      }
    }
    return [...months].sort();
  }

  function setDefaultPeriod(months) {
    const from = byId('from');
    const to = byId('to');
    if (months.length === 0) {
      to.value = thisMonth();
      from.value = thisMonth();
      return;
    }
    const latest = months[months.length - 1];
    const threeBack = monthOf(monthIndex(latest) - 2);
    to.value = latest;
    from.value = months.find((m) => m >= threeBack);
  }

  /** The analysis input the controls describe, or a reason it cannot be run. */
  function hotspotInput() {
    const from = byId('from').value;
    const to = byId('to').value;
    if (!from || !to) {
      return { error: 'Choose the first and last month.' };
    }
    if (from > to) {
      return { error: 'The period ends before it starts.' };
    }
    const categories = [...byId('categories').selectedOptions].map((o) => o.value);
    return {
      input: {
        from,
        to,
        categories: categories.length > 0 ? categories : null,
        cellShape: 'SQUARE',
        cellSizeMetres: Number(byId('cell-size').value),
      },
    };
  }

  // ---- hot spots and cross-boundary issues ----

  async function refreshHotspots(map) {
    const { input, error } = hotspotInput();
    const summary = byId('hotspot-summary');
    if (error) {
      summary.textContent = error;
      return;
    }
    const seq = (state.hotspotsSeq += 1);
    status.dataset.hotspotsRequests = String(Number(status.dataset.hotspotsRequests) + 1);
    summary.textContent = 'Analysing…';
    try {
      const { hotspots } = await graphql(HOT_SPOTS, { input });
      if (seq !== state.hotspotsSeq) {
        return; // a newer request is on its way
      }
      const features = hotspots.cells.map((c) => ({
        type: 'Feature',
        geometry: c.geometry,
        properties: { id: c.id, count: c.count, confidence: c.confidence },
      }));
      map.getSource('hotspots').setData(collection(features));
      const hot = hotspots.cells.filter((c) => c.confidence > 0).length;
      const cold = hotspots.cells.length - hot;
      const p = hotspots.parameters;
      summary.textContent =
        `${p.from} to ${p.to}, ${p.cellSizeMetres} m cells (band ${p.bandMetres} m): ${hot} hot and ${cold} cold cells.` +
        (hotspots.warnings.length > 0 ? ` ${hotspots.warnings.join(' ')}` : '');
      status.dataset.hotspotsPeriod = `${p.from}/${p.to}`;
      status.dataset.hotspotsCells = String(features.length);
      setStatus('Ready. Click a ward for its figures.', 'ready');
    } catch (err) {
      if (seq === state.hotspotsSeq) {
        summary.textContent = `Hot spots failed: ${err.message}`;
        setStatus(`Hot spots failed: ${err.message}`, 'error');
      }
    }
  }

  async function refreshCrossBoundary(map) {
    const summary = byId('cross-summary');
    const list = byId('cross-list');
    list.replaceChildren();
    map.getSource('cross-boundary').setData(collection([]));
    if (!state.apiKey) {
      summary.textContent =
        'The hub shows these to analysts (crossBoundaryIssues): use an analyst key below to see them outlined here.';
      return;
    }
    const { input, error } = hotspotInput();
    if (error) {
      summary.textContent = error;
      return;
    }
    const seq = (state.crossSeq += 1);
    summary.textContent = 'Looking for problems across boundaries…';
    try {
      const { crossBoundaryIssues } = await graphql(CROSS_BOUNDARY, { input, level: byId('cross-level').value });
      if (seq !== state.crossSeq) {
        return;
      }
      const features = crossBoundaryIssues.map((issue, i) => ({
        type: 'Feature',
        geometry: issue.geometry,
        properties: {
          rank: i + 1,
          kind: issue.kind,
          incidents: issue.incidents,
          lead: issue.lead.name,
          parties: issue.parties.map((p) => `${p.name} ${percent(p.share)}`).join(', '),
        },
      }));
      map.getSource('cross-boundary').setData(collection(features));
      summary.textContent = `${crossBoundaryIssues.length} hot spots and clusters fall in more than one unit.`;
      for (const f of features) {
        const p = f.properties;
        list.append(
          element('li', `${p.kind.toLowerCase()}, ${p.incidents} incidents: ${p.parties}; proposed lead ${p.lead}`),
        );
      }
      status.dataset.crossBoundaryIssues = String(features.length);
    } catch (err) {
      if (seq === state.crossSeq) {
        summary.textContent =
          err.code === 'UNAUTHENTICATED' || err.code === 'FORBIDDEN'
            ? `The key was not accepted for cross-boundary issues: ${err.message}`
            : `Cross-boundary issues failed: ${err.message}`;
      }
    }
  }

  function scheduleRefresh(map) {
    clearTimeout(state.timer);
    state.timer = setTimeout(() => {
      refreshHotspots(map);
      refreshCrossBoundary(map);
      if (state.wardCode) {
        openWard(state.wardCode);
      }
    }, DEBOUNCE_MS);
  }

  // ---- the ward panel ----

  function drawChart(svg, months) {
    const ns = 'http://www.w3.org/2000/svg';
    const width = 280;
    const height = 120;
    const bottom = 18;
    const top = 12;
    svg.setAttribute('viewBox', `0 0 ${width} ${height}`);
    svg.replaceChildren();
    // A withheld month (1 to 4) is drawn as 4, greyed, so that it is neither lost nor overstated.
    const max = Math.max(4, ...months.map((m) => (m.count === null ? 4 : m.count)));
    const step = width / months.length;
    months.forEach((m, i) => {
      const value = m.count === null ? 4 : m.count;
      const barHeight = ((height - bottom - top) * value) / max;
      const bar = document.createElementNS(ns, 'rect');
      bar.setAttribute('x', String(i * step + 1));
      bar.setAttribute('y', String(height - bottom - barHeight));
      bar.setAttribute('width', String(Math.max(1, step - 2)));
      bar.setAttribute('height', String(barHeight));
      bar.setAttribute('class', m.count === null ? 'bar withheld' : 'bar');
      const title = document.createElementNS(ns, 'title');
      title.textContent = `${m.month}: ${count(m.count)}`;
      bar.append(title);
      svg.append(bar);
      if (m.count !== 0) {
        const label = document.createElementNS(ns, 'text');
        label.setAttribute('x', String(i * step + step / 2));
        label.setAttribute('y', String(height - bottom - barHeight - 2));
        label.setAttribute('text-anchor', 'middle');
        label.textContent = m.count === null ? '<5' : String(m.count);
        svg.append(label);
      }
      if (i === 0 || i === months.length - 1 || m.month.endsWith('-01')) {
        const tick = document.createElementNS(ns, 'text');
        tick.setAttribute('x', String(i * step + step / 2));
        tick.setAttribute('y', String(height - 4));
        tick.setAttribute('text-anchor', 'middle');
        tick.textContent = m.month;
        svg.append(tick);
      }
    });
  }

  function figureRows(ward, chosen) {
    const stats = ward.stats;
    const rows = [
      ['Population (mid-2020)', Math.round(ward.population).toLocaleString('en-GB')],
      ['Land', `${ward.areaSqKm.toFixed(2)} km²`],
    ];
    const imd = ward.deprivation && ward.deprivation.imd;
    if (imd) {
      rows.push(
        ['IMD 2025 average rank', `${Math.round(imd.averageRank).toLocaleString('en-GB')} (1 = most deprived)`],
        ['Most deprived decile', String(imd.worstDecile)],
        ['Residents in deciles 1–2', percent(imd.populationShareInDeciles1And2)],
      );
    } else {
      rows.push(['IMD 2025', 'no figures for this ward']);
    }
    rows.push(
      [
        `Incidents ${stats.byMonth[0].month} to ${stats.byMonth[stats.byMonth.length - 1].month}` +
          (chosen ? ' (categories chosen)' : ''),
        count(stats.total),
      ],
      ['Per 1,000 residents', stats.ratePer1000 === null ? 'withheld (small count)' : stats.ratePer1000.toFixed(1)],
    );
    return rows;
  }

  async function openWard(code) {
    const panel = byId('ward-panel');
    const to = byId('to').value || thisMonth();
    const from = monthOf(monthIndex(to) - (CHART_MONTHS - 1));
    // The same categories as the hot spots, so that the panel explains what the map shows.
    const categories = [...byId('categories').selectedOptions].map((o) => o.value);
    const seq = (state.wardSeq += 1);
    state.wardCode = code;
    panel.hidden = false;
    panel.dataset.state = 'loading';
    panel.dataset.wardCode = code;
    byId('ward-name').textContent = 'Loading…';
    for (const id of ['ward-area', 'ward-open']) {
      byId(id).textContent = '';
    }
    byId('ward-figures').replaceChildren();
    byId('ward-chart').replaceChildren();
    byId('ward-problems').replaceChildren();
    try {
      const { ward } = await graphql(WARD_FIGURES, {
        code,
        from,
        to,
        categories: categories.length > 0 ? categories : null,
      });
      if (seq !== state.wardSeq) {
        return;
      }
      byId('ward-name').textContent = ward.name;
      byId('ward-area').textContent = `${ward.area.name} area · ${ward.code}`;
      const figures = byId('ward-figures');
      for (const [term, value] of figureRows(ward, categories.length > 0)) {
        figures.append(element('dt', term), element('dd', value));
      }
      drawChart(byId('ward-chart'), ward.stats.byMonth);
      const open = ward.stats.openIssues;
      byId('ward-open').textContent =
        open === 0
          ? 'No street-scene problems open.'
          : `${count(open)} street-scene problems open or in progress` +
            (ward.stats.openIssuesMedianAgeDays === null
              ? '.'
              : `, reported a median ${Math.round(ward.stats.openIssuesMedianAgeDays)} days ago.`);
      panel.dataset.state = 'ready';
      if (state.apiKey && open !== 0) {
        await listOpenProblems(code, seq);
      }
    } catch (err) {
      if (seq === state.wardSeq) {
        byId('ward-name').textContent = 'Ward figures failed';
        byId('ward-area').textContent = err.message;
        panel.dataset.state = 'error';
      }
    }
  }

  async function listOpenProblems(code, seq) {
    const list = byId('ward-problems');
    try {
      const { incidents } = await graphql(OPEN_PROBLEMS, { code });
      if (seq !== state.wardSeq) {
        return;
      }
      for (const { node } of incidents.edges) {
        const where = node.location ? `, ${node.location}` : '';
        list.append(element('li', `${node.category.name} (${node.month}, ${node.status.toLowerCase()})${where}`));
      }
      if (incidents.totalCount > incidents.edges.length) {
        list.append(element('li', `and ${incidents.totalCount - incidents.edges.length} more`));
      }
    } catch (err) {
      list.append(element('li', `The list needs an analyst key: ${err.message}`));
    }
  }

  function showPopup(map, lngLat, features) {
    const content = element('div');
    for (const f of features) {
      const p = f.properties;
      if (f.layer.id === 'hotspot-fill') {
        const bin = CONFIDENCE_BINS.find((b) => b.value === p.confidence);
        // GeoJSON properties that were null reach MapLibre as absent.
        content.append(
          element('p', `${bin ? bin.label : 'Cell'}: ${count(p.count === undefined ? null : p.count)} incidents`),
        );
      } else if (f.layer.id === 'cross-boundary-fill') {
        content.append(
          element('p', `Across boundaries (${String(p.kind).toLowerCase()}, ${p.incidents} incidents): ${p.parties}`),
          element('p', `Proposed lead: ${p.lead}`),
        );
      }
    }
    if (content.childElementCount > 0) {
      new maplibregl.Popup({ closeButton: true, maxWidth: '280px' })
        .setLngLat(lngLat)
        .setDOMContent(content)
        .addTo(map);
    }
  }

  // ---- wiring ----

  function wireControls(map) {
    for (const id of ['from', 'to', 'categories', 'cell-size']) {
      byId(id).addEventListener('change', () => scheduleRefresh(map));
    }
    byId('cross-level').addEventListener('change', () => refreshCrossBoundary(map));
    byId('show-police').addEventListener('change', (event) => {
      const visible = event.target.checked;
      map.setLayoutProperty('police-outline', 'visibility', visible ? 'visible' : 'none');
      map.getContainer().classList.toggle('hide-police', !visible);
    });
    byId('key-form').addEventListener('submit', (event) => {
      event.preventDefault();
      state.apiKey = byId('api-key').value.trim() || null;
      refreshCrossBoundary(map);
      if (state.wardCode && !byId('ward-panel').hidden) {
        openWard(state.wardCode);
      }
    });
    byId('forget-key').addEventListener('click', () => {
      byId('api-key').value = '';
      state.apiKey = null;
      refreshCrossBoundary(map);
    });
    byId('close-panel').addEventListener('click', () => {
      byId('ward-panel').hidden = true;
      state.wardCode = null;
    });
    map.on('click', (event) => {
      const wards = map.queryRenderedFeatures(event.point, { layers: ['ward-fill'] });
      if (wards.length > 0) {
        openWard(wards[0].properties.code);
      }
      showPopup(
        map,
        event.lngLat,
        map.queryRenderedFeatures(event.point, { layers: ['hotspot-fill', 'cross-boundary-fill'] }),
      );
    });
    const zoomClass = () => map.getContainer().classList.toggle('zoomed-out', map.getZoom() < WARD_LABEL_ZOOM);
    map.on('zoom', zoomClass);
    zoomClass();
  }

  async function start() {
    const config = await (await fetch('/map/config.json')).json();
    maplibregl.setWorkerUrl('/map/assets/maplibre-gl-worker.js');
    const [geography, months] = await Promise.all([graphql(GEOGRAPHY), dataMonths()]);
    const current = geography.boundarySets.find((s) => s.kind === 'ward' && s.current);
    const map = new maplibregl.Map({
      container: 'map',
      style: config.basemapStyleUrl || emptyStyle(),
      center: geography.wards[0].centroid.coordinates,
      zoom: 11,
      attributionControl: { compact: false, customAttribution: current ? current.licence : undefined },
    });
    window.hubMap = map;
    map.addControl(new maplibregl.NavigationControl({ showCompass: false }), 'top-right');
    map.getContainer().classList.add('hide-police');
    await new Promise((resolve) => map.once('load', resolve));

    const areaColours = new Map(
      [...geography.areas]
        .sort((a, b) => a.code.localeCompare(b.code))
        .map((a, i) => [a.code, AREA_COLOURS[i % AREA_COLOURS.length]]),
    );
    const bounds = addLayers(map, geography, areaColours);
    map.fitBounds(bounds, { padding: 30, animate: false });
    showLegends(geography, areaColours);
    setDefaultPeriod(months);
    wireControls(map);
    setStatus('Analysing hot spots…');
    await Promise.all([refreshHotspots(map), refreshCrossBoundary(map)]);
  }

  start().catch((err) => {
    setStatus(`The map could not start: ${err.message}`, 'error');
  });
})();
