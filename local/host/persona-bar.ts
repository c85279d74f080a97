/**
 * The local host's persona switch, injected into the H5 page: it plays the part WeChat's login plays in the
 * mini-program (who is calling), so it lives in the host, not in the app.
 */
export const PERSONA_BAR_SCRIPT = `(() => {
  const bar = document.createElement('div');
  bar.id = 'local-persona-bar';
  bar.setAttribute('style', 'position:fixed;right:4px;top:4px;opacity:.92;z-index:99999;font:14px/1.4 sans-serif;background:#fff;border:1px solid #c9c9c9;border-radius:8px;padding:6px 8px;box-shadow:0 2px 8px rgba(0,0,0,.15);max-width:90vw');
  const label = document.createElement('label');
  label.textContent = '本地身份：';
  const select = document.createElement('select');
  select.id = 'local-persona-select';
  select.setAttribute('aria-label', '切换本地身份');
  select.setAttribute('style', 'font-size:14px;min-height:32px;max-width:60vw');
  label.appendChild(select);
  bar.appendChild(label);
  document.body.appendChild(bar);
  fetch('/__local/personas').then((r) => r.json()).then(({ current, personas }) => {
    const groups = {};
    for (const p of personas) {
      const group = groups[p.group] || (groups[p.group] = document.createElement('optgroup'));
      group.label = p.group;
      const option = document.createElement('option');
      option.value = p.id;
      option.textContent = p.label + (p.group === '居民' ? '' : ' · ' + p.note);
      option.selected = p.id === current;
      group.appendChild(option);
    }
    Object.values(groups).forEach((g) => select.appendChild(g));
  });
  select.addEventListener('change', () => {
    fetch('/__local/persona', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ id: select.value }) })
      .then(() => location.reload());
  });
})();`;
