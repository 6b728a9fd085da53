'use strict';
// Dashboard: polls /api/v1/reading every 2 s; when the module requires an API token and this browser
// is not logged in, falls back to /getDashDataWS (always open). Missing values read "unavailable".
const PERIOD_MS = 2000, SPAN_MS = 5 * 60 * 1000;
const points = []; // {t, imp, exp}
const PHASE_COLS = [['power_import_l#_w', 0, 'W'], ['power_export_l#_w', 0, 'W'], ['voltage_l#_v', 1, 'V'], ['current_l#_a', 2, 'A'], ['power_factor_l#', 2, '']];

function buildPhases() {
  const body = $('#phases');
  for (let p = 1; p <= 3; p++) {
    const tr = NM.el('tr');
    tr.append(NM.el('th', 'L' + p));
    PHASE_COLS.forEach(c => {
      const td = NM.el('td', '', 'n');
      td.dataset.q = c[0].replace('#', p);
      td.dataset.d = c[1];
      td.dataset.u = c[2];
      tr.append(td);
    });
    body.append(tr);
  }
}

// Maps the Dabbler document (meter units) onto the /api/v1/reading names.
function fromDabbler(d) {
  const k = (v, f) => (v === null || v === undefined ? null : v / f);
  const v = {
    energy_import_kwh: k(d.Fwd_Act_Wh, 1000), energy_export_kwh: k(d.Rev_Act_Wh, 1000),
    power_import_w: k(d.Fwd_W, 1), power_export_w: k(d.Rev_W, 1), frequency_hz: k(d.Freq_mHz, 1000)
  };
  for (let p = 1; p <= 3; p++) {
    v['power_import_l' + p + '_w'] = k(d['L' + p + '_Fwd_W'], 1);
    v['power_export_l' + p + '_w'] = k(d['L' + p + '_Rev_W'], 1);
    v['voltage_l' + p + '_v'] = k(d['L' + p + '_RMS_V'], 1000);
    v['current_l' + p + '_a'] = k(d['L' + p + '_RMS_A'], 1000);
  }
  const age = d.CurrentDateTime ? (Date.now() - Date.parse(d.CurrentDateTime)) / 1000 : null;
  return { values: v, data_age_s: age, link_state: null };
}

async function poll() {
  let r = await NM.json('/api/v1/reading');
  let data = r.body;
  let note = '';
  if (r.status === 401) {
    const d = await NM.json('/getDashDataWS');
    data = d.ok ? fromDabbler(d.body) : { values: {} };
    note = 'This module requires an API token for /api/v1; showing the Home Assistant data instead (no power factor). Log in for everything.';
  } else if (!r.ok) {
    data = { values: {} };
    note = r.body.error || 'The module did not answer.';
  }
  NM.msg($('#note'), note, false);
  render(data);
}

function render(data) {
  const v = data.values || {};
  $$('[data-q]').forEach(e => NM.show(e, NM.fmt(v[e.dataset.q], +e.dataset.d, e.dataset.u)));
  NM.show($('#age'), NM.fmt(data.data_age_s, 1, 's'));
  $('#link').textContent = data.link_state ? 'link ' + data.link_state.replace('_', ' ') : '';
  const now = Date.now();
  points.push({ t: now, imp: v.power_import_w ?? null, exp: v.power_export_w ?? null });
  while (points.length && points[0].t < now - SPAN_MS) points.shift();
  chart(now);
}

// Import and export power over the last minutes as two SVG polylines; gaps where values were unavailable.
function chart(now) {
  // Drawn in the chart's own pixel size, so text is never stretched.
  const svg = $('#chart'), W = Math.max(300, Math.round(svg.getBoundingClientRect().width) || 600), H = 220, L = 56, B = 18;
  svg.setAttribute('viewBox', '0 0 ' + W + ' ' + H);
  let max = 100;
  points.forEach(p => { max = Math.max(max, p.imp || 0, p.exp || 0); });
  max = Math.ceil(max / 100) * 100;
  const x = t => L + (W - L - 4) * (1 - (now - t) / SPAN_MS);
  const y = w => 6 + (H - B - 6) * (1 - w / max);
  const ns = 'http://www.w3.org/2000/svg';
  const mk = (tag, attrs, text) => {
    const e = document.createElementNS(ns, tag);
    Object.keys(attrs).forEach(a => e.setAttribute(a, attrs[a]));
    if (text !== undefined) e.textContent = text;
    return e;
  };
  svg.textContent = '';
  [0, 0.5, 1].forEach(f => {
    svg.append(mk('line', { x1: L, x2: W, y1: y(max * f), y2: y(max * f), class: 'grid-line' }));
    svg.append(mk('text', { x: 2, y: y(max * f) + 4 }, Math.round(max * f) + ' W'));
  });
  svg.append(mk('text', { x: L, y: H - 4 }, '-5 min'));
  svg.append(mk('text', { x: W - 30, y: H - 4 }, 'now'));
  ['imp', 'exp'].forEach(key => {
    let seg = [];
    const flush = () => {
      if (seg.length > 1) svg.append(mk('polyline', { points: seg.join(' '), class: key }));
      seg = [];
    };
    points.forEach(p => {
      if (p[key] === null) flush();
      else seg.push(x(p.t).toFixed(1) + ',' + y(p[key]).toFixed(1));
    });
    flush();
  });
  svg.dataset.points = points.length;
}

document.addEventListener('DOMContentLoaded', () => {
  buildPhases();
  NM.loadSession();
  poll();
  setInterval(poll, PERIOD_MS);
});
