import { describe, expect, it } from 'vitest';
import type { ExpressTokenMessage } from '../../../shared/ipc/media.js';
import { handleExpressMessage, type ExpressPorts } from './expressRequests.js';

function ports(token: ExpressPorts['token']) {
  const delivered: ExpressTokenMessage[] = [];
  const left: Array<[string, string]> = [];
  const logged: string[] = [];
  const port: ExpressPorts = {
    token,
    roomLeft: (callID, userID) => left.push([callID, userID]),
    deliver: (message) => delivered.push(message),
    log: (line) => logged.push(line),
  };
  return { port, delivered, left, logged };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('the ZEGO Express messages of the media stream, in the core', () => {
  it('answers a token request with the token from the endpoint, or with why there is none', async () => {
    const ok = ports(async () => '04token');
    expect(handleExpressMessage({ expressToken: 'wanted' }, ok.port)).toBe(true);
    await settle();
    expect(ok.delivered).toEqual([{ expressToken: '04token' }]);

    const failing = ports(async () => {
      throw new Error('the token endpoint https://tokens.example/ answered HTTP 500 for bob');
    });
    handleExpressMessage({ expressToken: 'wanted' }, failing.port);
    await settle();
    expect(failing.delivered).toEqual([{ expressTokenError: 'the token endpoint https://tokens.example/ answered HTTP 500 for bob' }]);
  });

  it('refuses a token request on the hub backend, and malformed messages, naming what was wrong', async () => {
    const hub = ports(null);
    expect(handleExpressMessage({ expressToken: 'wanted' }, hub.port)).toBe(true);
    expect(handleExpressMessage({ expressToken: 'now' }, hub.port)).toBe(true);
    expect(handleExpressMessage({ roomLeft: { callID: '1', userID: 'not a user id!' } }, hub.port)).toBe(true);
    expect(handleExpressMessage({ roomLeft: { callID: '1', userID: 'ann', extra: 1 } }, hub.port)).toBe(true);
    await settle();
    expect(hub.delivered).toEqual([]);
    expect(hub.left).toEqual([]);
    expect(hub.logged).toHaveLength(4);
    expect(hub.logged[0]).toBe('refused an Express token request: this backend carries audio over WebRTC, not ZEGO Express');
    expect(hub.logged[1]).toMatch(/^refused an Express token request from the renderer: /);
    expect(hub.logged[2]).toMatch(/^refused a media room report from the renderer: /);
  });

  it('hands a member leaving a room to the CallManager, and leaves hub media signals alone', () => {
    const zim = ports(async () => '04token');
    expect(handleExpressMessage({ roomLeft: { callID: '1234', userID: 'ann' } }, zim.port)).toBe(true);
    expect(zim.left).toEqual([['1234', 'ann']]);
    const signal = { callID: '1234', peer: 'ann', signal: { candidate: { candidate: '', sdpMid: '0', sdpMLineIndex: 0 } } };
    expect(handleExpressMessage(signal, zim.port)).toBe(false);
    expect(handleExpressMessage('nonsense', zim.port)).toBe(false);
  });
});
