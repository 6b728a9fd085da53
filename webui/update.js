'use strict';
// Firmware update: only on the device. The image goes as the raw request body to POST /api/v1/firmware
// (the device streams it into its update partition), with the session's CSRF token.
function upload(ev) {
  ev.preventDefault();
  const f = $('#file').files[0];
  if (!f) { NM.msg($('#note'), 'Choose an image first.', false); return; }
  const x = new XMLHttpRequest();
  x.open('POST', '/api/v1/firmware');
  x.setRequestHeader('X-CSRF-Token', NM.session.csrf_token);
  x.setRequestHeader('Content-Type', 'application/octet-stream');
  const bar = $('#progress');
  bar.hidden = false;
  x.upload.onprogress = e => { if (e.lengthComputable) bar.value = Math.round(100 * e.loaded / e.total); };
  x.onload = () => {
    let b = {};
    try { b = JSON.parse(x.responseText); } catch (e) { /* not JSON */ }
    NM.msg($('#note'), x.status === 200 ? 'Uploaded; the module restarts.' : b.error || 'Upload failed (' + x.status + ').', x.status === 200);
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
});
