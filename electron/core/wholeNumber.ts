/**
 * Parses a whole number from a command-line flag or an environment variable, named in the error
 * when the text is not one or is out of `min..max`; other range checks are left to the part that
 * owns the value.
 */
export function wholeNumber(flag: string, text: string | undefined, min = -Infinity, max = Infinity): number | undefined {
  if (text === undefined) return undefined;
  const value = Number(text);
  if (!/^-?\d+$/.test(text.trim()) || !Number.isSafeInteger(value)) throw new Error(`${flag} must be a whole number, not "${text}"`);
  if (value < min || value > max) throw new Error(`${flag} must be ${range(min, max)}, not ${value}`);
  return value;
}

function range(min: number, max: number): string {
  if (max === Infinity) return `at least ${min}`;
  if (min === -Infinity) return `at most ${max}`;
  return `from ${min} to ${max}`;
}
