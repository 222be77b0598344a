/**
 * Rules for every page Electron creates, set once for the whole app rather than per window:
 * no navigation away from our page, no new windows, no permissions beyond the microphone.
 */
import { app, session } from 'electron';
import type { Log } from './log.js';
import { allowPermission } from './trust.js';

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
  });
}

/** Call once the app is ready: the default session exists only then. */
export function restrictPermissions(appPage: string, log: Log): void {
  const ses = session.defaultSession;
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
}
