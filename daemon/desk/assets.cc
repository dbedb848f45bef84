#include "desk/assets.h"

namespace newsmon::desk {

std::string_view PageHtml() {
  return R"desk(<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>newsmon desk</title>
<link rel="stylesheet" href="/desk.css">
<link rel="icon" href="/favicon.svg" type="image/svg+xml">
</head>
<body>
<header>
  <h1>newsmon desk</h1>
  <span id="status" role="status">connecting…</span>
</header>
<main>
  <section id="stories-section" aria-labelledby="stories-heading">
    <h2 id="stories-heading">Matched stories</h2>
    <nav id="topics" aria-label="Topics"></nav>
    <div id="stories"></div>
  </section>
  <section id="quotes-section" aria-labelledby="quotes-heading">
    <h2 id="quotes-heading">Leader quotes</h2>
    <div class="filters">
      <label>Leader <select id="leader"><option value="">all</option></select></label>
      <label><input type="checkbox" id="new-only"> new only</label>
    </div>
    <ol id="quotes"></ol>
  </section>
  <section id="workbench-section" aria-labelledby="workbench-heading" hidden>
    <h2 id="workbench-heading">Rule workbench</h2>
    <p class="meta">Edit a topic's rule and see which archived stories it would gain and lose; copy the YAML into the topic's file.</p>
    <div class="filters"><label>Topic <select id="wb-topic"></select></label></div>
    <textarea id="wb-query" rows="8" spellcheck="false" aria-label="Rule"></textarea>
    <div class="filters"><button type="button" id="wb-try">Try against the archive</button>
      <button type="button" id="wb-copy">Copy YAML</button></div>
    <div id="wb-result"></div>
    <pre id="wb-yaml"></pre>
  </section>
</main>
<script src="/desk.js"></script>
</body>
</html>
)desk";
}

std::string_view PageIcon() {
  return R"desk(<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 16 16"><rect width="16" height="16" rx="3" fill="#0b5cad"/><path d="M4 12V4l8 8V4" stroke="#fff" stroke-width="2" fill="none"/></svg>
)desk";
}

std::string_view PageStyle() {
  return R"desk(:root { --ink: #1b1f24; --muted: #5b6470; --line: #d9dde3; --accent: #0b5cad; --new: #0a7a3d; }
* { box-sizing: border-box; }
body { margin: 0; font: 16px/1.45 system-ui, sans-serif; color: var(--ink); background: #f6f7f9; }
header { display: flex; align-items: baseline; gap: 1rem; padding: .75rem 1rem; background: #fff; border-bottom: 1px solid var(--line); }
header h1 { font-size: 1.2rem; margin: 0; }
#status { color: var(--muted); font-size: .9rem; }
main { display: grid; grid-template-columns: 3fr 2fr; gap: 1rem; padding: 1rem; }
@media (max-width: 800px) { main { grid-template-columns: 1fr; } }
section { background: #fff; border: 1px solid var(--line); border-radius: 6px; padding: .5rem 1rem 1rem; min-width: 0; }
h2 { font-size: 1.05rem; }
#topics button { margin: 0 .3rem .5rem 0; padding: .2rem .6rem; border: 1px solid var(--line); border-radius: 999px; background: #fff; cursor: pointer; }
#topics button[aria-pressed="true"] { background: var(--accent); color: #fff; border-color: var(--accent); }
.story { padding: .6rem 0; border-top: 1px solid var(--line); }
.story-title { font-weight: 600; color: var(--accent); text-decoration: none; overflow-wrap: anywhere; }
.meta { color: var(--muted); font-size: .85rem; }
.snippet { margin: .2rem 0; font-size: .92rem; overflow-wrap: anywhere; }
mark { background: #fff1a8; padding: 0 .1em; }
.folded { margin: .2rem 0 0 1rem; font-size: .88rem; color: var(--muted); }
.filters { display: flex; gap: 1rem; flex-wrap: wrap; margin-bottom: .5rem; }
#quotes { list-style: none; padding: 0; margin: 0; }
.quote { padding: .6rem 0; border-top: 1px solid var(--line); }
.quote q { display: block; margin: .2rem 0; overflow-wrap: anywhere; }
.badge { display: inline-block; font-size: .75rem; font-weight: 700; padding: 0 .4rem; border-radius: 3px; }
.badge-new { background: var(--new); color: #fff; }
.badge-before { background: #e8eaee; color: var(--muted); }
#workbench-section { grid-column: 1 / -1; }
#wb-query { width: 100%; font: 14px/1.4 ui-monospace, monospace; }
#wb-yaml { background: #f3f4f6; padding: .5rem; overflow-x: auto; font-size: .85rem; }
.gained { color: var(--new); } .lost { color: #a3261a; }
)desk";
}

std::string_view PageScript() {
  return R"desk('use strict';
// Everything shown comes from untrusted story text: it is set with
// textContent or as an attribute value, never parsed as markup, and links are
// followed only when the server kept them (http and https).
const state = { desk: null, version: -1, topic: '' };

function el(tag, props, children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(props || {})) {
    if (k === 'text') node.textContent = v; else node.setAttribute(k, v);
  }
  for (const child of children || []) node.append(child);
  return node;
}

function link(text, url, cls) {
  if (!url || !/^https?:\/\//i.test(url)) return el('span', { class: cls || '', text: text });
  return el('a', { class: cls || '', href: url, target: '_blank', rel: 'noopener noreferrer', text: text });
}

function when(rfc3339) {
  if (!rfc3339) return '';
  const d = new Date(rfc3339);
  return isNaN(d) ? rfc3339 : d.toLocaleString();
}

// The snippet with each occurrence of the rule term (wildcards and quotes
// dropped: "sanction*" marks "sanction") marked.
function highlighted(snippet, term) {
  const out = el('p', { class: 'snippet' });
  const stem = String(term).replace(/["*?()]/g, ' ').trim().replace(/\s+/g, ' ').toLowerCase();
  const lower = snippet.toLowerCase();
  let at = 0;
  while (stem.length >= 2) {
    const hit = lower.indexOf(stem, at);
    if (hit < 0) break;
    out.append(snippet.slice(at, hit), el('mark', { text: snippet.slice(hit, hit + stem.length) }));
    at = hit + stem.length;
  }
  out.append(snippet.slice(at));
  return out;
}

function renderTopics() {
  const nav = document.getElementById('topics');
  nav.replaceChildren();
  const ids = [''].concat(state.desk.topics.map(t => t.id));
  for (const id of ids) {
    const button = el('button', { type: 'button', 'aria-pressed': String(state.topic === id), text: id || 'all topics' });
    button.addEventListener('click', () => { state.topic = id; render(); });
    nav.append(button);
  }
}

function renderStories() {
  const box = document.getElementById('stories');
  box.replaceChildren();
  // One entry per story, newest first; a story in several topics names them all.
  const entries = new Map();
  for (const topic of state.desk.topics) {
    if (state.topic && topic.id !== state.topic) continue;
    for (const s of topic.stories) {
      const entry = entries.get(s.story_id);
      if (entry) { entry.topics.push(topic.id); entry.terms = entry.terms.concat(s.terms); continue; }
      entries.set(s.story_id, { story: s, topics: [topic.id], terms: s.terms.slice() });
    }
  }
  const newest = [...entries.values()].sort((a, b) => (b.story.published || '').localeCompare(a.story.published || ''));
  for (const { story: s, topics, terms } of newest) {
    const item = el('article', { class: 'story', 'data-topics': topics.join(' ') });
    item.append(link(s.title || s.url || '(untitled)', s.url, 'story-title'));
    item.append(el('div', { class: 'meta', text: [topics.join(', '), s.feed, when(s.published), s.language].filter(Boolean).join(' · ') }));
    for (const t of terms.slice(0, 3)) item.append(highlighted(t.snippet, t.term));
    if (s.folded.length) {
      const folded = el('div', { class: 'folded', text: 'also: ' });
      s.folded.forEach((f, i) => {
        if (i) folded.append(', ');
        folded.append(link(f.feed || f.title, f.url, 'folded-link'));
      });
      item.append(folded);
    }
    box.append(item);
  }
  if (!box.children.length) box.append(el('p', { class: 'meta', text: 'No matched stories yet.' }));
}

function renderQuotes() {
  const select = document.getElementById('leader');
  const chosen = select.value;
  select.replaceChildren(el('option', { value: '', text: 'all' }));
  for (const l of state.desk.leaders) select.append(el('option', { value: l.id, text: l.name }));
  select.value = chosen;
  const newOnly = document.getElementById('new-only').checked;
  const list = document.getElementById('quotes');
  list.replaceChildren();
  for (const q of state.desk.quotes) {
    if (chosen && q.leader_id !== chosen) continue;
    if (newOnly && !q.is_new) continue;
    const item = el('li', { class: 'quote', 'data-leader': q.leader_id });
    const badge = q.is_new ? el('span', { class: 'badge badge-new', text: 'NEW' })
                           : el('span', { class: 'badge badge-before', text: 'said before' });
    item.append(el('strong', { class: 'leader', text: q.leader_name }), ' ', badge);
    item.append(el('q', { text: q.text }));
    const meta = el('div', { class: 'meta' });
    meta.append(link(q.story.feed || q.story.title || 'story', q.story.url, 'quote-story'), ' · ' + when(q.story.published));
    if (!q.is_new && q.first_seen_url) {
      meta.append(' · ', link('first seen ' + when(q.first_seen), q.first_seen_url, 'first-seen'));
    }
    item.append(meta);
    list.append(item);
  }
  if (!list.children.length) list.append(el('li', { class: 'meta', text: 'No quotes yet.' }));
}

function render() {
  if (!state.desk) return;
  renderTopics();
  renderStories();
  renderQuotes();
}

async function refresh() {
  try {
    const response = await fetch('/api/desk', { cache: 'no-store' });
    if (!response.ok) throw new Error('HTTP ' + response.status);
    const desk = await response.json();
    const kafka = await (await fetch('/api/status', { cache: 'no-store' })).text();
    document.getElementById('status').textContent = kafka.trim() + ' · updated ' + new Date().toLocaleTimeString();
    if (desk.version !== state.version) {
      state.desk = desk;
      state.version = desk.version;
      render();
    }
  } catch (e) {
    document.getElementById('status').textContent = 'reconnecting… (' + e.message + ')';
  } finally {
    setTimeout(refresh, 1500);
  }
}

// The rule workbench, when the server has the archive topic.
const workbench = { topics: [] };

function changeList(title, changes, cls) {
  const box = el('div', { class: cls });
  box.append(el('h3', { text: title + ' (' + changes.length + ')' }));
  const list = el('ul');
  for (const c of changes) {
    const item = el('li');
    item.append(link(c.title || c.url || c.story_id, c.url, 'wb-story'));
    for (const t of c.terms.slice(0, 2)) item.append(highlighted(t.snippet, t.term));
    list.append(item);
  }
  box.append(list);
  return box;
}

async function tryRule() {
  const result = document.getElementById('wb-result');
  const topic = document.getElementById('wb-topic').value;
  const query = document.getElementById('wb-query').value;
  result.replaceChildren(el('p', { class: 'meta', text: 'replaying…' }));
  try {
    const response = await fetch('/api/backtest?topic=' + encodeURIComponent(topic) + '&query=' + encodeURIComponent(query),
                                 { cache: 'no-store' });
    const answer = await response.json();
    if (!response.ok) { result.replaceChildren(el('p', { class: 'lost', text: answer.error })); return; }
    result.replaceChildren(el('p', { class: 'meta', text: answer.stories + ' archived stories; ' + answer.kept + ' still matched' }),
                           changeList('Gained', answer.gained, 'gained'), changeList('Lost', answer.lost, 'lost'));
    document.getElementById('wb-yaml').textContent = answer.yaml;
  } catch (e) {
    result.replaceChildren(el('p', { class: 'lost', text: 'failed: ' + e.message }));
  }
}

async function setUpWorkbench() {
  try {
    const answer = await (await fetch('/api/topics', { cache: 'no-store' })).json();
    if (!answer.workbench) return;
    workbench.topics = answer.topics;
    const select = document.getElementById('wb-topic');
    for (const t of answer.topics) select.append(el('option', { value: t.id, text: t.name || t.id }));
    const fill = () => {
      const t = workbench.topics.find(x => x.id === select.value);
      document.getElementById('wb-query').value = t ? t.query : '';
    };
    select.addEventListener('change', fill);
    fill();
    document.getElementById('wb-try').addEventListener('click', tryRule);
    document.getElementById('wb-copy').addEventListener('click', () => {
      const yaml = document.getElementById('wb-yaml').textContent;
      if (navigator.clipboard && yaml) navigator.clipboard.writeText(yaml).catch(() => {});
    });
    document.getElementById('workbench-section').hidden = false;
  } catch (e) { /* no workbench */ }
}

document.getElementById('leader').addEventListener('change', render);
document.getElementById('new-only').addEventListener('change', render);
refresh();
setUpWorkbench();
)desk";
}

}  // namespace newsmon::desk
