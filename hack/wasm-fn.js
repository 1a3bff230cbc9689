// Runs servicespec.wasm as kpt's nodejs WebAssembly runtime does: Go's
// own wasm_exec.js (argv[2]), the module (argv[3]), the ResourceList on
// stdin; prints processResourceList's output, or the errors when it is
// no ResourceList.
//
//   node hack/wasm-fn.js "$(go env GOROOT)/lib/wasm/wasm_exec.js" servicespec.wasm < list.yaml
const fs = require('fs');
require(process.argv[2]);
const go = new Go();
const input = fs.readFileSync(0, 'utf-8');
WebAssembly.instantiate(fs.readFileSync(process.argv[3]), go.importObject).then(({ instance }) => {
  go.run(instance);
  const out = processResourceList(input);
  if (out.includes('kind: ResourceList')) {
    process.stdout.write(out);
  } else {
    process.stderr.write(processResourceListErrors(input));
    process.exitCode = 1;
  }
});
