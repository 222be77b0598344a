/**
 * Reads the "Call user" box: names separated by commas and/or spaces ("bob, carol dave"), each
 * once, in the order typed. Whether a name is valid is the core's to say.
 */
export function readCallees(text: string): string[] {
  return [...new Set(text.split(/[\s,]+/).filter((name) => name !== ''))];
}
