/** Logs go to stderr with the name of the part that wrote them, as in browser mode. */
export type Log = (line: string) => void;

export function createLogger(scope: string): Log {
  return (line) => console.error(`[${scope}] ${line}`);
}

export function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
