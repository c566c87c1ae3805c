import UAParser from 'ua-parser-js';

/**
 * A user agent as people name it: the browser ("Chrome 131") and the system ("Windows 10",
 * "iOS 17.5"); null where the string says nothing recognisable (a script, an empty header).
 */
export function describeUserAgent(userAgent: string | null): { browser: string | null; system: string | null } {
  if (!userAgent) return { browser: null, system: null };
  const { browser, os } = new UAParser(userAgent).getResult();
  const named = (name?: string, version?: string) => (name ? [name, version].filter(Boolean).join(' ') : null);
  return { browser: named(browser.name, browser.major), system: named(os.name, os.version) };
}
