/** Percentiles, formatting, and the summary block every figure ends up in. */

/** Nearest-rank percentile of already sorted values. */
export function percentile(sorted: ArrayLike<number>, p: number): number {
  if (sorted.length === 0) return NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))]!;
}

export function sortedCopy(values: ArrayLike<number>, count = values.length): Float64Array {
  return Float64Array.from({ length: count }, (_, i) => values[i]!).sort();
}

export function round(value: number, digits = 0): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}

export interface Figure {
  name: string;
  value: number | string;
  unit: string;
  /** How the figure compares with its target, when it has one. */
  target?: { text: string; met: boolean };
}

export class Summary {
  readonly figures: Figure[] = [];
  readonly notes: string[] = [];
  readonly failures: string[] = [];

  add(name: string, value: number | string, unit: string, target?: Figure['target']): void {
    this.figures.push({ name, value, unit, target });
    const mark = target ? `   [target ${target.text}: ${target.met ? 'met' : 'MISSED'}]` : '';
    console.log(`  ${name}: ${value} ${unit}${mark}`);
  }

  note(text: string): void {
    this.notes.push(text);
    console.log(`  note: ${text}`);
  }

  fail(scenario: string, error: unknown): void {
    const text = `${scenario}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`;
    this.failures.push(text);
    console.error(`  FAILED ${text}`);
  }

  /** One `name: value unit` line per figure, nothing else. */
  render(): string {
    return this.figures.map(({ name, value, unit }) => `${name}: ${value} ${unit}`).join('\n');
  }

  /** The figures that have a target, and whether they met it. */
  renderTargets(): string {
    return this.figures
      .filter((figure) => figure.target)
      .map(({ name, value, unit, target }) => `${target!.met ? 'met   ' : 'MISSED'} ${name}: ${value} ${unit} (target ${target!.text})`)
      .join('\n');
  }
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Waits until `check` is true, polling every `everyMs`; throws after `timeoutMs`. */
export async function waitFor(what: string, check: () => boolean | Promise<boolean>, timeoutMs = 10_000, everyMs = 10): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  while (!(await check())) {
    if (performance.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(everyMs);
  }
}
