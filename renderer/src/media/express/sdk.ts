/**
 * The part of ZEGO Express (`zego-express-engine-webrtc`) Switchboard uses, typed by the SDK's own
 * typings, so that the engine can run on a double in tests (expressDouble.ts) and the SDK, 2 MB
 * of script, is loaded only when the ZIM backend asks for it.
 */
import type { ZegoExpressEngine } from 'zego-express-engine-webrtc';

export type ExpressSdk = Pick<
  ZegoExpressEngine,
  | 'enableMultiRoom'
  | 'loginRoom'
  | 'logoutRoom'
  | 'createStream'
  | 'destroyStream'
  | 'startPublishingStream'
  | 'stopPublishingStream'
  | 'startPlayingStream'
  | 'stopPlayingStream'
  | 'muteMicrophone'
  | 'renewToken'
  | 'on'
  | 'off'
>;

/** Creates the Express engine for an AppID and its server. */
export type ExpressSdkFactory = (appID: number, server: string) => Promise<ExpressSdk>;

/** The real SDK, imported on first use: browser mode on the hub backend never loads it. */
export const loadExpressSdk: ExpressSdkFactory = async (appID, server) => {
  const { ZegoExpressEngine } = await import('zego-express-engine-webrtc');
  return new ZegoExpressEngine(appID, server);
};
