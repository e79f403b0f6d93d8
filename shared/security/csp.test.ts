import { contentSecurityPolicy } from './csp';

function directives(policy: string): Map<string, string> {
  return new Map(
    policy.split('; ').map((part) => {
      const [name, ...values] = part.split(' ');
      return [name!, values.join(' ')];
    }),
  );
}

describe('the Content-Security-Policy of each host', () => {
  it('gives the web build only what its in-page core and sync need beyond the desktop', () => {
    const desktop = directives(contentSecurityPolicy('desktop'));
    const web = directives(contentSecurityPolicy('web'));
    expect(desktop.get('script-src')).toBe("'self'");
    expect(desktop.get('connect-src')).toBe("'self'");
    expect(web.get('script-src')).toBe("'self' 'unsafe-eval'");
    expect(web.get('connect-src')).toBe("'self' http: https:");
    // Everything else is the same, and nothing inline runs on either.
    for (const [name, value] of desktop) {
      if (name !== 'script-src' && name !== 'connect-src') expect(web.get(name)).toBe(value);
    }
    expect(web.get('script-src')).not.toContain('unsafe-inline');
    expect(web.get('frame-ancestors')).toBe("'none'");
  });
});
