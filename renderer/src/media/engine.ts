/**
 * The media engine carries out what the core decided: for every connected call, an audio
 * connection with each other member who joined (a mesh in a group call), the microphone sent only
 * in the call that is neither held nor muted, the far side's audio played only there. It knows
 * nothing of Vue or Pinia: the media store hands it each AppState and the signals that arrive.
 */
import type { CallView } from '../../../shared/ipc/contract.js';
import { isImpolite, type AudioSettings, type MediaToRenderer } from '../../../shared/ipc/audio.js';
import type { CallAudioStatus, CallMediaEngine, CallMediaOptions } from './callMedia.js';
import { captureMicrophone } from './microphone.js';
import { PeerLink, type LinkState } from './peerLink.js';

interface CallAudio {
  held: boolean;
  muted: boolean;
  /** This call's clone of the microphone track. */
  track: MediaStreamTrack | null;
  /** The members who joined: the only ones this call has a connection with. */
  joined: Set<string>;
  links: Map<string, PeerLink>;
  states: Map<string, LinkState>;
}

export class MediaEngine implements CallMediaEngine {
  readonly #options: CallMediaOptions;
  readonly #calls = new Map<string, CallAudio>();
  #microphone: MediaStreamTrack | null = null;
  #problem: string | null = null;
  /** The microphone setting the capture follows, once it is under way or done; undefined: no capture. */
  #device: string | null | undefined = undefined;
  /**
   * The device open (or opening): the setting's, or null (the default) once the chosen one went
   * away. The setting is kept, so that the next state does not ask for the gone device again.
   */
  #openDevice: string | null = null;
  /** Whether that capture has voice processing (a change opens the microphone again). */
  #voiceProcessing = true;
  #capturing: Promise<void> | null = null;
  #speaker: string | null = null;
  /** Set until the first update: calls connected then were under way before this page (a reload). */
  #firstUpdate = true;
  #disposed = false;

  constructor(options: CallMediaOptions) {
    this.#options = options;
    navigator.mediaDevices?.addEventListener?.('devicechange', this.#onDeviceChange);
  }

  /** Makes the connections match the connected calls in `calls`, held and muted as they say. */
  update(calls: readonly CallView[], audio: AudioSettings): void {
    if (this.#disposed) return;
    const connected = calls.filter((call) => call.phase === 'connected');
    const wanted = new Set(connected.map((call) => call.callID));
    for (const [callID, call] of this.#calls) if (!wanted.has(callID)) this.#closeCall(callID, call);
    if (audio.speaker !== this.#speaker) {
      this.#speaker = audio.speaker;
      for (const call of this.#calls.values()) for (const link of call.links.values()) link.setSpeaker(audio.speaker);
    }
    if (connected.length === 0) {
      this.#firstUpdate = false;
      this.#releaseMicrophone();
      return;
    }
    if (this.#device !== audio.microphone || this.#voiceProcessing !== audio.voiceProcessing) {
      this.#device = audio.microphone;
      this.#voiceProcessing = audio.voiceProcessing;
      this.#capture(audio.microphone);
    }
    const takingOver = this.#firstUpdate;
    this.#firstUpdate = false;
    for (const view of connected) this.#updateCall(view, takingOver);
  }

  /**
   * A signal from another member; ignored unless it is for a connected call with them in it. Its
   * shape was checked by the core (and the hub) before it was sent here. ZEGO Express messages
   * are not for this engine.
   */
  receive(message: MediaToRenderer): void {
    if (!('signal' in message)) return;
    const call = this.#calls.get(message.callID);
    if (!call || !call.joined.has(message.peer)) {
      this.#options.log(`ignored a media signal from ${message.peer} for call ${message.callID}`);
      return;
    }
    const link = call.links.get(message.peer) ?? this.#openLink(message.callID, call, message.peer, false);
    void link.receive(message.signal);
  }

  status(callID: string): CallAudioStatus {
    const call = this.#calls.get(callID);
    const failed = call ? [...call.states].filter(([, state]) => state === 'failed').map(([peer]) => peer) : [];
    return { listenOnly: this.#problem, failed };
  }

  /** The open connections: tests and the benchmark count them after a call ends. */
  get openConnections(): number {
    let count = 0;
    for (const call of this.#calls.values()) count += call.links.size;
    return count;
  }

  dispose(): void {
    this.#disposed = true;
    navigator.mediaDevices?.removeEventListener?.('devicechange', this.#onDeviceChange);
    for (const [callID, call] of this.#calls) this.#closeCall(callID, call);
    this.#releaseMicrophone();
  }

  /** `takingOver`: the call was under way before this page, whose links the other side still has. */
  #updateCall(view: CallView, takingOver: boolean): void {
    let call = this.#calls.get(view.callID);
    if (!call) {
      call = {
        held: view.media.held, muted: view.media.muted, track: this.#cloneMicrophone(view.media.muted), joined: new Set(), links: new Map(),
        states: new Map(),
      };
      this.#calls.set(view.callID, call);
    }
    if (call.muted !== view.media.muted) {
      call.muted = view.media.muted;
      if (call.track) call.track.enabled = !call.muted;
    }
    const joined = new Set(view.participants.filter((person) => person.state === 'joined').map((person) => person.userID));
    call.joined = joined;
    for (const [peer, link] of call.links) {
      if (joined.has(peer)) continue;
      link.close();
      call.links.delete(peer);
      call.states.delete(peer);
    }
    if (call.held !== view.media.held) {
      call.held = view.media.held;
      for (const link of call.links.values()) link.setHeld(call.held);
    }
    // The impolite side of each pair offers first; the other opens its side when the offer comes.
    // A page that takes over a call (reloaded) offers whichever side it is: the other side's link
    // is connected to the page that went away and would never offer again by itself.
    for (const peer of joined) {
      const offersFirst = isImpolite(this.#options.self, peer) || takingOver;
      if (!call.links.has(peer) && offersFirst) this.#openLink(view.callID, call, peer, true);
    }
  }

  #openLink(callID: string, call: CallAudio, peer: string, offersFirst: boolean): PeerLink {
    const link = new PeerLink({
      impolite: isImpolite(this.#options.self, peer),
      offersFirst,
      track: call.track,
      held: call.held,
      speaker: this.#speaker,
      send: (signal) => this.#options.send({ callID, peer, signal }),
      onState: (state) => {
        if (call.links.get(peer) !== link) return;
        call.states.set(peer, state);
        this.#options.changed();
      },
      log: (line) => this.#options.log(`call ${callID}, ${peer}: ${line}`),
    });
    call.links.set(peer, link);
    call.states.set(peer, 'connecting');
    return link;
  }

  #closeCall(callID: string, call: CallAudio): void {
    for (const link of call.links.values()) link.close();
    call.track?.stop();
    this.#calls.delete(callID);
  }

  #cloneMicrophone(muted: boolean): MediaStreamTrack | null {
    const track = this.#microphone?.clone() ?? null;
    if (track) track.enabled = !muted;
    return track;
  }

  /** Opens `device` (null: the default) for every call; the setting (#device) stays as it is. */
  #capture(device: string | null): void {
    this.#openDevice = device;
    const capturing = captureMicrophone(device, this.#voiceProcessing).then((capture) => {
      if (this.#capturing !== capturing || this.#disposed) {
        capture.track?.stop();
        return;
      }
      this.#capturing = null;
      if (capture.fellBack) {
        this.#openDevice = null;
        this.#options.notice('The chosen microphone is not available; using the default microphone');
      }
      this.#setMicrophone(capture.track, capture.problem);
    });
    this.#capturing = capturing;
  }

  /** Every call's clone and every sender move to the new track; no renegotiation. */
  #setMicrophone(track: MediaStreamTrack | null, problem: string | null): void {
    this.#microphone?.stop();
    this.#microphone = track;
    this.#problem = problem;
    track?.addEventListener('ended', () => {
      if (this.#microphone !== track || this.#disposed) return;
      this.#options.notice('The microphone went away; switching to the default microphone');
      this.#capture(null);
    });
    for (const call of this.#calls.values()) {
      call.track?.stop();
      call.track = this.#cloneMicrophone(call.muted);
      for (const link of call.links.values()) link.setTrack(call.track);
    }
    this.#options.changed();
  }

  #releaseMicrophone(): void {
    this.#capturing = null;
    this.#device = undefined;
    this.#openDevice = null;
    this.#microphone?.stop();
    this.#microphone = null;
    this.#problem = null;
  }

  /** A chosen speaker or microphone that disappeared falls back to the default, with a notice. */
  readonly #onDeviceChange = (): void => {
    void navigator.mediaDevices.enumerateDevices().then((devices) => {
      const present = (kind: MediaDeviceKind, id: string | null): boolean => id === null || devices.some((d) => d.kind === kind && d.deviceId === id);
      if (this.#device !== undefined && this.#openDevice !== null && !present('audioinput', this.#openDevice)) {
        this.#options.notice('The chosen microphone went away; using the default microphone');
        this.#capture(null);
      }
      if (this.#speaker !== null && !present('audiooutput', this.#speaker)) {
        this.#options.notice('The chosen speaker went away; using the default speaker');
        this.#speaker = null;
        for (const call of this.#calls.values()) for (const link of call.links.values()) link.setSpeaker(null);
      }
    });
  };
}
