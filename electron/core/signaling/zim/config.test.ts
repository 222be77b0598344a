import { describe, expect, it } from 'vitest';
import { parseDesktopOptions } from '../../../desktop/options.js';
import { parseWebOptions } from '../../../web/options.js';
import { resolveZim } from './config.js';

describe('choosing the ZEGOCLOUD backend', () => {
  it('is the hub unless zim is asked for', () => {
    expect(resolveZim({}, {})).toBeNull();
    expect(parseWebOptions(['--user', 'bob']).zim).toBeUndefined();
  });

  it('reads the AppID and token endpoint from flags, or from the environment', () => {
    const flags = ['--user', 'bob', '--backend', 'zim', '--zim-app-id', '1234567890', '--zim-token-url', 'https://t.example/zego'];
    expect(parseWebOptions(flags).zim).toEqual({ appID: 1234567890, tokenUrl: 'https://t.example/zego' });
    const env = { SWITCHBOARD_BACKEND: 'zim', SWITCHBOARD_ZIM_APP_ID: '42', SWITCHBOARD_ZIM_TOKEN_URL: 'http://127.0.0.1:9/t' };
    expect(parseDesktopOptions([], env).zim).toEqual({ appID: 42, tokenUrl: 'http://127.0.0.1:9/t' });
    // A flag wins over the environment.
    expect(parseDesktopOptions(['--backend=hub'], env).zim).toBeUndefined();
    // So does --hub: naming a hub chooses the hub.
    expect(parseDesktopOptions(['--hub', 'ws://10.0.0.2:4780'], env)).toMatchObject({ zim: undefined, backend: 'hub', hub: 'ws://10.0.0.2:4780' });
    expect(parseWebOptions(['--user', 'bob', '--hub', 'ws://10.0.0.2:4780'], env).zim).toBeUndefined();
  });

  it('names what is missing or wrong', () => {
    expect(() => parseWebOptions(['--user', 'bob', '--backend', 'cloud', '--hub', 'ws://h:1'])).toThrow('--backend must be "hub" or "zim", not "cloud"');
    expect(() => parseWebOptions(['--user', 'bob', '--backend', 'zim', '--hub', 'ws://h:1'])).toThrow(
      '--hub names a hub and --backend zim chooses ZEGOCLOUD: give one of them',
    );
    expect(() => resolveZim({ backend: 'cloud' }, {})).toThrow('--backend must be "hub" or "zim", not "cloud"');
    expect(() => resolveZim({ backend: 'zim' }, {})).toThrow('the ZIM backend needs an AppID: give --zim-app-id or SWITCHBOARD_ZIM_APP_ID');
    expect(() => resolveZim({ backend: 'zim', appID: '12' }, {})).toThrow(/needs a token endpoint/);
    expect(() => resolveZim({ backend: 'zim', appID: 'abc', tokenUrl: 'https://t' }, {})).toThrow(
      '--zim-app-id must be a ZEGOCLOUD AppID (a whole number from 1 to 4294967295), not "abc"',
    );
    expect(() => resolveZim({}, { SWITCHBOARD_BACKEND: 'zim', SWITCHBOARD_ZIM_APP_ID: '0' })).toThrow(/^SWITCHBOARD_ZIM_APP_ID must be/);
    expect(() => resolveZim({ backend: 'zim', appID: '12', tokenUrl: 'token.example' }, {})).toThrow(/malformed token endpoint URL/);
  });
});
