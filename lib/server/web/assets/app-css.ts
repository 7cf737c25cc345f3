/** The web UI's stylesheet, served as /web/assets/app.css (inlined so no build step copies it). */
export const APP_CSS = String.raw`
:root {
  --bg: #ffffff; --bg-soft: #f6f8fa; --bg-elev: #ffffff; --fg: #1f2328; --fg-soft: #4b5563; --muted: #6b7280;
  --border: #e5e7eb; --border-strong: #d0d7de; --accent: #4f46e5; --accent-soft: #eef2ff; --accent-fg: #ffffff;
  --link: #4338ca; --mark: #fde68a; --mark-fg: #1f2328; --code-bg: #f3f4f6; --pre-bg: #f8fafc;
  --add-bg: #e6ffec; --add-fg: #116329; --del-bg: #ffebe9; --del-fg: #a40e26; --warn-bg: #fff8e5; --warn-border: #f0c36d;
  --tok-comment: #6a737d; --tok-string: #0a7f3f; --tok-number: #b35900; --tok-keyword: #8250df;
  --shadow: 0 1px 2px rgba(16,24,40,.06), 0 1px 3px rgba(16,24,40,.08);
  --radius: 10px; --font: ui-sans-serif, system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
  --mono: ui-monospace, SFMono-Regular, "SF Mono", Menlo, Consolas, "Liberation Mono", monospace;
  color-scheme: light;
}
:root[data-theme="dark"] {
  --bg: #0d1117; --bg-soft: #161b22; --bg-elev: #161b22; --fg: #e6edf3; --fg-soft: #c9d1d9; --muted: #8b949e;
  --border: #30363d; --border-strong: #3d444d; --accent: #818cf8; --accent-soft: #1e1b4b; --accent-fg: #0d1117;
  --link: #a5b4fc; --mark: #9a6700; --mark-fg: #ffffff; --code-bg: #1f242c; --pre-bg: #11161d;
  --add-bg: #12261e; --add-fg: #7ee2a8; --del-bg: #2d1417; --del-fg: #ffa198; --warn-bg: #2b2111; --warn-border: #7d5a12;
  --tok-comment: #8b949e; --tok-string: #7ee787; --tok-number: #ffa657; --tok-keyword: #d2a8ff;
  --shadow: 0 1px 2px rgba(0,0,0,.4);
  color-scheme: dark;
}
* { box-sizing: border-box; }
.skip-link { position: absolute; left: -9999px; top: .5rem; z-index: 100; padding: .4rem .8rem; background: var(--bg); color: var(--link); border: 2px solid var(--accent); border-radius: 6px; }
.skip-link:focus { left: .5rem; }
html { font-size: 15px; }
body { margin: 0; background: var(--bg); color: var(--fg); font-family: var(--font); line-height: 1.6; -webkit-font-smoothing: antialiased; }
a { color: var(--link); text-decoration: none; }
a:hover { text-decoration: underline; }
.muted { color: var(--muted); }
code, pre, kbd { font-family: var(--mono); font-size: .9em; }

/* Top bar */
.topbar { position: sticky; top: 0; z-index: 10; display: flex; align-items: center; gap: 1rem; padding: .6rem 1.25rem;
  background: color-mix(in srgb, var(--bg) 88%, transparent); backdrop-filter: blur(8px); border-bottom: 1px solid var(--border); }
.brand { font-weight: 700; color: var(--fg); letter-spacing: -.01em; white-space: nowrap; }
.brand:hover { text-decoration: none; }
.brand-mark { color: var(--accent); }
.crumbs { flex: 1; min-width: 0; overflow: hidden; white-space: nowrap; text-overflow: ellipsis; color: var(--muted); font-size: .92rem; }
.crumbs a { color: var(--fg-soft); }
.crumbs .sep { margin: 0 .4rem; color: var(--border-strong); }
.crumbs .current { color: var(--fg); font-weight: 500; }
.search { position: relative; width: min(340px, 40vw); }
.search input[type=search] { width: 100%; padding: .45rem .75rem; border: 1px solid var(--border-strong); border-radius: 8px;
  background: var(--bg-soft); color: var(--fg); font: inherit; font-size: .92rem; }
.search input[type=search]:focus { outline: 2px solid var(--accent); outline-offset: -1px; background: var(--bg); }
.suggest { z-index: 20; position: absolute; right: 0; width: max(100%, 440px); top: calc(100% + 4px); margin: 0; padding: .25rem; list-style: none; background: var(--bg-elev);
  border: 1px solid var(--border-strong); border-radius: 8px; box-shadow: 0 8px 24px rgba(0,0,0,.15); max-height: 60vh; overflow: auto; }
.suggest li a { display: grid; grid-template-columns: minmax(0, 1fr) auto; column-gap: .5rem; align-items: center; padding: .4rem .6rem; border-radius: 6px; color: var(--fg); }
.suggest li a > span:first-child { overflow: hidden; text-overflow: ellipsis; white-space: nowrap; font-weight: 500; }
.suggest li a .where { grid-column: 1 / -1; font-size: .78rem; color: var(--muted); font-family: var(--mono); overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
.suggest li[aria-selected="true"] a, .suggest li a:hover { background: var(--accent-soft); text-decoration: none; }
.project-search { width: 100%; margin: 0 0 1.2rem; }
.project-search input[type=search] { padding: .7rem 1rem; font-size: 1rem; border-radius: 10px; background: var(--bg); box-shadow: var(--shadow); }
.project-search .suggest { left: 0; width: 100%; }
.theme-toggle { border: 1px solid var(--border-strong); background: var(--bg-soft); color: var(--fg); border-radius: 8px; width: 2.2rem; height: 2.1rem; cursor: pointer; font-size: 1rem; }
.theme-toggle .icon-sun { display: none; }
:root[data-theme="dark"] .theme-toggle .icon-sun { display: inline; }
:root[data-theme="dark"] .theme-toggle .icon-moon { display: none; }

/* Shell */
.shell { display: grid; grid-template-columns: minmax(0, 1fr); gap: 2rem; max-width: 1440px; margin: 0 auto; padding: 1.5rem 1.5rem 3rem; }
.shell.has-sidebar { grid-template-columns: 260px minmax(0, 1fr); }
.shell.has-rail { grid-template-columns: minmax(0, 1fr) 280px; }
.shell.has-sidebar.has-rail { grid-template-columns: 250px minmax(0, 1fr) 270px; }
.content { min-width: 0; }
.content:focus { outline: none; }
.sidebar, .rail { font-size: .9rem; }
.sidebar { position: sticky; top: 4rem; align-self: start; max-height: calc(100vh - 5rem); overflow: auto; padding-right: .5rem; border-right: 1px solid var(--border); }
.rail { align-self: start; }
@media (max-width: 1100px) { .shell.has-rail, .shell.has-sidebar.has-rail { grid-template-columns: minmax(0, 1fr); } .shell.has-sidebar.has-rail .sidebar { display: none; } }
@media (max-width: 800px) { .shell.has-sidebar { grid-template-columns: minmax(0, 1fr); } .sidebar { position: static; max-height: none; border-right: 0; order: 2; }
  .topbar { flex-wrap: wrap; row-gap: .3rem; } .topbar .search { width: auto; flex: 1; min-width: 0; } .crumbs { order: 3; flex-basis: 100%; } }
.footer { text-align: center; color: var(--muted); font-size: .8rem; padding: 1rem; border-top: 1px solid var(--border); }
/* On a phone the history table keeps commit, message and the view/diff links in sight; author and
   line counts are on the commit itself, one tap away. */
@media (max-width: 600px) { .history-table th:nth-child(3), .history-table td:nth-child(3), .history-table th:nth-child(5), .history-table td:nth-child(5) { display: none; } }

/* Headings and blocks */
h1, h2, h3 { line-height: 1.25; letter-spacing: -.015em; overflow-wrap: anywhere; }
.page-head h1, .content > h1 { font-size: 2rem; margin: .2rem 0 .4rem; }
.page-head { margin-bottom: 1.25rem; padding-bottom: 1rem; border-bottom: 1px solid var(--border); }
.page-head .meta code { overflow-wrap: anywhere; }
.page-head .meta { display: flex; flex-wrap: wrap; gap: .5rem 1rem; align-items: center; color: var(--muted); font-size: .88rem; }
.section-title { font-size: .78rem; text-transform: uppercase; letter-spacing: .06em; color: var(--muted); margin: 1.5rem 0 .5rem; font-weight: 600; }
.panel { border: 1px solid var(--border); border-radius: var(--radius); background: var(--bg-elev); padding: 1rem 1.1rem; margin-bottom: 1rem; }
.panel h2, .panel h3 { margin-top: 0; font-size: 1rem; }
.handoff h2 { display: flex; flex-wrap: wrap; gap: .5rem; align-items: center; }
.handoff h2 .muted { font-weight: 400; font-size: .85rem; color: var(--fg-soft); }
.handoff p { margin: .4rem 0 .6rem; }
.handoff ul { margin: .2rem 0 .6rem; padding-left: 1.3rem; }
.banner { border: 1px solid var(--warn-border); background: var(--warn-bg); border-radius: var(--radius); padding: .7rem 1rem; margin-bottom: 1.2rem; }
.notice { border-left: 3px solid var(--accent); background: var(--accent-soft); border-radius: 6px; padding: .6rem .9rem; margin: 1rem 0; }
.empty { color: var(--muted); font-style: italic; }

/* Badges */
.badge { display: inline-block; font-size: .72rem; font-weight: 600; padding: .05rem .5rem; border-radius: 999px; border: 1px solid var(--border-strong);
  color: var(--fg-soft); background: var(--bg-soft); text-transform: lowercase; vertical-align: middle; line-height: 1.5; white-space: nowrap; }
.badge.kind-decision { color: #1d4ed8; border-color: #93c5fd; background: #eff6ff; }
.badge.kind-rule { color: #b91c1c; border-color: #fca5a5; background: #fef2f2; }
.badge.kind-session { color: #047857; border-color: #6ee7b7; background: #ecfdf5; }
.badge.kind-handoff, .badge.pending { color: #b45309; border-color: #fcd34d; background: #fffbeb; }
.badge.kind-gotcha { color: #c2410c; border-color: #fdba74; background: #fff7ed; }
.badge.kind-concept, .badge.kind-procedure { color: #7e22ce; border-color: #d8b4fe; background: #faf5ff; }
.badge.pinned { color: var(--accent); border-color: var(--accent); background: var(--accent-soft); }
.badge.open { color: #047857; border-color: #6ee7b7; background: #ecfdf5; }
:root[data-theme="dark"] .badge { background: transparent; }
:root[data-theme="dark"] .badge.kind-decision { color: #93c5fd; border-color: #1e3a8a; }
:root[data-theme="dark"] .badge.kind-rule { color: #fca5a5; border-color: #7f1d1d; }
:root[data-theme="dark"] .badge.kind-session, :root[data-theme="dark"] .badge.open { color: #6ee7b7; border-color: #065f46; }
:root[data-theme="dark"] .badge.kind-handoff, :root[data-theme="dark"] .badge.pending { color: #fcd34d; border-color: #78350f; }
:root[data-theme="dark"] .badge.kind-gotcha { color: #fdba74; border-color: #7c2d12; }
:root[data-theme="dark"] .badge.kind-concept, :root[data-theme="dark"] .badge.kind-procedure { color: #d8b4fe; border-color: #581c87; }

/* Home cards */
.hero { margin: .5rem 0 1.5rem; }
.hero h1 { font-size: 2rem; margin: 0; }
.hero p { color: var(--muted); margin: .25rem 0 0; }
.workspace-title { font-size: 1rem; color: var(--fg-soft); margin: 1.75rem 0 .75rem; }
.cards { display: grid; grid-template-columns: repeat(auto-fill, minmax(270px, 1fr)); gap: 1rem; }
.card { display: block; border: 1px solid var(--border); border-radius: var(--radius); padding: 1rem 1.1rem; background: var(--bg-elev); color: var(--fg);
  box-shadow: var(--shadow); transition: border-color .15s, transform .15s; }
.card:hover { border-color: var(--accent); text-decoration: none; transform: translateY(-1px); }
.card h3 { margin: 0 0 .15rem; font-size: 1.08rem; display: flex; align-items: center; gap: .5rem; }
.card .slug { color: var(--muted); font-size: .8rem; font-family: var(--mono); }
.card .stats { display: flex; gap: 1.1rem; margin: .8rem 0 .3rem; }
.card .stat b { display: block; font-size: 1.25rem; }
.card .stat b time { font-size: .95rem; font-weight: 600; line-height: 1.9rem; }
.card .stat span { color: var(--muted); font-size: .78rem; }
.card .handoff-line { font-size: .85rem; color: var(--fg-soft); margin-top: .5rem; border-top: 1px dashed var(--border); padding-top: .5rem;
  display: -webkit-box; -webkit-line-clamp: 2; -webkit-box-orient: vertical; overflow: hidden; }

/* Folder tree */
.tree, .tree ul { list-style: none; margin: 0; padding: 0; }
.tree ul { padding-left: .85rem; border-left: 1px solid var(--border); margin-left: .35rem; }
.tree summary { cursor: pointer; padding: .15rem .25rem; border-radius: 5px; color: var(--fg-soft); font-weight: 600; list-style: none; display: flex; align-items: center; gap: .3rem; }
.tree summary::-webkit-details-marker { display: none; }
.tree summary::before { content: ""; flex: none; width: 0; height: 0; border-left: 5px solid var(--muted); border-top: 4px solid transparent; border-bottom: 4px solid transparent; transition: transform .1s; }
.tree summary:hover { background: var(--bg-soft); }
.tree details[open] > summary::before { transform: rotate(90deg); }
.tree summary .count { color: var(--muted); font-weight: 400; font-size: .8rem; }
.tree li a { display: flex; gap: .4rem; align-items: center; padding: .12rem .35rem; border-radius: 5px; color: var(--fg); overflow: hidden; }
.tree li a .t { overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
.tree li a.more { color: var(--muted); font-style: italic; }
.tree li a:hover { background: var(--bg-soft); text-decoration: none; }
.tree li a.active { background: var(--accent-soft); color: var(--link); font-weight: 600; }
.tree .dot { width: .5rem; height: .5rem; border-radius: 50%; flex: none; background: var(--border-strong); }
.tree .dot.kind-decision { background: #3b82f6; } .tree .dot.kind-rule { background: #ef4444; } .tree .dot.kind-session { background: #10b981; }
.tree .dot.kind-handoff { background: #f59e0b; } .tree .dot.kind-gotcha { background: #f97316; } .tree .dot.kind-concept, .tree .dot.kind-procedure { background: #a855f7; }
.sidebar-head { font-weight: 700; margin: 0 0 .5rem; display: block; color: var(--fg); }

/* Lists */
.list { list-style: none; margin: 0; padding: 0; }
.list li { display: flex; gap: .6rem; align-items: baseline; padding: .45rem 0; border-bottom: 1px solid var(--border); }
.list li:last-child { border-bottom: 0; }
.list .grow { flex: 1; min-width: 0; overflow: hidden; text-overflow: ellipsis; }
.list .when { color: var(--muted); font-size: .82rem; white-space: nowrap; }
.grid-2 { display: grid; grid-template-columns: repeat(auto-fit, minmax(320px, 1fr)); gap: 1rem; }

/* Markdown */
.markdown { font-size: 1rem; overflow-wrap: anywhere; }
.markdown h1 { font-size: 1.7rem; border-bottom: 1px solid var(--border); padding-bottom: .3rem; }
.markdown h2 { font-size: 1.35rem; border-bottom: 1px solid var(--border); padding-bottom: .25rem; margin-top: 2rem; }
.markdown h3 { font-size: 1.12rem; margin-top: 1.5rem; }
.markdown p, .markdown ul, .markdown ol, .markdown table, .markdown pre, .markdown blockquote { margin: 0 0 1rem; }
.markdown code { background: var(--code-bg); padding: .12rem .35rem; border-radius: 5px; }
.markdown pre { background: var(--pre-bg); border: 1px solid var(--border); padding: .9rem 1rem; border-radius: 8px; overflow: auto; line-height: 1.45; }
/* A code block wider than the page scrolls, and says so: a shadow on the side with more to see
   (the local backgrounds cover it at either end), and a scrollbar that does not hide. */
.markdown pre, .timeline details pre, .timeline pre.ev-error, .table-scroll {
  background-image: linear-gradient(to right, var(--pre-bg), var(--pre-bg)), linear-gradient(to right, var(--pre-bg), var(--pre-bg)),
    linear-gradient(to right, rgba(0,0,0,.16), transparent), linear-gradient(to left, rgba(0,0,0,.16), transparent);
  background-position: left center, right center, left center, right center; background-repeat: no-repeat;
  background-size: 1.5rem 100%, 1.5rem 100%, .75rem 100%, .75rem 100%; background-attachment: local, local, scroll, scroll;
  scrollbar-width: thin; scrollbar-color: var(--border-strong) transparent; }
.timeline pre.ev-error { background-color: var(--del-bg); background-image: none; }
.markdown pre code { background: none; padding: 0; font-size: .86rem; }
.markdown .render-notice { color: var(--fg-soft); font-size: .9rem; }
.markdown pre.plain-page { white-space: pre-wrap; overflow-wrap: anywhere; }
.markdown blockquote { border-left: 4px solid var(--border-strong); margin-left: 0; padding: .1rem 1rem; color: var(--fg-soft); }
.markdown table { border-collapse: collapse; display: block; overflow: auto; }
.markdown th, .markdown td { border: 1px solid var(--border); padding: .35rem .7rem; overflow-wrap: break-word; }
.markdown th { background: var(--bg-soft); }
.markdown img { max-width: 100%; }
.markdown a.wikilink { border-bottom: 1px dashed var(--link); }
.markdown a.wikilink:hover { text-decoration: none; border-bottom-style: solid; }
.markdown .wikilink.missing { color: var(--muted); border-bottom: 1px dotted var(--muted); cursor: help; }
.markdown li.task-list-item { list-style: none; }
.tok-comment { color: var(--tok-comment); font-style: italic; } .tok-string { color: var(--tok-string); }
.tok-number { color: var(--tok-number); } .tok-keyword { color: var(--tok-keyword); font-weight: 600; }
mark { background: var(--mark); color: var(--mark-fg); border-radius: 3px; padding: 0 .1em; }

/* Frontmatter and rail */
.fm { width: 100%; border-collapse: collapse; font-size: .84rem; }
.fm th { text-align: left; color: var(--muted); font-weight: 500; padding: .25rem .5rem .25rem 0; vertical-align: top; white-space: nowrap; }
.fm td { padding: .25rem 0; font-family: var(--mono); font-size: .8rem; overflow-wrap: break-word; word-break: normal; }
/* A value breaks between words, never inside one: an id or a path too long for the rail is cut
   with an ellipsis and shown whole on hover. */
.fm td .token { display: block; max-width: 100%; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
.fm td time { white-space: nowrap; font-family: var(--font); }
.fm { table-layout: fixed; } .fm th { width: 5.5rem; overflow: hidden; text-overflow: ellipsis; }
.rail .panel { padding: .8rem .9rem; }
.rail h2 { font-size: .78rem; text-transform: uppercase; letter-spacing: .06em; color: var(--muted); margin: 0 0 .5rem; }
.rail ul { list-style: none; padding: 0; margin: 0; }
.rail li { padding: .2rem 0; }
.history-list li { display: block; padding: .45rem 0; border-bottom: 1px solid var(--border); }
.history-list li:last-child { border-bottom: 0; }
.history-list .msg { display: -webkit-box; -webkit-line-clamp: 2; -webkit-box-orient: vertical; overflow: hidden; color: var(--fg); font-size: .86rem; line-height: 1.35; margin-bottom: .15rem; }
.history-list .actions { font-size: .8rem; display: flex; gap: .6rem; align-items: center; color: var(--muted); }
.sha { font-family: var(--mono); font-size: .8rem; background: var(--code-bg); padding: .05rem .35rem; border-radius: 4px; color: var(--fg-soft); }
.stat-add { color: var(--add-fg); font-family: var(--mono); font-size: .8rem; } .stat-del { color: var(--del-fg); font-family: var(--mono); font-size: .8rem; }
.current-rev { border-left: 3px solid var(--accent); padding-left: .5rem !important; }

/* History table and diff */
.table-scroll { overflow-x: auto; }
.table td.actions { white-space: nowrap; }
.history-table td:nth-child(2) { overflow-wrap: anywhere; }
.table { width: 100%; border-collapse: collapse; font-size: .9rem; }
.table th { text-align: left; color: var(--muted); font-weight: 500; font-size: .8rem; border-bottom: 1px solid var(--border-strong); padding: .4rem .6rem; }
.table td { border-bottom: 1px solid var(--border); padding: .55rem .6rem; vertical-align: top; }
.diff { width: 100%; border-collapse: collapse; font-family: var(--mono); font-size: .83rem; border: 1px solid var(--border); border-radius: 8px; overflow: hidden; }
.diff td { padding: 0 .6rem; white-space: pre-wrap; overflow-wrap: anywhere; vertical-align: top; }
.diff td.ln { width: 1%; color: var(--muted); text-align: right; user-select: none; white-space: nowrap; border-right: 1px solid var(--border); }
.diff tr.add { background: var(--add-bg); } .diff tr.add td.code { color: var(--add-fg); }
.diff tr.del { background: var(--del-bg); } .diff tr.del td.code { color: var(--del-fg); }
.diff tr.hunk td { background: var(--accent-soft); color: var(--muted); padding: .2rem .6rem; }
.diff td.op { width: 1%; user-select: none; }

/* Search */
.search-page form.big { display: flex; gap: .5rem; flex-wrap: wrap; margin-bottom: 1rem; }
.search-page form.big input[type=search] { flex: 1; min-width: 220px; padding: .6rem .9rem; font: inherit; border-radius: 8px; border: 1px solid var(--border-strong); background: var(--bg); color: var(--fg); }
.search-page select, .button { padding: .55rem .8rem; font: inherit; border-radius: 8px; border: 1px solid var(--border-strong); background: var(--bg-soft); color: var(--fg); }
.button.primary { background: var(--accent); color: var(--accent-fg); border-color: var(--accent); cursor: pointer; font-weight: 600; }
.chips { display: flex; flex-wrap: wrap; gap: .4rem; margin-bottom: 1rem; }
.chip { font-size: .8rem; border: 1px solid var(--border-strong); border-radius: 999px; padding: .15rem .7rem; color: var(--fg-soft); }
.chip.active { background: var(--accent); color: var(--accent-fg); border-color: var(--accent); }
.chip:hover { text-decoration: none; border-color: var(--accent); }
.hit { padding: .9rem 0; border-bottom: 1px solid var(--border); }
.hit h2 { margin: 0 0 .2rem; font-size: 1.05rem; display: flex; gap: .5rem; align-items: center; flex-wrap: wrap; }
.hit .where { color: var(--muted); font-size: .8rem; font-family: var(--mono); }
.hit p { margin: .2rem 0 0; color: var(--fg-soft); font-size: .92rem; }
.hit .why { color: var(--muted); font-size: .8rem; margin-top: .15rem; }
.related-hits { margin-top: 1.6rem; }
.related-hits > h2 { font-size: 1rem; margin: 0 0 .2rem; color: var(--fg-soft); }
.related-hits > p { margin: 0 0 .4rem; font-size: .85rem; }

/* Project page: the handoff keeps its paragraphs, pinned pages and rules, the empty home page */
.handoff > p { white-space: pre-line; }
.standing .list li { align-items: baseline; }
.standing .summary { font-size: .85rem; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; max-width: 40%; }
.getting-started ol { padding-left: 1.2rem; } .getting-started li { margin-bottom: .6rem; }
.getting-started code { background: var(--code-bg); padding: .05rem .35rem; border-radius: 4px; overflow-wrap: anywhere; }

/* Session timeline: one row per prompt, reply and tool call */
.timeline { list-style: none; margin: 0; padding: 0 0 0 1.1rem; border-left: 2px solid var(--border); }
.timeline > li { position: relative; margin: 0 0 .8rem; padding-left: .6rem; min-width: 0; }
.timeline > li::before { content: ""; position: absolute; left: -1.52rem; top: .45rem; width: .7rem; height: .7rem; border-radius: 50%; background: var(--border-strong); border: 2px solid var(--bg); }
.timeline > li.ev-prompt::before { background: var(--accent); }
.timeline > li.ev-reply::before { background: var(--fg-soft); }
.timeline > li.ev-tool::before { background: #10b981; }
.timeline > li.failed::before { background: #ef4444; }
.timeline > li.ev-marker { margin-bottom: .5rem; }
.timeline .ev-head { display: flex; gap: .6rem; align-items: baseline; font-size: .85rem; color: var(--muted); min-width: 0; }
.timeline .ev-head b { color: var(--fg); font-size: .92rem; white-space: nowrap; }
.timeline .ev-head time { font-family: var(--mono); font-size: .8rem; }
.timeline .step-link { color: inherit; }
.timeline > li:target { background: var(--accent-soft); border-radius: 8px; }
.timeline .ev-input { min-width: 0; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; background: var(--code-bg); padding: .05rem .4rem; border-radius: 4px; color: var(--fg); }
.timeline .ev-files { overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
.timeline .badge.fail { background: var(--del-bg); color: var(--del-fg); border-color: transparent; white-space: nowrap; }
.timeline .fail-count, .page-head .fail-count { color: var(--del-fg); }
.timeline .prompt { white-space: pre-wrap; overflow-wrap: anywhere; background: var(--accent-soft); border-radius: 8px; padding: .6rem .8rem; margin-top: .3rem; }
.timeline .reply { border-left: 3px solid var(--border-strong); padding: .1rem .8rem; margin-top: .3rem; }
.timeline .reply > :last-child { margin-bottom: 0; }
.timeline pre.ev-error { margin: .3rem 0 0; background: var(--del-bg); color: var(--del-fg); border-radius: 8px; padding: .5rem .8rem; font-size: .8rem; overflow-x: auto; white-space: pre; }
.timeline details { margin-top: .25rem; }
.timeline details pre { background-color: var(--pre-bg); border: 1px solid var(--border); padding: .6rem .8rem; border-radius: 8px; overflow: auto; font-size: .8rem; max-height: 24rem; white-space: pre; margin: .3rem 0 0; }
.timeline summary { cursor: pointer; color: var(--fg-soft); font-size: .85rem; }
.timeline .ev-table { border-collapse: collapse; font-size: .8rem; margin-top: .3rem; }
.timeline .ev-table th, .timeline .ev-table td { border: 1px solid var(--border); padding: .2rem .5rem; text-align: left; vertical-align: top; }
.table-scroll { overflow-x: auto; }
`;
