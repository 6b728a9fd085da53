'use strict';
// Configuration: fills the form from GET /api/v1/settings (secrets only as "set"/"not set"), sends every
// field with one POST; the module saves all or nothing and answers with a message per bad field.
const SECRETS = ['wifi_password', 'mqtt_password', 'api_token'];

// Only the chosen port's key is shown (and sent); the other key is kept as it is.
function showPort() {
  const port = $('#meter_port').value;
  $$('[data-port]').forEach(r => { r.hidden = r.dataset.port !== port; });
}

async function load() {
  const r = await NM.json('/api/v1/settings');
  if (r.status === 401) { NM.requireLogin(); return; }
  if (!r.ok) { NM.msg($('#note'), r.body.error || 'Cannot read the settings.', false); return; }
  const s = r.body;
  $('#wifi').hidden = !('wifi_ssid' in s);
  applyLimits(s.limits || {});
  $$('#cfg [name]').forEach(i => {
    if (i.type === 'password' || i.name === 'api_token') { i.value = ''; if (i.name === 'api_token') i.type = 'password'; }
    else if (i.type === 'checkbox') i.checked = !!s[i.name];
    else if (i.name in s) i.value = s[i.name];
  });
  SECRETS.forEach(n => { const h = $('[data-set=' + n + ']'); if (h) h.textContent = s[n + '_set'] ? 'set; leave empty to keep it' : 'not set'; });
  $('#key-form').textContent = s.meter_key_set ? 'set (' + s.meter_key_form + '); leave empty to keep it' : 'not set';
  $('#optical-key-form').textContent = s.optical_key_set ? 'set (' + s.optical_key_form + '); leave empty to keep it' : 'not set';
  showPort();
}

// Ranges, lengths and defaults come from the module's settings table (GET /api/v1/settings "limits"),
// so the page never repeats them.
function applyLimits(limits) {
  Object.keys(limits).forEach(n => {
    const i = $('[name="' + n + '"]'), l = limits[n];
    if (!i) return;
    ['min', 'max', 'maxlength'].forEach(a => { if (a in l) i.setAttribute(a, l[a]); });
    if ('default' in l && i.type !== 'checkbox' && i.tagName !== 'SELECT') i.placeholder = String(l.default);
  });
}

function clearErrors() { $$('.err').forEach(e => { e.textContent = ''; }); }

async function save(ev) {
  ev.preventDefault();
  clearErrors();
  const data = {};
  $$('#cfg [name]').forEach(i => {
    if (i.closest('[hidden]')) return; // fields of a platform without them (Wi-Fi on Linux)
    data[i.name] = i.type === 'checkbox' ? (i.checked ? '1' : '0') : i.value;
  });
  $('#save').disabled = true;
  const r = await NM.post('/api/v1/settings', data);
  $('#save').disabled = false;
  if (r.status === 401) { NM.requireLogin(); return; }
  if (r.ok) {
    NM.msg($('#note'), 'Saved (changed: ' + r.body.changed + ')' + (r.body.restarting ? '. The meter link restarts with the new settings.' : '.'), true);
    await load();
  } else {
    const other = [];
    (r.body.errors || []).forEach(e => { const el = $('.err[data-for="' + e.field + '"]'); if (el) el.textContent = e.message; else other.push(e.field + ': ' + e.message); });
    NM.msg($('#note'), (r.body.error || 'Not saved.') + (other.length ? ' (' + other.join('; ') + ')' : ''), false);
    const first = (r.body.errors || [])[0];
    if (first && $('[name="' + first.field + '"]')) $('[name="' + first.field + '"]').focus();
  }
  window.scrollTo(0, 0);
}

// A random token made in the browser and shown once, so it can be copied into the client that needs it.
function generateToken() {
  const b = crypto.getRandomValues(new Uint8Array(24));
  const t = btoa(String.fromCharCode.apply(null, b)).replace(/\+/g, '-').replace(/\//g, '_');
  const i = $('#api_token');
  i.type = 'text';
  i.value = t;
  i.select();
}

document.addEventListener('DOMContentLoaded', async () => {
  if (!await NM.requireLogin()) return;
  $('#cfg').addEventListener('submit', save);
  $('#meter_key').addEventListener('input', e => { $('#key-form').textContent = NM.keyForm(e.target.value); });
  $('#optical_key').addEventListener('input', e => { $('#optical-key-form').textContent = NM.keyForm(e.target.value, true); });
  $('#meter_port').addEventListener('change', showPort);
  $('#gen-token').addEventListener('click', generateToken);
  load();
});
