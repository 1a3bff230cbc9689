// The playground: the ServiceSpec on the left is rendered by servicespec
// itself (servicespec.wasm, the same code as the binary) as the user
// types; the manifests go on the right, every error and warning above
// them, and its line is marked in the editor. The Import tab runs
// servicespec import the same way. No server is asked anything but for the
// page's own files: once loaded, the page works offline.
'use strict';

// The examples make wasm copies next to the page, by title.
const EXAMPLES = [
  ['Stateless service', 'examples/stateless.yaml'],
  ['Stateful service', 'examples/stateful.yaml'],
  ['External service', 'examples/external.yaml'],
  ['Service over a workload', 'examples/workload.yaml'],
  ['Multi-cluster project', 'examples/multicluster.yaml'],
  ['Canary release', 'examples/canary.yaml'],
];
const CUSTOM = 'custom';

const $ = (id) => document.getElementById(id);
const spec = $('spec');
const gutter = $('gutter');
const output = $('output');
const messages = $('messages');
const status = $('status');
const picker = $('example');
const cluster = $('cluster');

function setStatus(text, state) {
  status.textContent = text;
  status.dataset.state = state || '';
}

// showMessages lists stderr's lines; a line "<severity>: <file>:<n>: ..."
// names line n of the editor, which the gutter marks.
function showMessages(list, text) {
  const marks = new Map();
  list.replaceChildren();
  for (const line of text.split('\n')) {
    if (!line.trim()) continue;
    const li = document.createElement('li');
    li.textContent = line;
    const severity = line.startsWith('error') ? 'error' : line.startsWith('warning') ? 'warning' : '';
    li.className = severity;
    const m = line.match(/^(?:error|warning): <stdin>:(\d+): /);
    if (m) {
      const n = Number(m[1]);
      li.dataset.line = n;
      li.addEventListener('click', () => selectLine(n));
      if (marks.get(n) !== 'error') marks.set(n, severity);
    }
    list.append(li);
  }
  return marks;
}

// drawGutter numbers the editor's lines and marks those with results.
function drawGutter(marks) {
  const count = spec.value.split('\n').length;
  const lines = [];
  for (let i = 1; i <= count; i++) {
    const s = document.createElement('span');
    s.textContent = i;
    if (marks.has(i)) s.className = marks.get(i);
    lines.push(s);
  }
  gutter.replaceChildren(...lines);
  gutter.scrollTop = spec.scrollTop;
}

function selectLine(n) {
  const lines = spec.value.split('\n');
  const start = lines.slice(0, n - 1).reduce((a, l) => a + l.length + 1, 0);
  spec.focus();
  spec.setSelectionRange(start, start + (lines[n - 1] || '').length);
  spec.scrollTop = Math.max(0, (n - 3) * parseFloat(getComputedStyle(spec).lineHeight));
}

// updateClusters offers the member clusters the specs place services in:
// the federated objects (what the host cluster receives) or one cluster's.
function updateClusters() {
  const clusters = JSON.parse(servicespecClusters(spec.value));
  const was = cluster.value;
  cluster.replaceChildren(new Option('the host cluster (federated objects)', ''));
  for (const c of clusters) cluster.add(new Option('member cluster ' + c, c));
  cluster.value = clusters.includes(was) ? was : '';
  $('cluster-choice').hidden = clusters.length === 0;
}

// render runs servicespec render [--cluster] - over the editor's text.
function render() {
  if (!spec.value.trim()) {
    output.textContent = '';
    sources = [];
    showSource(null);
    messages.replaceChildren();
    drawGutter(new Map());
    $('cluster-choice').hidden = true;
    setStatus('nothing to render: write or paste a ServiceSpec, or pick an example', 'empty');
    status.dataset.exitCode = '';
    return;
  }
  updateClusters();
  const res = JSON.parse(servicespecRender(spec.value, cluster.value));
  output.textContent = res.output;
  sources = res.sources || [];
  showSource(null);
  drawGutter(showMessages(messages, res.messages));
  status.dataset.exitCode = res.exitCode;
  performance.mark('rendered');
  if (res.exitCode === 0) {
    setStatus(cluster.value ? 'rendered for member cluster ' + cluster.value : 'rendered', 'ok');
  } else {
    setStatus('the spec has errors (marked in the editor): nothing is rendered', 'error');
  }
}

// sources are, for each line of the output, where it comes from (as
// servicespec render --explain says it).
let sources = [];

// showSource says where output line i (from 0) comes from, and selects the
// line of the spec it names; null shows how to ask.
function showSource(i) {
  const el = $('source');
  if (i === null) {
    el.textContent = sources.length ? 'Click a line of the output to see where it comes from.' : '';
    delete el.dataset.line;
    return;
  }
  const src = sources[i] || '';
  const lineText = output.textContent.split('\n')[i] || '';
  el.dataset.line = String(i + 1);
  if (!src) {
    el.textContent = 'line ' + (i + 1) + ': not written by servicespec (passed through as it is), or structure only';
    return;
  }
  el.textContent = 'line ' + (i + 1) + ' (' + lineText.trim() + '): ' + src;
  const m = src.match(/<stdin>:(\d+)$/);
  if (m) selectLine(Number(m[1]));
}

// outputLineAt is the line (from 0) of the output a click landed on.
function outputLineAt() {
  const sel = window.getSelection();
  if (!sel.rangeCount || !output.contains(sel.anchorNode)) return null;
  const r = document.createRange();
  r.setStart(output, 0);
  r.setEnd(sel.anchorNode, sel.anchorOffset);
  return r.toString().split('\n').length - 1;
}

function runImport() {
  const live = $('live');
  const res = JSON.parse(servicespecImport(live.value));
  $('imported').textContent = res.output;
  showMessages($('import-messages'), res.messages);
  $('import-view').dataset.exitCode = res.exitCode;
}

// The spec travels in the link's fragment, so that a link shows it.
function fromLink() {
  const m = location.hash.match(/^#spec=(.*)$/);
  if (!m) return { none: true };
  try {
    return { text: decodeURIComponent(escape(atob(decodeURIComponent(m[1])))) };
  } catch (e) {
    return { broken: true };
  }
}

function linkTo(text) {
  return location.href.split('#')[0] + '#spec=' + btoa(unescape(encodeURIComponent(text)));
}

// openLink shows the linked spec; a link that does not decode leaves the
// editor as it was and says so.
function openLink() {
  const link = fromLink();
  if (link.none) return false;
  if (link.broken) {
    setStatus('this link does not hold a spec that can be read (was it cut short?): the editor is unchanged', 'error');
    return true;
  }
  spec.value = link.text;
  picker.value = CUSTOM;
  render();
  return true;
}

async function loadExample(i) {
  const resp = await fetch(EXAMPLES[i][1]);
  spec.value = await resp.text();
  picker.value = String(i);
  render();
}

// instantiateModule fetches servicespec.wasm.gz, showing its progress, and
// decompresses and compiles it while it arrives, so that any static file
// server serves it small and nothing waits for the whole download.
async function instantiateModule(importObject) {
  const progress = $('progress');
  const resp = await fetch('servicespec.wasm.gz');
  if (!resp.ok || typeof DecompressionStream === 'undefined') {
    const plain = await fetch('servicespec.wasm');
    return WebAssembly.instantiate(await plain.arrayBuffer(), importObject);
  }
  const total = Number(resp.headers.get('Content-Length')) || 0;
  let loaded = 0;
  const counted = resp.body.pipeThrough(new TransformStream({
    transform(chunk, ctl) {
      loaded += chunk.byteLength;
      if (total) {
        progress.value = loaded / total;
        setStatus('loading servicespec: ' + (loaded / 1e6).toFixed(1) + ' of ' + (total / 1e6).toFixed(1) + ' MB');
      }
      ctl.enqueue(chunk);
    },
  }));
  const wasm = new Response(counted.pipeThrough(new DecompressionStream('gzip')), { headers: { 'Content-Type': 'application/wasm' } });
  const result = await WebAssembly.instantiateStreaming(wasm, importObject);
  progress.hidden = true;
  return result;
}

function showTab(name) {
  for (const t of ['render', 'import']) {
    $('tab-' + t).setAttribute('aria-selected', String(t === name));
    $(t + '-view').hidden = t !== name;
  }
  picker.parentElement.hidden = name !== 'render';
  if (name === 'import' && !$('live').dataset.loaded) {
    $('live').dataset.loaded = 'yes';
    fetch('examples/import.yaml').then((r) => r.text()).then((t) => { $('live').value = t; runImport(); });
  }
}

async function main() {
  for (const [i, [title]] of EXAMPLES.entries()) picker.add(new Option(title, i));
  picker.add(new Option('custom (your own or a link)', CUSTOM));
  const go = new Go();
  const { instance } = await instantiateModule(go.importObject);
  performance.mark('module-compiled');
  go.run(instance);
  performance.mark('go-started');
  $('version').textContent = servicespecVersion();
  let timer;
  spec.addEventListener('input', () => {
    picker.value = CUSTOM;
    clearTimeout(timer);
    timer = setTimeout(render, 150);
  });
  spec.addEventListener('scroll', () => { gutter.scrollTop = spec.scrollTop; });
  cluster.addEventListener('change', render);
  output.addEventListener('click', () => { const i = outputLineAt(); if (i !== null) showSource(i); });
  picker.addEventListener('change', () => { if (picker.value !== CUSTOM) loadExample(Number(picker.value)); });
  let importTimer;
  $('live').addEventListener('input', () => { clearTimeout(importTimer); importTimer = setTimeout(runImport, 150); });
  $('tab-render').addEventListener('click', () => showTab('render'));
  $('tab-import').addEventListener('click', () => showTab('import'));
  window.addEventListener('hashchange', () => { showTab('render'); openLink(); });
  $('share').addEventListener('click', async () => {
    history.replaceState(null, '', linkTo(spec.value));
    try { await navigator.clipboard.writeText(location.href); setStatus('link copied'); } catch (e) { setStatus('the link is in the address bar'); }
  });
  const link = fromLink();
  if (link.none || link.broken) await loadExample(0);
  if (!link.none) openLink();
}

main().catch((e) => { setStatus('could not start: ' + e, 'error'); });
