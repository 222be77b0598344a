/**
 * A flag given twice with different values ("--user alice … --user bob", often one from a script
 * and one typed after it) is refused, naming the flag and both values: taking the last without a
 * word would sign in, or listen, as the user did not mean. The same value twice is harmless.
 */

/** What parseArgs (`tokens: true`) or a hand-written reader saw: each flag's name and value, in order. */
export interface FlagSeen {
  name: string;
  value?: string | boolean;
}

/** @param repeatable flags that may be given more than once (parseArgs' `multiple: true`) */
export function refuseRepeatedFlags(seen: Iterable<FlagSeen>, repeatable: readonly string[] = []): void {
  const first = new Map<string, string | boolean | undefined>();
  for (const { name, value } of seen) {
    if (repeatable.includes(name)) continue;
    if (first.has(name) && first.get(name) !== value) {
      throw new Error(`--${name} is given twice ("${String(first.get(name))}", then "${String(value)}"): give it once`);
    }
    first.set(name, value);
  }
}
