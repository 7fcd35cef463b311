// Copies the front-end packages installed by npm into Django's static build folder.
// Nothing is fetched at run time: the pages load these files from the server itself.
import { cpSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const out = join(root, "enkelt", "core", "static_build", "vendor");
const nm = join(root, "node_modules");

const copies = [
  ["dkfds/dist/css", "dkfds/css"],
  ["dkfds/dist/js", "dkfds/js"],
  ["dkfds/dist/fonts", "dkfds/fonts"],
  ["dkfds/dist/img", "dkfds/img"],
  ["htmx.org/dist/htmx.min.js", "htmx/htmx.min.js"],
  ["leaflet/dist", "leaflet"],
  ["axe-core/axe.min.js", "axe-core/axe.min.js"],
];

rmSync(out, { recursive: true, force: true });
for (const [from, to] of copies) {
  const target = join(out, to);
  mkdirSync(dirname(target), { recursive: true });
  cpSync(join(nm, from), target, { recursive: true });
}
writeFileSync(join(out, "..", ".built"), new Date().toISOString() + "\n");
console.log(`front-end assets copied to ${out}`);
