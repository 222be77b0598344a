/**
 * The in-run anchor of the voice scenario: a bare WebRTC audio call between two pages, with no
 * Switchboard in them — one RTCPeerConnection each, Chromium's defaults (Opus, 20 ms packets), the
 * same microphone constraints the app opens with voice processing on, the remote track played by
 * a media element, the offer and answer handed across by the bench. What it costs a browser is
 * what any WebRTC call costs on this machine; the app's call is read against it.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Page } from '@playwright/test';

/**
 * Installed in each bare page: `__bareCall.offer()` / `answer(offer)` / `accept(answer)` /
 * `hangUp()`. Each side waits for ICE gathering to complete, so one description carries its
 * candidates and no trickle is needed.
 */
export const BARE_CALL_SCRIPT = `(() => {
  let pc = null;
  let microphone = null;
  let player = null;
  const open = async () => {
    const stream = await navigator.mediaDevices.getUserMedia({ audio: { echoCancellation: true, noiseSuppression: true, autoGainControl: true } });
    microphone = stream.getAudioTracks()[0];
    pc = new RTCPeerConnection();
    pc.addTrack(microphone, stream);
    pc.ontrack = ({ track }) => {
      player = new Audio();
      player.srcObject = new MediaStream([track]);
      void player.play();
    };
  };
  const gathered = () => pc.iceGatheringState === 'complete' ? Promise.resolve() : new Promise((resolve) => {
    pc.addEventListener('icegatheringstatechange', () => { if (pc.iceGatheringState === 'complete') resolve(); });
  });
  const described = async () => { await pc.setLocalDescription(); await gathered(); return pc.localDescription.sdp; };
  window.__bareCall = {
    async offer() { await open(); return described(); },
    async answer(sdp) { await open(); await pc.setRemoteDescription({ type: 'offer', sdp }); return described(); },
    async accept(sdp) { await pc.setRemoteDescription({ type: 'answer', sdp }); },
    hangUp() {
      pc.close();
      microphone.stop();
      if (player) { player.pause(); player.srcObject = null; }
    },
  };
})();`;

/**
 * An empty page on 127.0.0.1: getUserMedia needs a secure context, which about:blank is not and a
 * loopback origin is.
 */
export async function serveBlankPage(): Promise<{ url: string; close(): Promise<void> }> {
  const server: Server = createServer((_request, response) => {
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    response.end('<!doctype html><title>bare call</title>');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** Calls from `caller` to `callee` (pages with BARE_CALL_SCRIPT): offer, answer, and back. */
export async function startBareCall(caller: Page, callee: Page): Promise<void> {
  const offer = await caller.evaluate<string>('window.__bareCall.offer()');
  const answer = await callee.evaluate<string, string>((sdp) => (globalThis as unknown as BareWindow).__bareCall.answer(sdp), offer);
  await caller.evaluate<void, string>((sdp) => (globalThis as unknown as BareWindow).__bareCall.accept(sdp), answer);
}

export async function endBareCall(pages: Page[]): Promise<void> {
  await Promise.all(pages.map((page) => page.evaluate('window.__bareCall.hangUp()')));
}

interface BareWindow {
  __bareCall: { answer(sdp: string): Promise<string>; accept(sdp: string): Promise<void> };
}
