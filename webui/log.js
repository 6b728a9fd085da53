'use strict';
// Log view: the module's recent log lines (ring buffer); login required.
let lines = [];
function draw() {
  const f = $('#filter').value.toLowerCase();
  const shown = f ? lines.filter(l => l.toLowerCase().includes(f)) : lines;
  const pre = $('#lines');
  const atEnd = pre.scrollTop + pre.clientHeight >= pre.scrollHeight - 4;
  pre.textContent = shown.join('\n');
  $('#count').textContent = shown.length + ' of ' + lines.length + ' lines';
  if (atEnd) pre.scrollTop = pre.scrollHeight;
}
async function refresh() {
  const r = await NM.json('/api/v1/logs');
  if (r.status === 401) { NM.requireLogin(); return; }
  NM.msg($('#note'), r.ok ? '' : r.body.error || 'The module did not answer.', false);
  if (r.ok) { lines = r.body.lines || []; draw(); }
}
document.addEventListener('DOMContentLoaded', async () => {
  if (!await NM.requireLogin()) return;
  $('#filter').addEventListener('input', draw);
  refresh();
  setInterval(() => { if ($('#auto').checked) refresh(); }, 3000);
});
