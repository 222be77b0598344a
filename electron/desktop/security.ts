/**
 * Rules for every page Electron creates, set once for the whole app rather than per window: our
 * pages come from app://switchboard/ only, nothing navigates away from them or opens a window,
 * attaches a <webview> or downloads, and no permission is given beyond the microphone.
 */
import { app, protocol, session } from 'electron';
import { APP_SCHEME, createAppHandler, type AppPolicy } from './appProtocol.js';
import type { Log } from './log.js';
import { allowPermission } from './trust.js';

/** Before the app is ready, or the scheme is not a standard, secure origin. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    // standard: relative URLs and 'self' work as on https; secure: getUserMedia (the microphone)
    // needs a secure context. Nothing else: no fetch from other origins, no service workers.
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true } },
  ]);
}

export function hardenWebContents(log: Log): void {
  app.on('web-contents-created', (_event, contents) => {
    contents.setWindowOpenHandler(({ url }) => {
      log(`refused to open a window for ${url}`);
      return { action: 'deny' };
    });
    contents.on('will-navigate', (event) => {
      event.preventDefault();
      log(`refused to navigate to ${event.url}`);
    });
    contents.on('will-attach-webview', (event) => {
      event.preventDefault();
      log('refused to attach a <webview>');
    });
  });
}

/** Call once the app is ready: the default session exists only then. */
export function secureSession(rendererDir: string, appPage: string, log: Log, policy: AppPolicy): void {
  const ses = session.defaultSession;
  ses.protocol.handle(APP_SCHEME, createAppHandler(rendererDir, policy));
  ses.setPermissionRequestHandler((_contents, permission, callback, details) => {
    const mediaTypes = 'mediaTypes' in details ? (details.mediaTypes ?? []) : [];
    const allowed = allowPermission(permission, { requestingUrl: details.requestingUrl, mediaTypes }, appPage);
    if (!allowed) log(`refused permission "${permission}" (${mediaTypes.join(', ') || 'no media'}) to ${details.requestingUrl}`);
    callback(allowed);
  });
  // Checks (navigator.permissions.query, device labels) must agree with requests, or a page is
  // told it may use what it will then be refused.
  ses.setPermissionCheckHandler((_contents, permission, _origin, details) =>
    allowPermission(permission, { requestingUrl: details.requestingUrl, mediaTypes: details.mediaType ? [details.mediaType] : [] }, appPage),
  );
  // USB, HID and serial devices: a softphone needs none.
  ses.setDevicePermissionHandler(() => false);
  ses.on('will-download', (event, item) => {
    event.preventDefault();
    log(`refused to download ${item.getURL()}`);
  });
}
