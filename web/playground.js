// The playground: the ServiceSpec on the left is rendered by servicespec
// itself (servicespec.wasm, the same code as the binary) as the user
// types; the manifests go on the right, every error and warning above
// them with its field path. No server is asked anything: once loaded, the
// page works offline.
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

const spec = document.getElementById('spec');
const output = document.getElementById('output');
const messages = document.getElementById('messages');
const status = document.getElementById('status');
const picker = document.getElementById('example');

// render runs servicespec render - over the editor's text.
function render() {
  const res = JSON.parse(servicespecRender(spec.value));
  output.textContent = res.output;
  messages.replaceChildren();
  for (const line of res.messages.split('\n')) {
    if (!line.trim()) continue;
    const li = document.createElement('li');
    li.textContent = line;
    li.className = line.startsWith('error') ? 'error' : line.startsWith('warning') ? 'warning' : '';
    messages.append(li);
  }
  status.textContent = res.exitCode === 0 ? 'rendered' : 'the spec has errors: nothing is rendered';
  status.dataset.exitCode = res.exitCode;
}

// The spec travels in the link's fragment, so that a link shows it.
function fromLink() {
  const m = location.hash.match(/^#spec=(.*)$/);
  if (!m) return null;
  try { return decodeURIComponent(escape(atob(m[1]))); } catch (e) { return null; }
}

function linkTo(text) {
  return location.href.split('#')[0] + '#spec=' + btoa(unescape(encodeURIComponent(text)));
}

async function loadExample(i) {
  const resp = await fetch(EXAMPLES[i][1]);
  spec.value = await resp.text();
  render();
}

async function main() {
  for (const [i, [title]] of EXAMPLES.entries()) {
    picker.add(new Option(title, i));
  }
  const go = new Go();
  const bytes = await (await fetch('servicespec.wasm')).arrayBuffer();
  const { instance } = await WebAssembly.instantiate(bytes, go.importObject);
  go.run(instance);
  let timer;
  spec.addEventListener('input', () => { clearTimeout(timer); timer = setTimeout(render, 150); });
  picker.addEventListener('change', () => loadExample(picker.value));
  document.getElementById('share').addEventListener('click', async () => {
    history.replaceState(null, '', linkTo(spec.value));
    try { await navigator.clipboard.writeText(location.href); status.textContent = 'link copied'; } catch (e) { status.textContent = 'link in the address bar'; }
  });
  const shared = fromLink();
  if (shared !== null) {
    spec.value = shared;
    render();
  } else {
    await loadExample(0);
  }
}

main().catch((e) => { status.textContent = 'could not start: ' + e; });
