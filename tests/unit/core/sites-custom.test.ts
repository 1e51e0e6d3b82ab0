import { describe, expect, it } from 'vitest';
import { customDocKey, hostOfPattern, isKnownHost, siteGrantFor, siteScriptId } from '../../../core/sites/custom';

describe('district sites', () => {
  it.each([
    ['https://plans.district.org/plans/2025', 'plans.district.org'],
    ['plans.district.org', 'plans.district.org'],
    ['  https://Plans.District.org:8443/x?y=1#z ', 'plans.district.org'],
  ])('%s asks for %s', (input, host) => {
    const grant = siteGrantFor(input);
    expect(grant).toMatchObject({ ok: true, host, pattern: `https://${host}/*` });
  });

  it.each([
    ['', /Type the address/],
    ['http://plans.district.org', /https/],
    ['ftp://plans.district.org', /not a web address/],
    ['localhost', /not a web address/],
    ['https://user:pw@plans.district.org', /not a web address/],
    ['https://10.0.0.5/plans', /numeric/],
    ['https://district.instructure.com/courses/1', /already reads/],
    ['docs.google.com', /already reads/],
  ])('refuses %s', (input, message) => {
    const grant = siteGrantFor(input);
    expect(grant.ok).toBe(false);
    if (!grant.ok) expect(grant.message).toMatch(message);
  });

  it('names scripts, reads patterns back and keys pages by host and path', () => {
    expect(siteScriptId('plans.district.org')).toBe('planlens-site-plans.district.org');
    expect(hostOfPattern('https://plans.district.org/*')).toBe('plans.district.org');
    expect(hostOfPattern('https://*/*')).toBeNull();
    expect(hostOfPattern('https://docs.google.com/document/*')).toBeNull();
    expect(isKnownHost('hcusd.instructure.com')).toBe(true);
    expect(isKnownHost('plans.district.org')).toBe(false);
    expect(customDocKey('https://Plans.District.org/plans/2025/?tab=2#top')).toBe(
      'custom:plans.district.org/plans/2025',
    );
    expect(customDocKey('https://plans.district.org')).toBe('custom:plans.district.org/');
    expect(customDocKey('http://plans.district.org/x')).toBeNull();
  });
});
