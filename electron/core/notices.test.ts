import { afterEach, describe, expect, it, vi } from 'vitest';
import { NOTICE_LIMIT } from '../../shared/ipc/contract.js';
import { NoticeBoard } from './notices.js';

const boards: NoticeBoard[] = [];
afterEach(() => {
  for (const board of boards.splice(0)) board.dispose();
  vi.useRealTimers();
});

function board(ttlMs: number): { board: NoticeBoard; changes: () => number } {
  let changes = 0;
  const created = new NoticeBoard(() => (changes += 1), ttlMs);
  boards.push(created);
  return { board: created, changes: () => changes };
}

const texts = (notices: NoticeBoard) => notices.notices.map((notice) => `${notice.kind}: ${notice.text}`);

describe('NoticeBoard', () => {
  it('lets notices about calls expire and keeps warnings until dismissed', () => {
    vi.useFakeTimers({ toFake: ['Date', 'performance', 'setTimeout', 'clearTimeout'] });
    const { board: notices, changes } = board(150);
    notices.add('warning', 'settings.json was damaged');
    notices.add('busy', 'bob is busy — call limit reached');
    expect(texts(notices)).toEqual(['warning: settings.json was damaged', 'busy: bob is busy — call limit reached']);
    vi.advanceTimersByTime(150);
    expect(texts(notices)).toEqual(['warning: settings.json was damaged']);
    expect(changes()).toBe(3);
    notices.dismiss(notices.notices[0]!.id);
    expect(notices.notices).toEqual([]);
  });

  it('never shows the same text twice at once: told again, it moves last with a new expiry', () => {
    vi.useFakeTimers({ toFake: ['Date', 'performance', 'setTimeout', 'clearTimeout'] });
    const { board: notices } = board(300);
    notices.add('busy', 'bob is busy — call limit reached');
    notices.add('info', 'carol is offline; still ringing');
    vi.advanceTimersByTime(200);
    notices.add('busy', 'bob is busy — call limit reached');
    expect(texts(notices)).toEqual(['info: carol is offline; still ringing', 'busy: bob is busy — call limit reached']);
    vi.advanceTimersByTime(200);
    expect(texts(notices)).toEqual(['busy: bob is busy — call limit reached']);
    notices.add('warning', 'a shortcut could not be taken');
    notices.add('warning', 'a shortcut could not be taken');
    expect(texts(notices).filter((text) => text.startsWith('warning'))).toHaveLength(1);
  });

  it(`keeps at most ${NOTICE_LIMIT} notices about calls, the newest, and every warning`, () => {
    const { board: notices } = board(60_000);
    notices.add('warning', 'w');
    for (let i = 0; i < NOTICE_LIMIT + 3; i++) notices.add('busy', `caller ${i} is busy`);
    expect(texts(notices)).toEqual(['warning: w', ...Array.from({ length: NOTICE_LIMIT }, (_, i) => `busy: caller ${i + 3} is busy`)]);
  });

  it('lets a notice about a call go after its time however the wall clock moves: set back, it stayed as long again; forward, it went at once', () => {
    // The wall clock (Date) is set by hand; the time that passes (performance.now(), the timers) runs on.
    vi.useFakeTimers({ toFake: ['Date', 'performance', 'setTimeout', 'clearTimeout'] });
    const { board: notices } = board(200);
    notices.add('busy', 'bob is busy — call limit reached');
    vi.setSystemTime(Date.now() - 3_600_000);
    vi.advanceTimersByTime(250);
    expect(texts(notices)).toEqual([]);

    notices.add('busy', 'carol is busy — call limit reached');
    vi.setSystemTime(Date.now() + 3_600_000);
    notices.add('info', 'dave is offline; still ringing');
    expect(texts(notices)).toEqual(['busy: carol is busy — call limit reached', 'info: dave is offline; still ringing']);
    vi.advanceTimersByTime(150);
    expect(texts(notices)).toHaveLength(2);
    vi.advanceTimersByTime(100);
    expect(texts(notices)).toEqual([]);
  });
});
