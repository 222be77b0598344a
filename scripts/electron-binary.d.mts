/** Types for electron-binary.mjs, which plain `node` runs before anything is compiled. */
export declare const OVERRIDE_ENV: 'ELECTRON_OVERRIDE_DIST_PATH';

export interface ElectronProbe {
  /** node_modules/electron */
  electronDir: string;
  env: Record<string, string | undefined>;
  platform: string;
  /** The file's text, or undefined when it does not exist. */
  readFile(path: string): string | undefined;
  exists(path: string): boolean;
}

export type ElectronLocation = { ok: true; path: string } | { ok: false; reason: string };

export declare function locateElectron(probe: ElectronProbe): ElectronLocation;
export declare function mayDownload(env: Record<string, string | undefined>): boolean;
export declare function appArguments(argv: readonly string[]): string[];
export declare function unavailableMessage(reason: string): string;
