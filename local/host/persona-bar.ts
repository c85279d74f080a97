/**
 * The local host's persona switch, injected into the H5 page: it plays the part WeChat's login plays in the
 * mini-program (who is calling), so it lives in the host, not in the app. Folded to a small button until opened,
 * so it does not cover the app.
 */
export const PERSONA_BAR_SCRIPT = `(() => {
  const bar = document.createElement('details');
  bar.id = 'local-persona-bar';
  bar.setAttribute('style', 'position:fixed;left:4px;bottom:4px;z-index:99999;font:14px/1.4 sans-serif;background:#fff;border:1px solid #c9c9c9;border-radius:8px;padding:0 8px;box-shadow:0 2px 8px rgba(0,0,0,.15);max-width:92vw;opacity:.95');
  const summary = document.createElement('summary');
  summary.id = 'local-persona-toggle';
  summary.setAttribute('style', 'min-height:36px;line-height:36px;cursor:pointer;white-space:nowrap;overflow:hidden;text-overflow:ellipsis;max-width:40vw');
  summary.textContent = '身份';
  const select = document.createElement('select');
  select.id = 'local-persona-select';
  select.setAttribute('aria-label', '切换本地身份');
  select.setAttribute('style', 'font-size:15px;min-height:40px;max-width:88vw;margin:0 0 8px');
  bar.appendChild(summary);
  bar.appendChild(select);
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
      if (option.selected) summary.textContent = '身份：' + p.label;
      group.appendChild(option);
    }
    Object.values(groups).forEach((g) => select.appendChild(g));
  });
  select.addEventListener('change', () => {
    fetch('/__local/persona', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ id: select.value }) })
      .then(() => location.reload());
  });
})();`;
