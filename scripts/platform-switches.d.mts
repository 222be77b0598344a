/** Types for platform-switches.mjs, which plain `node` runs before anything is compiled. */
export interface PlatformProbe {
  platform: string;
  env: Record<string, string | undefined>;
  /** The flags given to `npm start`: a switch given there is never added or overridden. */
  args: readonly string[];
  uid: number | undefined;
  /** `unshare -Ur true` succeeded: Chromium's namespace sandbox can run. */
  userNamespaces(): boolean;
  /** chrome-sandbox next to the Electron executable is owned by root and setuid. */
  setuidHelper(): boolean;
  helperPath: string;
}

export declare function platformSwitches(probe: PlatformProbe): { switches: string[]; warnings: string[] };
export declare function machineProbe(electronPath: string, args: readonly string[]): PlatformProbe;
export declare function isSetuidRoot(path: string): boolean;
