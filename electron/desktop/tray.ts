/**
 * The tray icon, its tooltip and its menu, rendered from shared/desktop/tray.ts's model. Only
 * what changed since the last state is applied, since every AppState (a new connection status,
 * a countdown) would otherwise rebuild the native menu.
 */
import { app, Menu, nativeImage, Tray, type MenuItemConstructorOptions, type NativeImage } from 'electron';
import { join } from 'node:path';
import { trayView, type TrayAction, type TrayIcon, type TrayItem, type TrayState } from '../../shared/desktop/tray.js';
import type { Log } from './log.js';
import { ICONS_DIR } from './paths.js';

export class AppTray {
  readonly #tray: Tray;
  readonly #act: (action: TrayAction) => void;
  readonly #images = new Map<TrayIcon, NativeImage>();
  readonly #log: Log;
  #icon: TrayIcon | null = null;
  #tooltip = '';
  #menu = '';
  /** The count on the app's icon; null where the desktop has none. */
  #badge: number | null = 0;

  constructor(act: (action: TrayAction) => void, log: Log) {
    this.#act = act;
    this.#log = log;
    this.#tray = new Tray(this.#image('idle'));
    // On macOS a click opens the menu; elsewhere the menu is on the right button and a click shows the app.
    if (process.platform !== 'darwin') this.#tray.on('click', () => act({ type: 'show' }));
  }

  update(state: TrayState): void {
    const view = trayView(state);
    if (view.icon !== this.#icon) {
      this.#icon = view.icon;
      this.#tray.setImage(this.#image(view.icon));
    }
    if (view.tooltip !== this.#tooltip) {
      this.#tooltip = view.tooltip;
      this.#tray.setToolTip(view.tooltip);
    }
    // macOS's dock and Linux launchers that take a count (Unity's); elsewhere it says false, once.
    if (view.badge !== this.#badge && this.#badge !== null) {
      this.#badge = view.badge;
      if (!app.setBadgeCount(view.badge)) {
        this.#badge = null;
        this.#log(`this desktop shows no count on the app's icon (${process.platform}); the tray's tooltip has it`);
      }
    }
    const menu = JSON.stringify(view.items);
    if (menu === this.#menu) return;
    this.#menu = menu;
    this.#tray.setContextMenu(Menu.buildFromTemplate(view.items.map((item) => this.#menuItem(item))));
  }

  dispose(): void {
    this.#tray.destroy();
  }

  #menuItem(item: TrayItem): MenuItemConstructorOptions {
    switch (item.kind) {
      case 'label':
        return { label: item.label, enabled: false };
      case 'separator':
        return { type: 'separator' };
      case 'action':
        return { label: item.label, click: () => this.#act(item.action) };
      case 'checkbox':
        return { type: 'checkbox', label: item.label, checked: item.checked, click: () => this.#act(item.action) };
    }
  }

  #image(icon: TrayIcon): NativeImage {
    let image = this.#images.get(icon);
    if (!image) {
      // tray-<icon>@2x.png next to it is picked up on high-DPI displays.
      const path = join(ICONS_DIR, `tray-${icon}.png`);
      image = nativeImage.createFromPath(path);
      if (image.isEmpty()) this.#log(`the tray icon ${path} is missing; run npm run build:desktop`);
      this.#images.set(icon, image);
    }
    return image;
  }
}
