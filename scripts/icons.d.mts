/** Types for icons.mjs, which plain `node` runs as part of the build. */
export interface RgbaImage {
  width: number;
  height: number;
  /** Straight (not premultiplied) RGBA, row by row from the top. */
  data: Uint8Array;
}

export declare const TRAY_ICONS: readonly ['idle', 'ringing', 'in-call', 'dnd'];
export declare function drawTrayIcon(icon: string, size: number): RgbaImage;
export declare function drawAppIcon(size: number): RgbaImage;
export declare function encodePng(image: RgbaImage): Buffer;
export declare function writeIcons(dir: string): Promise<string[]>;
