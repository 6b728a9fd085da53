'use strict';
// Shared helpers of every page: session, CSRF-carrying POSTs, safe DOM building, number formatting.
// Text from the module (meter strings, log lines) is only ever set with textContent, never as HTML.
const $ = (s, r) => (r || document).querySelector(s);
const $$ = (s, r) => Array.from((r || document).querySelectorAll(s));
const NM = {
  session: null,
  leaving: false, // on the way to the setup wizard: no other redirect
  async json(path, opt) {
    const o = Object.assign({ credentials: 'same-origin', cache: 'no-store' }, opt || {});
    o.headers = Object.assign({ Accept: 'application/json' }, o.headers || {});
    let r;
    try { r = await fetch(path, o); } catch (e) { return { status: 0, ok: false, body: { error: 'module not reachable' } }; }
    let body = {};
    try { body = await r.json(); } catch (e) { /* empty or not JSON */ }
    return { status: r.status, ok: r.ok, body: body || {} };
  },
  async loadSession() {
    const r = await NM.json('/api/v1/session');
    NM.session = r.ok ? r.body : null;
    nav();
    return NM.session || {};
  },
  // Every change is a form POST with the CSRF token from /api/v1/session (login token before a session).
  async post(path, data) {
    if (!NM.session) await NM.loadSession();
    const send = () => NM.json(path, { method: 'POST', body: new URLSearchParams(data), headers: { 'X-CSRF-Token': (NM.session || {}).csrf_token || '' } });
    let r = await send();
    if (r.status === 403 && /CSRF/.test(r.body.error || '')) { await NM.loadSession(); r = await send(); }
    return r;
  },
  async requireLogin() {
    const s = await NM.loadSession();
    if (s.logged_in) return true;
    if (!NM.leaving) location.replace('login.html?next=' + encodeURIComponent(location.pathname));
    return false;
  },
  el(tag, text, cls) {
    const e = document.createElement(tag);
    if (text !== undefined && text !== null) e.textContent = text;
    if (cls) e.className = cls;
    return e;
  },
  // Unavailable values are shown as the word, never as 0.
  fmt(v, d, unit) {
    if (v === null || v === undefined || Number.isNaN(v)) return null;
    return Number(v).toFixed(d) + (unit ? ' ' + unit : '');
  },
  show(el, text) {
    if (!el) return;
    el.textContent = text === null ? 'unavailable' : text;
    el.classList.toggle('na', text === null);
  },
  // A table of key/value rows from a flat object (nested objects as JSON text).
  kv(obj, into) {
    into.textContent = '';
    Object.keys(obj || {}).forEach(k => {
      const tr = NM.el('tr');
      tr.append(NM.el('th', k.replace(/_/g, ' ')));
      const v = obj[k];
      const td = NM.el('td', v === null ? 'unavailable' : typeof v === 'object' ? JSON.stringify(v) : String(v));
      if (v === null) td.className = 'na';
      tr.append(td);
      into.append(tr);
    });
  },
  // A refused form's messages go next to their fields (.err[data-for=NAME] in root), the rest into note;
  // what was typed stays. Returns the input of the first field named (to focus), or null.
  showErrors(r, root, note, fallback) {
    const other = [];
    (r.body.errors || []).forEach(e => { const el = $('.err[data-for="' + e.field + '"]', root); if (el) el.textContent = e.message; else other.push(e.field + ': ' + e.message); });
    NM.msg(note, (r.body.error || fallback) + (other.length ? ' (' + other.join('; ') + ')' : ''), false);
    const first = (r.body.errors || [])[0];
    return first ? $('[name="' + first.field + '"]', root) : null;
  },
  clearErrors(root) { $$('.err', root).forEach(e => { e.textContent = ''; }); },
  // The key form the module will detect, shown while typing (configuration page and setup wizard): the MEP key
  // takes 20 characters, 40 or 32 hex digits (MepKey); the optical key 20 characters or 40 hex digits (OpticalKey).
  keyForm(text, optical) {
    const forms = optical ? '20 characters or 40 hex digits' : '20 characters, 40 or 32 hex digits';
    const t = text.trim();
    if (!t) return '';
    if (t.length === 20) return /^[\x20-\x7e]+$/.test(t) ? 'detected: 20 ASCII characters' : 'not printable ASCII';
    const hex = t.replace(/\s/g, '');
    if (!/^[0-9a-fA-F]+$/.test(hex)) return t.length + ' characters: not a key form (' + forms + ')';
    if (hex.length === 40 || (!optical && hex.length === 32)) return 'detected: ' + hex.length + ' hex digits';
    return hex.length + ' hex digits: not a key form (' + forms + ')';
  },
  msg(el, text, ok) {
    el.hidden = !text;
    el.textContent = text || '';
    el.className = 'msg ' + (ok ? 'ok' : 'bad');
  },
  duration(s) {
    if (s === null || s === undefined) return null;
    s = Math.floor(s);
    const d = Math.floor(s / 86400), h = Math.floor(s % 86400 / 3600), m = Math.floor(s % 3600 / 60);
    return (d ? d + ' d ' : '') + (d || h ? h + ' h ' : '') + m + ' min ' + (s % 60) + ' s';
  }
};
function nav() {
  const s = NM.session || {};
  // The firmware update page exists only on the device.
  $('#nav-update').hidden = !s.platform || s.platform === 'linux';
  $('#nav-login').hidden = !!s.logged_in;
  $('#nav-logout').hidden = !s.logged_in;
  setupHint(s.provisioning);
}
// Only the device has a provisioning state (null on Linux): on its setup access point every page leads to the
// setup wizard; on the fallback access point a note offers it.
function setupHint(state) {
  if (/\/setup\.html$/.test(location.pathname)) return;
  if (state === 'setup') { NM.leaving = true; location.replace('setup.html'); return; }
  if (state !== 'fallback' || $('#setup-hint')) return;
  const p = NM.el('p', 'The module could not join its Wi-Fi network (or its button was held) and opened its own access point. ', 'msg bad');
  p.id = 'setup-hint';
  const a = NM.el('a', 'Check the Wi-Fi settings');
  a.href = 'setup.html';
  p.append(a);
  $('main').prepend(p);
}
document.addEventListener('DOMContentLoaded', () => {
  const here = location.pathname === '/' ? 'index.html' : location.pathname.replace(/^\//, '');
  $$('nav a').forEach(a => { if (a.getAttribute('href').replace(/^\//, '') === here || (here === 'index.html' && a.getAttribute('href') === '/')) a.setAttribute('aria-current', 'page'); });
  $('#nav-logout').addEventListener('click', async () => {
    await NM.post('/api/v1/logout', {});
    location.href = '/';
  });
});
