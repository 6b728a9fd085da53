'use strict';
// Web UI updates: only on the device. The update file goes as the raw request body to POST /api/v1/update
// (the device streams it to flash), with the session's CSRF token; GET /api/v1/update says which set runs.
async function state() {
  const r = await NM.json('/api/v1/update');
  if (!r.ok) return;
  const b = r.body;
  $('#current').hidden = false;
  NM.kv({
    files: b.set === 'built-in' ? 'built into the firmware' : 'update ' + b.version + ' (set ' + b.set + ')',
    on_trial: b.on_trial ? 'yes, start ' + b.trial_boots + ' of ' + b.max_trial_boots + '; confirms itself after ' + Math.round(b.confirm_after_s / 60) + ' min' : 'no',
    restart_pending: b.pending ? 'yes' : 'no',
    last_rollback: b.last_rollback || 'none',
    problem: b.problem || 'none'
  }, $('#state'));
}
function upload(ev) {
  ev.preventDefault();
  const f = $('#file').files[0];
  if (!f) { NM.msg($('#note'), 'Choose an update file first.', false); return; }
  const x = new XMLHttpRequest();
  x.open('POST', '/api/v1/update');
  x.setRequestHeader('X-CSRF-Token', NM.session.csrf_token);
  x.setRequestHeader('Content-Type', 'application/octet-stream');
  const bar = $('#progress');
  bar.hidden = false;
  x.upload.onprogress = e => { if (e.lengthComputable) bar.value = Math.round(100 * e.loaded / e.total); };
  x.onload = () => {
    let b = {};
    try { b = JSON.parse(x.responseText); } catch (e) { /* not JSON */ }
    NM.msg($('#note'), x.status === 200 ? 'Update ' + b.version + ' checked and stored; the module restarts in ' + b.restart_in_s + ' s and runs it on trial.' : b.error || 'Upload failed (' + x.status + ').', x.status === 200);
  };
  x.onerror = () => NM.msg($('#note'), 'Upload failed: the module did not answer.', false);
  x.send(f);
}
document.addEventListener('DOMContentLoaded', async () => {
  const s = await NM.loadSession();
  if (s.platform === 'linux') { $('#host').hidden = false; return; }
  if (!await NM.requireLogin()) return;
  $('#upload').hidden = false;
  $('#upload').addEventListener('submit', upload);
  state();
});
