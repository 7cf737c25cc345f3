/**
 * The web UI's only script, served as /web/assets/app.js and loaded in <head> (the CSP allows
 * scripts from 'self' only). It sets the theme before first paint, then wires the theme toggle
 * and the title type-ahead. The page works without it.
 */
export const APP_JS = String.raw`(function () {
  'use strict';
  var KEY = 'ai-memory-theme';
  var root = document.documentElement;
  var media = window.matchMedia ? window.matchMedia('(prefers-color-scheme: dark)') : null;
  function stored() { try { return localStorage.getItem(KEY); } catch (e) { return null; } }
  function apply() {
    var choice = stored();
    root.dataset.theme = choice === 'dark' || choice === 'light' ? choice : (media && media.matches ? 'dark' : 'light');
  }
  apply();
  if (media && media.addEventListener) media.addEventListener('change', apply);

  function toggleTheme() {
    var next = root.dataset.theme === 'dark' ? 'light' : 'dark';
    try { localStorage.setItem(KEY, next); } catch (e) { /* private mode: this page only */ }
    root.dataset.theme = next;
  }

  function typeahead(input, n) {
    var list = input.parentNode.querySelector('.suggest');
    if (!list) return;
    var timer = null, seq = 0, items = [], active = -1;
    // A combobox for screen readers: the list it controls, and which option the arrows picked.
    list.id = list.id || 'suggest-' + n;
    input.setAttribute('role', 'combobox');
    input.setAttribute('aria-autocomplete', 'list');
    input.setAttribute('aria-controls', list.id);
    input.setAttribute('aria-expanded', 'false');
    function close() { list.hidden = true; list.textContent = ''; items = []; active = -1; input.setAttribute('aria-expanded', 'false'); input.removeAttribute('aria-activedescendant'); }
    function select(i) {
      active = i;
      items.forEach(function (li, j) { li.setAttribute('aria-selected', j === i ? 'true' : 'false'); });
      if (i >= 0) input.setAttribute('aria-activedescendant', items[i].id);
      else input.removeAttribute('aria-activedescendant');
    }
    function show(titles) {
      list.textContent = '';
      items = titles.map(function (t, i) {
        var li = document.createElement('li');
        li.setAttribute('role', 'option');
        li.id = list.id + '-' + i;
        var a = document.createElement('a');
        a.href = t.url;
        var title = document.createElement('span');
        title.textContent = t.title;
        var badge = document.createElement('span');
        badge.className = 'badge kind-' + t.kind;
        badge.textContent = t.kind;
        var where = document.createElement('span');
        where.className = 'where';
        where.textContent = input.dataset.project ? t.path : t.project + ' · ' + t.path;
        a.appendChild(title); a.appendChild(badge); a.appendChild(where);
        li.appendChild(a);
        list.appendChild(li);
        return li;
      });
      list.hidden = items.length === 0;
      input.setAttribute('aria-expanded', items.length ? 'true' : 'false');
      active = -1;
      input.removeAttribute('aria-activedescendant');
    }
    function query() {
      var q = input.value.trim();
      if (q.length < 2) return close();
      var params = new URLSearchParams({ q: q, limit: '8' });
      if (input.dataset.project) { params.set('workspace', input.dataset.workspace); params.set('project', input.dataset.project); }
      var mine = ++seq;
      fetch('/web/suggest?' + params.toString(), { headers: { accept: 'application/json' }, credentials: 'same-origin' })
        .then(function (r) { return r.ok ? r.json() : { titles: [] }; })
        .then(function (body) { if (mine === seq) show(body.titles || []); })
        .catch(function () { if (mine === seq) close(); });
    }
    input.addEventListener('input', function () { clearTimeout(timer); timer = setTimeout(query, 120); });
    input.addEventListener('keydown', function (e) {
      if (list.hidden) return;
      if (e.key === 'ArrowDown') { e.preventDefault(); select(Math.min(items.length - 1, active + 1)); }
      else if (e.key === 'ArrowUp') { e.preventDefault(); select(Math.max(-1, active - 1)); }
      else if (e.key === 'Escape') { close(); }
      else if (e.key === 'Enter' && active >= 0) { e.preventDefault(); window.location.href = items[active].querySelector('a').href; }
    });
    input.addEventListener('blur', function () { setTimeout(close, 150); });
  }

  // "/" focuses the page's search box, as on GitHub; typing "/" into a field stays a "/".
  function slashToSearch(e) {
    if (e.key !== '/' || e.ctrlKey || e.metaKey || e.altKey) return;
    var t = e.target;
    if (t && (t.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName))) return;
    var box = document.querySelector('input[type=search]');
    if (!box) return;
    e.preventDefault();
    box.focus();
    box.select();
  }

  // Times are rendered relative ("3 hours ago") with the ISO instant; the reader's own clock
  // and zone are only known here, so the hover text gains the local date.
  function localTimes() {
    var times = document.querySelectorAll('time[datetime]');
    for (var i = 0; i < times.length; i++) {
      var iso = times[i].getAttribute('datetime');
      var d = new Date(iso);
      if (isNaN(d.getTime())) continue;
      times[i].title = d.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' }) + ' (' + iso + ')';
    }
  }

  document.addEventListener('keydown', slashToSearch);
  document.addEventListener('DOMContentLoaded', function () {
    localTimes();
    var toggles = document.querySelectorAll('[data-theme-toggle]');
    for (var i = 0; i < toggles.length; i++) toggles[i].addEventListener('click', toggleTheme);
    var inputs = document.querySelectorAll('input[data-suggest]');
    for (var j = 0; j < inputs.length; j++) typeahead(inputs[j], j);
  });
})();
`;
