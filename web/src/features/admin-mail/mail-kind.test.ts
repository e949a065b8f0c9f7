import { describe, expect, it } from 'vitest';
import zhTW from '../../i18n/zh-TW.json';
import { mailKindKey } from './mail-kind.ts';

describe('mailKindKey', () => {
  it('names the kinds the server writes, each with a catalogue entry', () => {
    for (const kind of ['task.overdue', 'case.notice.social_affairs', 'case.notice.child_protection', 'case.notice.fpo', 'case.notice.cib_request', 'takedown.report']) {
      const key = mailKindKey(kind);
      expect(key, kind).not.toBeNull();
      expect(zhTW.mail.kinds[key!], kind).toBeTruthy();
    }
  });

  it('leaves unknown kinds (and inherited names) alone', () => {
    expect(mailKindKey('case.notice.other')).toBeNull();
    expect(mailKindKey('toString')).toBeNull();
    expect(mailKindKey('')).toBeNull();
  });
});
