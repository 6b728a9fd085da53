'use strict';
// Login, or the first-start password setup while the module has none. Passwords go in a POST body.
function next() {
  const n = new URLSearchParams(location.search).get('next') || '';
  return /^\/[a-z]+\.html$/.test(n) ? n : 'config.html'; // only our own pages: no open redirect
}

async function submit(ev, path, form) {
  ev.preventDefault();
  NM.clearErrors(form);
  const data = {};
  $$('[name]', form).forEach(i => { data[i.name] = i.value; });
  const r = await NM.post(path, data);
  if (r.ok) { location.replace(next()); return; }
  NM.showErrors(r, form, $('#note'), 'Failed.');
  if (r.status === 401 && r.body.retry_after_s) $('#note').textContent += ' Wait ' + r.body.retry_after_s + ' s before the next try.';
  $$('input[type=password]', form).forEach(i => { i.value = ''; });
  await NM.loadSession(); // fresh login token for the next try
}

document.addEventListener('DOMContentLoaded', async () => {
  const s = await NM.loadSession();
  if (s.logged_in) { location.replace(next()); return; }
  if (s.setup_required) {
    $('#setup').hidden = false;
    $('#setup-denied').hidden = s.setup_allowed !== false;
    $('#code-row').hidden = !s.setup_code_required;
    $('#setup-form').addEventListener('submit', e => submit(e, '/api/v1/setup', $('#setup-form')));
  } else {
    $('#login').hidden = false;
    $('#login-form').addEventListener('submit', e => submit(e, '/api/v1/login', $('#login-form')));
  }
});
