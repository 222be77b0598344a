/**
 * Compares two V8 .heapsnapshot files of the same page (`--profile` writes them for the footprint
 * scenario: after the warm-up and after the cycles): what grew, by kind and by constructor, counted
 * apart for the JS heap (what JSHeapUsedSize measures) and Blink's own objects (DOM, layout), and
 * which functions the newly compiled code belongs to — so that code V8 is still optimising can be
 * told from state the page keeps.
 *
 *   npx tsx bench/heapsnapshot.ts BEFORE.heapsnapshot AFTER.heapsnapshot [TOP]
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

interface RawSnapshot {
  snapshot: { meta: { node_fields: string[]; node_types: [string[]]; edge_fields: string[]; edge_types: [string[]] } };
  nodes: number[];
  edges: number[];
  strings: string[];
}

/** One snapshot, read field by field from its flat arrays. */
class Snapshot {
  readonly count: number;
  readonly #raw: RawSnapshot;
  readonly #stride: number;
  readonly #field: Record<'type' | 'name' | 'id' | 'self_size' | 'edge_count', number>;

  constructor(file: string) {
    this.#raw = JSON.parse(readFileSync(file, 'utf8')) as RawSnapshot;
    const fields = this.#raw.snapshot.meta.node_fields;
    this.#stride = fields.length;
    const at = (name: string): number => {
      const index = fields.indexOf(name);
      if (index < 0) throw new Error(`${file}: a heap snapshot without the node field "${name}"`);
      return index;
    };
    this.#field = { type: at('type'), name: at('name'), id: at('id'), self_size: at('self_size'), edge_count: at('edge_count') };
    this.count = this.#raw.nodes.length / this.#stride;
  }

  type(node: number): string {
    return this.#raw.snapshot.meta.node_types[0][this.#raw.nodes[node * this.#stride + this.#field.type]!]!;
  }

  name(node: number): string {
    return this.#raw.strings[this.#raw.nodes[node * this.#stride + this.#field.name]!]!;
  }

  /** Stable across the snapshots of one page: an id in both is the same object. */
  id(node: number): number {
    return this.#raw.nodes[node * this.#stride + this.#field.id]!;
  }

  size(node: number): number {
    return this.#raw.nodes[node * this.#stride + this.#field.self_size]!;
  }

  /** For each node, the nodes that hold it by a strong reference. */
  retainers(): number[][] {
    const { edge_fields: edgeFields, edge_types: edgeTypes } = this.#raw.snapshot.meta;
    const typeAt = edgeFields.indexOf('type');
    const toAt = edgeFields.indexOf('to_node');
    const held: number[][] = Array.from({ length: this.count }, () => []);
    let edge = 0;
    for (let node = 0; node < this.count; node++) {
      const edges = this.#raw.nodes[node * this.#stride + this.#field.edge_count]!;
      for (let n = 0; n < edges; n++, edge += edgeFields.length) {
        if (edgeTypes[0][this.#raw.edges[edge + typeAt]!] === 'weak') continue;
        held[this.#raw.edges[edge + toAt]! / this.#stride]!.push(node);
      }
    }
    return held;
  }
}

/**
 * Blink's objects (DOM nodes, layout, styles) are in the snapshot as "native" but not in
 * JSHeapUsedSize; so are the characters of external strings. V8's own internal objects are
 * "native" too, named "system / …", and are on the JS heap.
 */
function onJsHeap(type: string, name: string): boolean {
  return type !== 'native' || (name.startsWith('system / ') && name !== 'system / ExternalStringData');
}

/** A group's label: strings are told apart by kind only (their text is the data, not the kind). */
function label(snapshot: Snapshot, node: number): string {
  const type = snapshot.type(node);
  if (type.includes('string') || type === 'number') return type;
  return `${type} | ${snapshot.name(node).slice(0, 70)}`;
}

interface Tally {
  count: number;
  bytes: number;
}

function tally(snapshot: Snapshot, keyOf: (node: number) => string): Map<string, Tally> {
  const groups = new Map<string, Tally>();
  for (let node = 0; node < snapshot.count; node++) {
    const key = keyOf(node);
    const group = groups.get(key) ?? { count: 0, bytes: 0 };
    group.count += 1;
    group.bytes += snapshot.size(node);
    groups.set(key, group);
  }
  return groups;
}

/** The named function that holds a piece of compiled code, a few references up; null if none is near. */
function ownerOf(snapshot: Snapshot, retainers: number[][], node: number): string | null {
  const seen = new Set([node]);
  let frontier = [node];
  for (let depth = 0; depth < 6 && frontier.length > 0; depth++) {
    const next: number[] = [];
    for (const held of frontier) {
      for (const holder of retainers[held]!) {
        if (seen.has(holder)) continue;
        seen.add(holder);
        const type = snapshot.type(holder);
        const name = snapshot.name(holder);
        if (name !== '' && (type === 'closure' || (type === 'code' && !name.startsWith('system')))) return name;
        next.push(holder);
      }
    }
    frontier = next;
  }
  return null;
}

const kb = (bytes: number): string => `${(bytes / 1024).toFixed(1)} KB`;
const signed = (n: number): string => (n >= 0 ? `+${n}` : String(n));

export function compareSnapshots(beforeFile: string, afterFile: string, top = 25): string {
  const before = new Snapshot(beforeFile);
  const after = new Snapshot(afterFile);
  const lines: string[] = [];

  const heapOf = (snapshot: Snapshot): { js: number; native: number } => {
    let js = 0;
    let native = 0;
    for (let node = 0; node < snapshot.count; node++) {
      if (onJsHeap(snapshot.type(node), snapshot.name(node))) js += snapshot.size(node);
      else native += snapshot.size(node);
    }
    return { js, native };
  };
  const heapBefore = heapOf(before);
  const heapAfter = heapOf(after);
  lines.push(`JS heap (objects, code, strings): ${kb(heapBefore.js)} → ${kb(heapAfter.js)} (${kb(heapAfter.js - heapBefore.js)})`);
  lines.push(`Blink's objects (DOM, layout; not in JSHeapUsedSize): ${kb(heapBefore.native)} → ${kb(heapAfter.native)} (${kb(heapAfter.native - heapBefore.native)})`);

  /** The change per group of the JS heap's objects, largest growth first; unchanged groups left out. */
  const growth = (keyOf: (snapshot: Snapshot, node: number) => string): Array<[string, Tally]> => {
    const jsKey = (snapshot: Snapshot) => (node: number) => (onJsHeap(snapshot.type(node), snapshot.name(node)) ? keyOf(snapshot, node) : '');
    const was = tally(before, jsKey(before));
    const now = tally(after, jsKey(after));
    return [...new Set([...was.keys(), ...now.keys()])]
      .filter((key) => key !== '')
      .map((key): [string, Tally] => [key, { count: (now.get(key)?.count ?? 0) - (was.get(key)?.count ?? 0), bytes: (now.get(key)?.bytes ?? 0) - (was.get(key)?.bytes ?? 0) }])
      .filter(([, change]) => change.count !== 0 || change.bytes !== 0)
      .sort((a, b) => b[1].bytes - a[1].bytes);
  };

  lines.push('', 'JS heap growth by kind (bytes, objects):');
  for (const [key, change] of growth((snapshot, node) => snapshot.type(node))) {
    lines.push(`${kb(change.bytes).padStart(10)}  ${signed(change.count).padStart(7)}  ${key}`);
  }
  lines.push('', `JS heap growth by kind and constructor (top ${top}):`);
  for (const [key, change] of growth(label).slice(0, top)) {
    lines.push(`${kb(change.bytes).padStart(10)}  ${signed(change.count).padStart(7)}  ${key}`);
  }

  // Compiled code that exists after and did not before, by the function it was compiled for.
  const existed = new Set<number>();
  for (let node = 0; node < before.count; node++) existed.add(before.id(node));
  const retainers = after.retainers();
  const byOwner = new Map<string, Tally>();
  let newCode = 0;
  let functions = 0;
  for (let node = 0; node < after.count; node++) {
    if (existed.has(after.id(node)) || after.type(node) !== 'code' || after.name(node) !== 'system / InstructionStream') continue;
    const owner = ownerOf(after, retainers, node) ?? '(no named function near)';
    const group = byOwner.get(owner) ?? { count: 0, bytes: 0 };
    if (group.count === 0) functions += 1;
    group.count += 1;
    group.bytes += after.size(node);
    byOwner.set(owner, group);
    newCode += after.size(node);
  }
  lines.push('', `Machine code compiled in between: ${kb(newCode)} for ${functions} functions (top ${top}; minified names are the renderer's bundle):`);
  for (const [owner, group] of [...byOwner].sort((a, b) => b[1].bytes - a[1].bytes).slice(0, top)) {
    lines.push(`${kb(group.bytes).padStart(10)}  ${String(group.count).padStart(4)}×  ${owner}`);
  }
  return lines.join('\n');
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const [beforeFile, afterFile, top] = process.argv.slice(2);
  if (!beforeFile || !afterFile) {
    console.error('usage: npx tsx bench/heapsnapshot.ts BEFORE.heapsnapshot AFTER.heapsnapshot [TOP]');
    process.exit(2);
  }
  console.log(compareSnapshots(beforeFile, afterFile, top === undefined ? undefined : Number(top)));
}
