import { createServer, type RequestListener, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { httpTokenProvider, parseTokenUrl, TokenError } from './tokenProvider.js';

let server: Server | null = null;

async function endpoint(handler: RequestListener): Promise<string> {
  server = createServer(handler);
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/zego/token`;
}

afterEach(async () => {
  await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
  server = null;
});

describe('the token endpoint', () => {
  it('asks for the user by query and returns the token from the JSON answer', async () => {
    const asked: string[] = [];
    const url = await endpoint((request, response) => {
      asked.push(request.url ?? '');
      response.setHeader('content-type', 'application/json');
      response.end(JSON.stringify({ token: '04AAAAAGZ-token', expireTime: 3600 }));
    });
    await expect(httpTokenProvider(url)('ann.lee@desk')).resolves.toBe('04AAAAAGZ-token');
    expect(asked).toEqual(['/zego/token?userID=ann.lee%40desk']);
  });

  it('gives ZEGO Express the "expressToken" field when the endpoint sends one, else the same token04', async () => {
    const url = await endpoint((request, response) => {
      const both = request.url?.includes('userID=ann') === true;
      response.end(JSON.stringify(both ? { token: '04zim', expressToken: '04express' } : { token: '04both' }));
    });
    await expect(httpTokenProvider(url, undefined, 'express')('ann')).resolves.toBe('04express');
    await expect(httpTokenProvider(url)('ann')).resolves.toBe('04zim');
    await expect(httpTokenProvider(url, undefined, 'express')('bob')).resolves.toBe('04both');
  });

  it('refuses an "expressToken" that is not a token string', async () => {
    const url = await endpoint((_request, response) => response.end(JSON.stringify({ token: '04zim', expressToken: 7 })));
    await expect(httpTokenProvider(url, undefined, 'express')('ann')).rejects.toThrow(TokenError);
  });

  it('takes an "expressToken" of null as none, as JSON serializers write a field that is not set', async () => {
    const url = await endpoint((_request, response) => response.end(JSON.stringify({ token: '04both', expressToken: null })));
    await expect(httpTokenProvider(url)('ann')).resolves.toBe('04both');
    await expect(httpTokenProvider(url, undefined, 'express')('ann')).resolves.toBe('04both');
  });

  it('names the field at fault: a bad "expressToken" is not a missing "token"', async () => {
    const url = await endpoint((request, response) => {
      response.end(JSON.stringify(request.url?.includes('userID=ann') === true ? { token: '04zim', expressToken: 7 } : { tokn: '04zim' }));
    });
    await expect(httpTokenProvider(url)('ann')).rejects.toThrow(
      new TokenError(`the token endpoint ${url} answered with an "expressToken" that is not a token string (1 to 4096 characters) for ann`),
    );
    await expect(httpTokenProvider(url)('bob')).rejects.toThrow(new TokenError(`the token endpoint ${url} answered without a "token" string for bob`));
  });

  it('says when the endpoint is unreachable', async () => {
    const url = await endpoint((_request, response) => response.end());
    await new Promise((resolve) => server!.close(resolve));
    server = null;
    await expect(httpTokenProvider(url)('ann')).rejects.toThrow(new TokenError(`the token endpoint ${url} is not reachable: ECONNREFUSED`));
  });

  it('says when it answers with an HTTP error, with what it said', async () => {
    const url = await endpoint((_request, response) => {
      response.statusCode = 403;
      response.end('unknown user');
    });
    await expect(httpTokenProvider(url)('ann')).rejects.toThrow(`the token endpoint ${url} answered HTTP 403 for ann: unknown user`);
  });

  it('says when the answer is not JSON, or has no token', async () => {
    let body = '<html>login</html>';
    const url = await endpoint((_request, response) => response.end(body));
    await expect(httpTokenProvider(url)('ann')).rejects.toThrow(`the token endpoint ${url} did not answer with JSON for ann`);
    body = JSON.stringify({ access_token: 'x' });
    await expect(httpTokenProvider(url)('ann')).rejects.toThrow(`the token endpoint ${url} answered without a "token" string for ann`);
    body = JSON.stringify({ token: '' });
    await expect(httpTokenProvider(url)('ann')).rejects.toThrow(/without a "token" string/);
  });

  it('gives up on an endpoint that does not answer in time', async () => {
    const url = await endpoint(() => {});
    await expect(httpTokenProvider(url, 100)('ann')).rejects.toThrow(`the token endpoint ${url} is not reachable: no answer within 100 ms`);
    server?.closeAllConnections();
  });

  it('refuses URLs that are not http(s)', () => {
    expect(() => parseTokenUrl('token.example.com')).toThrow(/malformed token endpoint URL/);
    expect(() => parseTokenUrl('ftp://token.example.com/t')).toThrow(/https:\/\/ or http:\/\//);
    expect(parseTokenUrl('https://token.example.com/t')).toBe('https://token.example.com/t');
  });
});
