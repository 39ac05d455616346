import { describe, expect, it } from 'vitest';
import { mediaUrlRefusal } from './public-url.ts';

describe('media URLs from webhooks', () => {
  it.each([
    'https://api.twilio.com/2010-04-01/Accounts/AC1/Messages/MM1/Media/ME1',
    'https://lookaside.fbsbx.com/whatsapp_business/attachments/?mid=1',
    'https://8.8.8.8/x',
  ])('keeps the public https address %s', (url) => {
    expect(mediaUrlRefusal(url)).toBeNull();
  });

  it.each([
    'http://api.twilio.com/media',
    'https://localhost/x',
    'https://metadata.google.internal/x',
    'https://127.0.0.1/x',
    'https://10.1.2.3/x',
    'https://172.20.0.1/x',
    'https://192.168.1.10/x',
    'https://169.254.169.254/latest/meta-data',
    'https://100.64.0.1/x',
    'https://[::1]/x',
    'https://[fd00::1]/x',
    'https://[fe80::1]/x',
    'https://[::ffff:10.0.0.1]/x',
    'https://intranet/x',
    'file:///etc/passwd',
    'not a url',
  ])('refuses %s', (url) => {
    expect(mediaUrlRefusal(url)).not.toBeNull();
  });
});
