import { isLoopbackHost, transportRefusal, withDefaultScheme } from './transport';

const strict = { allowPlainHttp: false };

describe('the transport rule', () => {
  it('allows https:// anywhere', () => {
    for (const url of ['https://192.168.1.10:8787', 'https://sync.example.cn', 'https://[::1]']) {
      expect(transportRefusal(url, strict)).toBeUndefined();
    }
  });

  it('allows plain http:// only to this computer', () => {
    for (const url of [
      'http://127.0.0.1:8787',
      'http://127.9.8.7',
      'http://localhost:8787',
      'http://LOCALHOST.',
      'http://app.localhost',
      'http://[::1]:8787',
    ]) {
      expect(transportRefusal(url, strict), url).toBeUndefined();
    }
    for (const url of [
      'http://192.168.1.10:8787',
      'http://sync.example.cn',
      'http://0.0.0.0:8787',
      'http://127.0.0.1.example.cn',
      'http://localhost.example.cn',
      'http://128.0.0.1',
      'http://[::2]',
      'HTTP://10.0.0.5',
    ]) {
      expect(transportRefusal(url, strict), url).toBe('plainHttp');
    }
  });

  it('lets an administrator allow http:// everywhere', () => {
    expect(transportRefusal('http://192.168.1.10:8787', { allowPlainHttp: true })).toBeUndefined();
  });

  it('reads an address without a scheme as https://', () => {
    expect(withDefaultScheme(' 192.168.1.10:8787 ')).toBe('https://192.168.1.10:8787');
    expect(withDefaultScheme('http://192.168.1.10')).toBe('http://192.168.1.10');
    expect(transportRefusal('192.168.1.10:8787', strict)).toBeUndefined();
  });

  it('leaves what is no address to the address check', () => {
    expect(transportRefusal('http://exa mple.com', strict)).toBeUndefined();
  });

  it('knows loopback hosts, and nothing else', () => {
    expect(
      ['127.0.0.1', 'localhost', '::1', '[::1]', '::ffff:127.0.0.1'].map(isLoopbackHost),
    ).toEqual([true, true, true, true, true]);
    expect(['0.0.0.0', '10.0.0.1', '::', '127.0.0.256', '127.0.0', ''].map(isLoopbackHost)).toEqual(
      [false, false, false, false, false, false],
    );
  });
});
