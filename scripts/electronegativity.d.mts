/** Types for electronegativity.mjs, which plain `node` runs. */
export interface Finding {
  id: string;
  severity: 'HIGH' | 'MEDIUM' | 'LOW' | 'INFORMATIONAL';
  confidence: 'CERTAIN' | 'FIRM' | 'TENTATIVE';
  file: string;
  line: number;
  column: number;
  description: string;
}

export interface ScanError {
  file: string;
  message: string;
  /** electronegativity's own word: a warning while parsing, not a file left unread. */
  tolerable: boolean;
}

export interface ScanResult {
  issues: Finding[];
  errors: ScanError[];
}

export declare const FAILING_SEVERITIES: readonly string[];
export declare const EXCLUDED_CHECKS: readonly string[];
export declare function electronVersion(): string;
export declare function scan(input: string): Promise<ScanResult>;
export declare function judge(result: ScanResult): { failures: string[]; notes: string[] };
