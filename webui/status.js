'use strict';
// Status: link state and counters from /api/v1/status, identity from /api/v1/info, network from the session
// (sent only to a logged-in browser).
const PORTS = { mep: 'MEP link', optical: 'Optical link (C12.18)' };

async function refresh() {
  const [st, info, s] = await Promise.all([NM.json('/api/v1/status'), NM.json('/api/v1/info'), NM.loadSession()]);
  const denied = st.status === 401 || info.status === 401;
  NM.msg($('#note'), denied ? 'This module requires an API token for /api/v1: log in to see its status.' : (!st.ok ? st.body.error || 'The module did not answer.' : ''), false);
  if (st.ok) {
    const b = st.body;
    const link = {
      link_state: b.link_state, port: PORTS[b.link] || b.link, phase: b.phase, last_verified_reply_age_s: b.last_verified_reply_age_s,
      sequence_learned: b.sequence_learned, last_error: b.last_error || 'none',
      last_response: b.last_response ? b.last_response.name + ' (0x' + b.last_response.code.toString(16).padStart(2, '0') + ')' : null
    };
    if (b.free_memory_bytes !== undefined) link.free_memory_bytes = b.free_memory_bytes; // the device only
    NM.kv(link, $('#link'));
    // Common counters here; what only this link has (MEP digests and 0x0B/0x0C, optical NAKs and CRCs…) in its own card.
    const own = b.link_counters || {};
    const common = {};
    Object.keys(b.counters || {}).forEach(k => { if (!(k in own)) common[k] = b.counters[k]; });
    NM.kv(common, $('#counters'));
    $('#link-card').hidden = Object.keys(own).length === 0;
    $('#link-counters-title').textContent = (PORTS[b.link] || 'Link') + ' counters';
    NM.kv(own, $('#link-counters'));
    const f = b.energy_filter || {};
    const flat = {};
    Object.keys(f).forEach(dir => Object.keys(f[dir]).forEach(k => { flat[dir + ' ' + k] = f[dir][k]; }));
    NM.kv(flat, $('#filter'));
    // Boot records exist on the device only (docs/firmware.md, "Boot records").
    const boots = $('#boots');
    $('#boot-card').hidden = !b.boot;
    boots.textContent = '';
    ((b.boot || {}).history || []).forEach(r => {
      const tr = NM.el('tr');
      [r.boot, r.reason.replace(/_/g, ' '), r.detail, r.at || 'unknown', r.uptime_s === null ? 'unknown' : NM.duration(r.uptime_s)].forEach(v => tr.append(NM.el('td', String(v))));
      boots.append(tr);
    });
    const reads = $('#reads');
    reads.textContent = '';
    (b.reads || []).forEach(r => {
      const tr = NM.el('tr');
      [r.name, r.table, r.offset, r.count, (r.interval_ms / 1000) + ' s', r.last_ok_age_s === null ? 'never' : r.last_ok_age_s.toFixed(1) + ' s ago', r.failures, r.last_error || ''].forEach(v => tr.append(NM.el('td', String(v))));
      reads.append(tr);
    });
  }
  if (info.ok) {
    const m = info.body.module || {};
    NM.kv({ software: m.name + ' ' + m.version, platform: m.platform, hostname: m.hostname, meter_source: m.source, uptime: NM.duration(m.uptime_s), time: m.time }, $('#module'));
    const meter = info.body.meter || {};
    NM.kv({ manufacturer: meter.manufacturer, model: meter.model, firmware: meter.firmware_version, firmware_dabbler_form: meter.firmware_legacy, utility_serial: meter.utility_serial, meter_clock: meter.clock }, $('#meter'));
  }
  NM.kv(s.network || { network: 'log in to see it' }, $('#network'));
}
document.addEventListener('DOMContentLoaded', () => {
  refresh();
  setInterval(refresh, 5000);
});
