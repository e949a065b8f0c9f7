import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../config.ts';
import { identityKeyFrom, openIdentity, sealIdentity } from './identity-key.ts';
import { loadOrCreateVictimKey, VICTIM_KEY_FILE, victimKeyFrom } from './victim-key.ts';

describe('the victim key (G6.3.6: victims’ identities under a key of their own)', () => {
  it('is created once at the first start (mode 0600) and read back afterwards', () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'csep-victim-key-'));
    try {
      const first = loadOrCreateVictimKey(dataDir, undefined);
      const file = path.join(dataDir, VICTIM_KEY_FILE);
      expect(fs.statSync(file).mode & 0o777).toBe(0o600);
      expect(loadOrCreateVictimKey(dataDir, undefined)).toEqual(first);
      fs.writeFileSync(file, 'not a key');
      expect(() => loadOrCreateVictimKey(dataDir, undefined)).toThrow(/victim key file .* is damaged/);
    } finally {
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('prefers CSEP_VICTIM_KEY, and never shares an id with the identity key even on the same bytes', () => {
    const bytes = randomBytes(32);
    const hex = bytes.toString('hex');
    const config = loadConfig({ CSEP_VICTIM_KEY: hex });
    expect(config.victimKey?.equals(bytes)).toBe(true);
    expect(loadOrCreateVictimKey('/nonexistent', config.victimKey)).toEqual(victimKeyFrom(bytes));
    expect(victimKeyFrom(bytes).id).not.toBe(identityKeyFrom(bytes).id);
    expect(() => victimKeyFrom(randomBytes(16))).toThrow(/32 bytes/);
  });

  it('does not open what another key sealed', () => {
    const victimKey = victimKeyFrom(randomBytes(32));
    const sealed = sealIdentity(victimKey, '陳小雯', 'victim:1:name');
    expect(openIdentity(victimKey, sealed, 'victim:1:name')).toBe('陳小雯');
    expect(() => openIdentity(identityKeyFrom(randomBytes(32)), sealed, 'victim:1:name')).toThrow();
    expect(() => openIdentity(victimKey, sealed, 'victim:1:contact')).toThrow();
  });

  it('validates CSEP_VICTIM_KEY and VICTIM_RETENTION_DAYS at start, naming them', () => {
    expect(loadConfig({}).victimRetentionDays).toBe(3650);
    expect(loadConfig({ VICTIM_RETENTION_DAYS: '1825' }).victimRetentionDays).toBe(1825);
    for (const bad of ['0', '-1', '3.5', 'ten', '40000']) expect(() => loadConfig({ VICTIM_RETENTION_DAYS: bad }), bad).toThrow(/VICTIM_RETENTION_DAYS/);
    expect(() => loadConfig({ CSEP_VICTIM_KEY: 'short' })).toThrow(/CSEP_VICTIM_KEY/);
  });
});
