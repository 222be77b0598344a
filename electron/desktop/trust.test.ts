import { describe, expect, it } from 'vitest';
import { allowPermission, isAppPage } from './trust.js';

const PAGE = 'file:///opt/Switchboard/resources/app.asar/dist/renderer/index.html';

describe('isAppPage', () => {
  it('accepts our page in any view', () => {
    expect(isAppPage(PAGE, PAGE)).toBe(true);
    expect(isAppPage(`${PAGE}?view=incoming&callID=c7`, PAGE)).toBe(true);
    expect(isAppPage(`${PAGE}#/settings`, PAGE)).toBe(true);
  });

  it('refuses any other file, including one reached through ..', () => {
    expect(isAppPage('file:///opt/Switchboard/resources/app.asar/dist/renderer/other.html', PAGE)).toBe(false);
    expect(isAppPage('file:///tmp/index.html', PAGE)).toBe(false);
    expect(isAppPage('file:///opt/Switchboard/resources/app.asar/dist/renderer/x/../../evil/index.html', PAGE)).toBe(false);
  });

  it('refuses the same path from another scheme or host, and junk', () => {
    expect(isAppPage('http://127.0.0.1/opt/Switchboard/resources/app.asar/dist/renderer/index.html', PAGE)).toBe(false);
    expect(isAppPage('file://evil-host/opt/Switchboard/resources/app.asar/dist/renderer/index.html', PAGE)).toBe(false);
    expect(isAppPage('about:blank', PAGE)).toBe(false);
    expect(isAppPage('not a url', PAGE)).toBe(false);
  });
});

describe('allowPermission', () => {
  const ours = { requestingUrl: PAGE, mediaTypes: ['audio'] };

  it('gives our page the microphone', () => {
    expect(allowPermission('media', ours, PAGE)).toBe(true);
  });

  it('refuses the camera, alone or with the microphone', () => {
    expect(allowPermission('media', { ...ours, mediaTypes: ['video'] }, PAGE)).toBe(false);
    expect(allowPermission('media', { ...ours, mediaTypes: ['audio', 'video'] }, PAGE)).toBe(false);
    expect(allowPermission('media', { ...ours, mediaTypes: ['unknown'] }, PAGE)).toBe(false);
    expect(allowPermission('media', { ...ours, mediaTypes: [] }, PAGE)).toBe(false);
  });

  it('refuses every other permission, even to our page', () => {
    for (const permission of ['notifications', 'display-capture', 'geolocation', 'clipboard-read', 'openExternal', 'unknown']) {
      expect(allowPermission(permission, ours, PAGE)).toBe(false);
    }
  });

  it('refuses the microphone to any other page, or when no page asks', () => {
    expect(allowPermission('media', { ...ours, requestingUrl: 'https://example.com/' }, PAGE)).toBe(false);
    expect(allowPermission('media', { mediaTypes: ['audio'] }, PAGE)).toBe(false);
  });
});
