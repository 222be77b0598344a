import { describe, expect, it } from 'vitest';
import { morePageUrl, moreTitle } from './morePage.js';

const html = (url: string): string => decodeURIComponent(url.slice('data:text/html;charset=utf-8,'.length));

describe('morePageUrl', () => {
  it('says how many more calls ring, in a page that can run no script and load nothing', () => {
    const page = html(morePageUrl(3));
    expect(page).toContain('<body>+3 more ringing <span>— show all</span></body>');
    expect(page).toContain('<title>3 more calls ringing</title>');
    expect(page).toContain(`content="default-src 'none'; style-src 'unsafe-inline'"`);
    expect(page).not.toContain('<script');
  });

  it('is a data: URL with nothing left unescaped', () => {
    expect(morePageUrl(2)).toMatch(/^data:text\/html;charset=utf-8,[A-Za-z0-9%\-_.!~*'()]+$/);
  });

  it('refuses a count that is not a positive whole number', () => {
    for (const count of [0, -1, 1.5, Number.NaN]) expect(() => morePageUrl(count)).toThrow('positive count');
  });
});

describe('moreTitle', () => {
  it('counts in words', () => {
    expect(moreTitle(1)).toBe('1 more call ringing');
    expect(moreTitle(4)).toBe('4 more calls ringing');
  });
});
