'use strict';
// Raw MEP console: POST a read, then poll /api/v1/console until the meter answered; shows both frames,
// the digest check and the decoded table exactly as the module's frame inspector describes them.
async function send(ev) {
  ev.preventDefault();
  $$('.err').forEach(e => { e.textContent = ''; });
  NM.msg($('#note'), '', false);
  const data = { op: 'read', table: $('#table').value, offset: $('#offset').value, count: $('#count').value };
  $('#go').disabled = true;
  $('#state').textContent = 'sending…';
  try {
    const r = await NM.post('/api/v1/console/read', data);
    if (r.status === 401) { NM.requireLogin(); return; }
    if (r.status !== 202) {
      (r.body.errors || []).forEach(e => { const el = $('.err[data-for="' + e.field + '"]'); if (el) el.textContent = e.message; });
      NM.msg($('#note'), r.body.error || 'Not sent.', false);
      return;
    }
    const started = Date.now();
    let s = r.body;
    while ((s.state === 'queued' || s.state === 'running') && Date.now() - started < 65000) {
      $('#state').textContent = s.state + '…';
      await new Promise(res => setTimeout(res, 250));
      s = (await NM.json('/api/v1/console')).body;
    }
    show(s);
  } finally {
    $('#go').disabled = false;
    $('#state').textContent = '';
  }
}

function show(s) {
  if (s.state !== 'done') { NM.msg($('#note'), s.error || 'No answer (' + s.state + ').', false); return; }
  $('#out').hidden = false;
  const resp = s.response || {};
  const digest = resp.digest_valid === true ? 'digest valid' : resp.digest_valid === false ? 'DIGEST INVALID' : 'digest not checked';
  $('#summary').textContent = s.table + ' ' + s.kind + ': ' + s.result + (s.response ? ' · ' + resp.status + ' · ' + digest : '') + (s.error ? ' · ' + s.error : '');
  $('#summary').className = s.result === 'ok' && resp.digest_valid ? 'ok' : 'bad';
  $('#req-hex').textContent = s.request_hex || '';
  $('#resp-hex').textContent = s.response_hex || '(no reply)';
  const req = Object.assign({}, s.request || {});
  const r = Object.assign({}, resp);
  const decoded = r.decoded;
  delete r.decoded;
  NM.kv(req, $('#req'));
  NM.kv(r, $('#resp'));
  $('#decoded').textContent = decoded ? JSON.stringify(decoded, null, 2) : (r.decode_error || r.decoded_skipped || 'nothing decoded');
}

document.addEventListener('DOMContentLoaded', async () => {
  if (!await NM.requireLogin()) return;
  $('#read').addEventListener('submit', send);
});
