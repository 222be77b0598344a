import { describe, expect, it } from 'vitest';
import { withPacketTime } from './packetTime.js';

const SDP = [
  'v=0',
  'o=- 1 2 IN IP4 127.0.0.1',
  's=-',
  't=0 0',
  'a=group:BUNDLE 0 1',
  'm=audio 9 UDP/TLS/RTP/SAVPF 111',
  'c=IN IP4 0.0.0.0',
  'a=mid:0',
  'a=rtpmap:111 opus/48000/2',
  'a=fmtp:111 minptime=10;useinbandfec=1',
  'm=application 9 UDP/DTLS/SCTP webrtc-datachannel',
  'a=mid:1',
  '',
].join('\r\n');

describe('withPacketTime', () => {
  it('asks for the packet time at the end of each audio section and leaves the other sections alone', () => {
    const lines = withPacketTime(SDP, 40).split('\r\n');
    expect(lines.filter((line) => line.startsWith('a=ptime:'))).toEqual(['a=ptime:40']);
    expect(lines.indexOf('a=ptime:40')).toBe(lines.indexOf('a=fmtp:111 minptime=10;useinbandfec=1') + 1);
    expect(lines.slice(lines.indexOf('m=application 9 UDP/DTLS/SCTP webrtc-datachannel'))).toEqual(['m=application 9 UDP/DTLS/SCTP webrtc-datachannel', 'a=mid:1', '']);
  });

  it('replaces a packet time already there, in every audio section, keeping the line endings', () => {
    const twice = `${SDP}m=audio 9 UDP/TLS/RTP/SAVPF 111\r\na=mid:2\r\na=ptime:20\r\n`;
    const result = withPacketTime(twice, 60);
    expect(result.match(/a=ptime:\d+/g)).toEqual(['a=ptime:60', 'a=ptime:60']);
    expect(result.endsWith('a=ptime:60\r\n')).toBe(true);
    expect(result).not.toMatch(/[^\r]\n/);
    expect(withPacketTime(SDP.replaceAll('\r\n', '\n'), 40)).toContain('\na=ptime:40\nm=application');
  });

  it('refuses a packet time that is not a positive whole number of ms', () => {
    expect(() => withPacketTime(SDP, 0)).toThrow('packet time must be a positive whole number of ms, not 0');
    expect(() => withPacketTime(SDP, 2.5)).toThrow('not 2.5');
  });
});
