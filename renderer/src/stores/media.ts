/**
 * Drives the media engine and the tones from the core's snapshots: the engine is the one the
 * core names (AppState.mediaPath: WebRTC over the hub, or ZEGO Express), its audio follows the
 * connected calls, the ringtone follows the ringing ones, a busy notice plays the busy tone. It
 * also lists the audio devices for the settings. Only the window that carries the audio (the
 * main window; the page in browser mode) connects it.
 */
import { acceptHMRUpdate, defineStore } from 'pinia';
import { ref, shallowRef, watch } from 'vue';
import type { AppState } from '../../../shared/ipc/contract.js';
import type { MediaPath } from '../../../shared/ipc/audio.js';
import type { Bridge } from '../bridge/types.js';
import type { CallAudioStatus, CallMediaEngine, CallMediaOptions } from '../media/callMedia.js';
import { MediaEngine } from '../media/engine.js';
import { ExpressEngine } from '../media/express/expressEngine.js';
import { loadExpressSdk, type ExpressSdkFactory } from '../media/express/sdk.js';
import { ringingFor, Tones } from '../media/tones.js';
import { useSoftphoneStore } from './softphone.js';

export interface AudioDevice {
  deviceId: string;
  label: string;
}

const NO_STATUS: CallAudioStatus = { listenOnly: null, failed: [] };

/** The real ZEGO Express SDK, or a double in tests. */
let expressSdk: ExpressSdkFactory = loadExpressSdk;

/** Tests run the Express engine on a double of the SDK (media/express/expressDouble.ts). */
export function useExpressSdkForTests(factory: ExpressSdkFactory): void {
  expressSdk = factory;
}

export const useMediaStore = defineStore('media', () => {
  const softphone = useSoftphoneStore();
  const statuses = shallowRef<Record<string, CallAudioStatus>>({});
  const notices = ref<string[]>([]);
  const microphones = ref<AudioDevice[]>([]);
  const speakers = ref<AudioDevice[]>([]);
  /**
   * The browser keeps the devices' names and IDs back until the microphone has been allowed (the
   * first call asks): until then the lists hold only the defaults. revealDevices asks at once.
   */
  const devicesHidden = ref(false);
  const revealError = ref<string | null>(null);
  let engine: CallMediaEngine | null = null;
  /** Whom and which media path the engine is for: signing in as someone else starts a new one. */
  let engineFor: string | null = null;

  function refreshStatuses(state: AppState | null): void {
    const next: Record<string, CallAudioStatus> = {};
    for (const call of state?.calls ?? []) if (call.phase === 'connected' && engine) next[call.callID] = engine.status(call.callID);
    statuses.value = next;
  }

  async function listDevices(): Promise<void> {
    const devices = (await navigator.mediaDevices?.enumerateDevices?.()) ?? [];
    const named = (kind: MediaDeviceKind): AudioDevice[] =>
      devices
        .filter((device) => device.kind === kind && device.deviceId !== '' && device.deviceId !== 'default')
        .map((device, index) => ({ deviceId: device.deviceId, label: device.label || `${kind === 'audioinput' ? 'Microphone' : 'Speaker'} ${index + 1}` }));
    microphones.value = named('audioinput');
    speakers.value = named('audiooutput');
    devicesHidden.value = devices.some((device) => device.kind === 'audioinput' && device.deviceId === '');
  }

  /** Asks for the microphone once, and lets it go at once, so that the devices can be listed before any call. */
  async function revealDevices(): Promise<void> {
    revealError.value = null;
    try {
      const stream = await navigator.mediaDevices.getUserMedia({ audio: true, video: false });
      for (const track of stream.getTracks()) track.stop();
    } catch (error) {
      revealError.value = `The microphone was not allowed, so its devices cannot be listed (${error instanceof Error ? error.message : String(error)})`;
    }
    await listDevices();
  }

  /** Starts carrying the audio through `bridge`; returns the disposer. */
  function connect(bridge: Bridge): () => void {
    const tones = new Tones();
    const offSignal = bridge.media.onSignal((message) => engine?.receive(message));
    /** Whether this page carries the audio (browser mode: the newest page does); it has an engine only then. */
    let carrying = true;
    const follow = (state: AppState | null): void => {
      const user = state?.user ?? null;
      const wanted = carrying && state && user !== null ? engineKey(user, state.mediaPath) : null;
      if (engine && wanted !== engineFor) {
        engine.dispose();
        engine = null;
      }
      // A new engine takes over the calls already connected (media/engine.ts).
      if (!engine && wanted !== null && state && user !== null) engine = createEngine(user, state.mediaPath, bridge);
      if (engine && state) engine.update(state.calls, state.audio);
      refreshStatuses(state);
    };
    const offCarrying =
      bridge.media.onCarrying?.((next) => {
        carrying = next;
        follow(softphone.state);
      }) ?? (() => undefined);
    let lastBusy: number | null = null;
    const stop = watch(
      () => softphone.state,
      (state) => {
        follow(state);
        tones.setRinging(ringingFor(state?.calls ?? []));
        tones.setDevice(state?.audio.ringtone ?? null);
        // Busy notices newer than the first snapshot play the busy tone once each.
        const busy = (state?.notices ?? []).filter((notice) => notice.kind === 'busy').map((notice) => notice.id);
        const newest = Math.max(0, ...busy);
        if (lastBusy !== null && newest > lastBusy) tones.busy();
        lastBusy = Math.max(lastBusy ?? 0, newest);
      },
      { immediate: true },
    );
    const onDevices = (): void => void listDevices();
    navigator.mediaDevices?.addEventListener?.('devicechange', onDevices);
    void listDevices();
    return () => {
      stop();
      offSignal();
      offCarrying();
      navigator.mediaDevices?.removeEventListener?.('devicechange', onDevices);
      engine?.dispose();
      engine = null;
      tones.dispose();
    };
  }

  function createEngine(user: string, path: MediaPath, bridge: Bridge): CallMediaEngine {
    engineFor = engineKey(user, path);
    const options: CallMediaOptions = {
      self: user,
      send: (message) => bridge.media.send(message),
      changed: () => {
        if (engine === created) refreshStatuses(softphone.state);
        // Labels appear once the microphone was granted.
        void listDevices();
      },
      notice: (text) => {
        notices.value = [...notices.value.slice(-4), text];
      },
      log: (line) => console.warn(`[media] ${line}`),
    };
    const created: CallMediaEngine =
      path.kind === 'zego-express'
        ? new ExpressEngine({ ...options, appID: path.appID, server: path.server, createSdk: expressSdk })
        : new MediaEngine(options);
    return created;
  }

  return {
    statuses,
    notices,
    microphones,
    speakers,
    devicesHidden,
    revealError,
    revealDevices,
    connect,
    statusOf: (callID: string): CallAudioStatus => statuses.value[callID] ?? NO_STATUS,
    dismissNotice: (index: number) => {
      notices.value = notices.value.filter((_, at) => at !== index);
    },
  };
});

function engineKey(user: string, path: MediaPath): string {
  return path.kind === 'zego-express' ? `${user} via ZEGO Express ${path.appID}` : `${user} via WebRTC`;
}

if (import.meta.hot) import.meta.hot.accept(acceptHMRUpdate(useMediaStore, import.meta.hot));
