/**
 * How much audio each packet carries. WebRTC sends a 20 ms Opus frame per packet by default: 50
 * packets a second each way, and each one costs the browser the same work whatever it carries
 * (RTP and SRTP, a socket write in the network process, the IPC to it, jitter-buffer bookkeeping).
 * 40 ms packets halve that work, for 20 ms more delay one way (the encoder waits for 40 ms of
 * sound before sending) and 40 ms lost, not 20, when a packet is (Opus conceals the gap).
 *
 * The packet time is asked of the far side: `a=ptime` in a description is what its sender honours
 * (RFC 4566: the length of audio in a packet the sender of the description would like to
 * receive), so each side adds it to the descriptions it sends.
 */

/** The packet time each side asks for, ms; 40 ms is within what every Opus end accepts (maxptime 120). */
export const PACKET_TIME_MS = 40;

/** `sdp` with `a=ptime:<ms>` in each audio section (an existing ptime replaced); other sections untouched. */
export function withPacketTime(sdp: string, ms: number): string {
  if (!Number.isInteger(ms) || ms <= 0) throw new RangeError(`packet time must be a positive whole number of ms, not ${ms}`);
  const newline = sdp.includes('\r\n') ? '\r\n' : '\n';
  const lines = sdp.split(newline);
  const trailing = lines.at(-1) === '' ? lines.pop() : undefined;
  const out: string[] = [];
  let inAudio = false;
  const close = (): void => {
    if (inAudio) out.push(`a=ptime:${ms}`);
  };
  for (const line of lines) {
    if (line.startsWith('m=')) {
      close();
      inAudio = line.startsWith('m=audio ');
    }
    if (inAudio && line.startsWith('a=ptime:')) continue;
    out.push(line);
  }
  close();
  if (trailing !== undefined) out.push(trailing);
  return out.join(newline);
}
