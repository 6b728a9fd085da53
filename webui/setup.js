'use strict';
// The setup wizard of the device's access point (docs/webui.md, "Setup wizard"): web password, Wi-Fi, meter key,
// MQTT, connect. Each step saves only its own fields through the settings POST (a field not sent keeps its value),
// so a refused step shows the module's messages and keeps everything typed; only "Connect" restarts the module.
const STEPS = ['password', 'wifi', 'key', 'mqtt', 'connect'];
let settings = null; // GET /api/v1/settings, once logged in
let resume = 'wifi'; // the step to return to after a (re)login

function go(step) {
  STEPS.forEach(n => {
    $('#step-' + n).hidden = n !== step;
    const li = $('#steps [data-step="' + n + '"]');
    if (n === step) li.setAttribute('aria-current', 'step'); else li.removeAttribute('aria-current');
  });
  $('#step-' + step + ' h2').focus();
  if (step === 'wifi') scan();
  if (step === 'connect') summary();
}

function fields(form) {
  const data = {};
  $$('[name]', form).forEach(i => { data[i.name] = i.type === 'checkbox' ? (i.checked ? '1' : '0') : i.value; });
  return data;
}

// A refused step: messages next to the fields, focus on the first; a lost session asks for the password again.
function refused(r, form, fallback) {
  if (r.status === 401 && settings && !/^pw-/.test(form.id || '')) { relogin(); return; } // not a wrong password: the session ended
  if (r.status === 0) r.body.error = 'The module did not answer: check that this device is still on the module\'s access point, then try again.';
  const first = NM.showErrors(r, form, $('#note'), fallback);
  if (first) first.focus();
}

function relogin() {
  resume = STEPS.find(n => !$('#step-' + n).hidden) || 'wifi';
  $('#pw-set').hidden = true;
  $('#pw-login').hidden = false;
  $('#login-why').textContent = 'The login ended (after 30 minutes without use, or the module restarted). Log in again; nothing typed is lost.';
  go('password');
}

async function loadSettings() {
  const r = await NM.json('/api/v1/settings');
  if (!r.ok) { refused(r, document, 'Cannot read the settings.'); return false; }
  const first = settings === null; // fill the forms once: a later load never overwrites what was typed
  settings = r.body;
  if (first) {
    $$('#wizard [name]').forEach(i => {
      if (i.type === 'password' || !(i.name in settings)) return;
      if (i.type === 'checkbox') i.checked = !!settings[i.name]; else i.value = settings[i.name];
    });
  }
  $$('[data-set]').forEach(h => { h.textContent = settings[h.dataset.set + '_set'] ? 'set; leave empty to keep it' : ''; });
  $('#key-form').textContent = settings.meter_key_set ? 'set (' + settings.meter_key_form + '); leave empty to keep it' : 'not set';
  return true;
}

async function password(ev) {
  ev.preventDefault();
  const form = ev.target;
  NM.clearErrors(form);
  $('#note').hidden = true;
  const r = await NM.post(form.id === 'pw-set' ? '/api/v1/setup' : '/api/v1/login', fields(form));
  await NM.loadSession(); // the session's CSRF token, or a fresh login token for the next try
  if (!r.ok) {
    refused(r, form, 'Failed.');
    if (r.body.retry_after_s) $('#note').textContent += ' Wait ' + r.body.retry_after_s + ' s before the next try.';
    return;
  }
  $$('input[type=password]', form).forEach(i => { i.value = ''; });
  if (await loadSettings()) go(resume);
}

// The module's last scan (it scans again when its list is older than half a minute); polled while it scans.
async function scan() {
  const state = $('#scan-state');
  $('#rescan').disabled = true;
  state.textContent = 'Looking for networks…';
  let r;
  for (let tries = 0; tries < 30; tries++) {
    r = await NM.json('/api/v1/wifi/networks');
    if (!r.ok || !r.body.scanning) break;
    await new Promise(done => setTimeout(done, 1000));
  }
  $('#rescan').disabled = false;
  if (r.status === 401) { refused(r, $('#f-wifi'), ''); return; }
  if (!r.ok) { state.textContent = 'The scan failed: ' + (r.body.error || 'error ' + r.status) + '. Type the network name below.'; return; }
  $('#ap-name').textContent = r.body.access_point;
  $('#done-ap').textContent = r.body.access_point;
  const nets = r.body.networks || [];
  const box = $('#nets');
  box.textContent = '';
  nets.forEach((n, k) => {
    const label = NM.el('label');
    const radio = NM.el('input');
    radio.type = 'radio';
    radio.name = 'pick';
    radio.id = 'net-' + k;
    radio.value = n.ssid;
    radio.checked = n.ssid === $('#wifi_ssid').value;
    radio.addEventListener('change', () => { $('#wifi_ssid').value = n.ssid; NM.clearErrors($('#f-wifi')); $('#note').hidden = true; $('#wifi_password').focus(); });
    label.append(radio, NM.el('span', n.ssid), NM.el('small', n.rssi_dbm + ' dBm' + (n.secure ? ', password' : ', open'), 'hint'));
    box.append(label);
  });
  state.textContent = nets.length ? nets.length + ' network' + (nets.length === 1 ? '' : 's') + ' found.' :
    (r.body.scanning ? 'The scan takes long.' : 'No networks found.') + ' Scan again, or type the network name below.';
}

async function save(ev, next, check) {
  ev.preventDefault();
  const form = ev.target;
  NM.clearErrors(form);
  $('#note').hidden = true;
  const data = fields(form);
  delete data.pick;
  const problem = check ? check(data) : null;
  if (problem) { NM.showErrors({ body: { errors: [problem] } }, form, $('#note'), 'Not saved.').focus(); return false; }
  if (Object.keys(data).length) {
    const btn = $('button[type=submit]', form);
    btn.disabled = true;
    const r = await NM.post('/api/v1/settings', data);
    btn.disabled = false;
    if (!r.ok) { refused(r, form, 'Not saved.'); return false; }
    $$('input[type=password]', form).forEach(i => { i.value = ''; }); // saved: the hint now says "set"
    await loadSettings();
  }
  if (next) go(next);
  return true;
}

function summary() {
  const s = settings || {};
  const rows = [['Wi-Fi network', s.wifi_ssid || null], ['Meter key', s.meter_key_set ? 'set (' + s.meter_key_form + ')' : 'not set: the meter is not read until it is entered on the configuration page'],
    ['MQTT', s.mqtt_enabled ? 'to ' + s.mqtt_host : 'off']];
  const body = $('#summary');
  body.textContent = '';
  rows.forEach(([k, v]) => { const tr = NM.el('tr'); tr.append(NM.el('th', k), NM.el('td', v === null ? 'not set' : v, v === null ? 'na' : '')); body.append(tr); });
  $('#host-shown').textContent = $('#hostname').value || s.hostname;
}

async function connect(ev) {
  if (!await save(ev, null)) return;
  $('#connect').disabled = true;
  const r = await NM.post('/api/v1/wifi/connect', {});
  $('#connect').disabled = false;
  if (!r.ok) { refused(r, $('#f-connect'), 'Not connected.'); return; }
  $('#steps').hidden = true;
  $('#step-connect').hidden = true;
  $('#done-text').textContent = 'It leaves this access point and joins ' + r.body.ssid + '. The readings go on meanwhile.';
  $('#done-ssid').textContent = r.body.ssid;
  $('#done-url').textContent = r.body.url;
  $('#done-url').href = r.body.url;
  $('#done').hidden = false;
  $('#done').focus();
}

document.addEventListener('DOMContentLoaded', async () => {
  $('#pw-set').addEventListener('submit', password);
  $('#pw-login').addEventListener('submit', password);
  $('#f-wifi').addEventListener('submit', e => save(e, 'key', d => d.wifi_ssid.trim() ? null : { field: 'wifi_ssid', message: 'pick a network above or type its name' }));
  $('#f-key').addEventListener('submit', e => save(e, 'mqtt'));
  $('#f-mqtt').addEventListener('submit', e => save(e, 'connect'));
  $('#f-connect').addEventListener('submit', connect);
  $('#mqtt-skip').addEventListener('click', () => go('connect'));
  $('#rescan').addEventListener('click', scan);
  $$('[data-back]').forEach(b => b.addEventListener('click', () => go(b.dataset.back)));
  $('#meter_key').addEventListener('input', e => { $('#key-form').textContent = NM.keyForm(e.target.value); });
  $('#key-show').addEventListener('change', e => { $('#meter_key').type = e.target.checked ? 'text' : 'password'; });
  $('#wifi_ssid').addEventListener('input', e => { $$('#nets input').forEach(i => { i.checked = i.value === e.target.value; }); });
  $('#hostname').addEventListener('input', e => { $('#host-shown').textContent = e.target.value; });

  const s = await NM.loadSession();
  if (s.provisioning !== 'setup' && s.provisioning !== 'fallback') {
    if (s.provisioning) $('#not-here-why').textContent = 'The module is not on its setup access point (state: ' + s.provisioning + ').';
    $('#not-here').hidden = false;
    return;
  }
  $('#wizard').hidden = false;
  if (s.logged_in && await loadSettings()) { go('wifi'); return; }
  $('#pw-set').hidden = !s.setup_required;
  $('#pw-login').hidden = !!s.setup_required;
  $('#setup-denied').hidden = s.setup_allowed !== false;
  $('#code-row').hidden = !s.setup_code_required;
  go('password');
});
