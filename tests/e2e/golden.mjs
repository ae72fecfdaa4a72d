// The ground truth rows (crates/model/tests/data/, copied from shared/golden/), and the widget URL
// that describes each row's configuration.
import { readFileSync } from 'node:fs';

const DATA = new URL('../../crates/model/tests/data/', import.meta.url);

/** Every row of keras.jsonl or pytorch.jsonl. */
export function rows(file) {
  return readFileSync(new URL(file, DATA), 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l));
}

/** The row with this id, from either file. */
export function row(id) {
  const found = [...rows('keras.jsonl'), ...rows('pytorch.jsonl')].find((r) => r.config.id === id);
  if (!found) throw new Error(`no golden row ${id}`);
  return found;
}

/** The widget query for a row's configuration. */
export function queryOf(r) {
  const c = r.config;
  const q = new URLSearchParams({
    framework: r.framework,
    cell: c.cell,
    input: c.input_size,
    units: c.hidden_size,
    bidir: c.bidirectional ? 1 : 0,
    bias: c.bias ? 1 : 0,
    layers: c.num_layers,
  });
  if (c.reset_after !== null && c.reset_after !== undefined) q.set('reset_after', c.reset_after ? 1 : 0);
  if (c.merge_mode) q.set('merge', c.merge_mode);
  if (c.proj_size) q.set('proj', c.proj_size);
  return '?' + q.toString();
}
