import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.ts';

describe('configuration', () => {
  it('has working defaults: port 8080, PGlite under ./data, 30-minute idle timeout', () => {
    const config = loadConfig({});
    expect(config.port).toBe(8080);
    expect(config.databaseUrl).toBeUndefined();
    expect(config.dataDir.endsWith('/data')).toBe(true);
    expect(config.session.idleMinutes).toBe(30);
    expect(config.login).toEqual({ maxFailures: 5, lockMinutes: 15, ratePerMinute: 20 });
  });

  it('stops with a message naming every bad setting', () => {
    expect(() => loadConfig({ PORT: 'eighty', DATABASE_URL: 'mysql://x' })).toThrow(ConfigError);
    try {
      loadConfig({ PORT: 'eighty', DATABASE_URL: 'mysql://x' });
    } catch (error) {
      expect((error as Error).message).toMatch(/PORT/);
      expect((error as Error).message).toMatch(/DATABASE_URL/);
    }
  });

  it('validates the known-image matching thresholds (issue #8)', () => {
    expect(loadConfig({}).knownImages).toEqual({ pdqMatchDistance: 31, pdqMinQuality: 50 });
    expect(loadConfig({ PDQ_MATCH_DISTANCE: '20', PDQ_MIN_QUALITY: '70' }).knownImages).toEqual({ pdqMatchDistance: 20, pdqMinQuality: 70 });
    expect(() => loadConfig({ PDQ_MATCH_DISTANCE: '200' })).toThrow(/PDQ_MATCH_DISTANCE/);
    expect(() => loadConfig({ PDQ_MATCH_DISTANCE: '3.5' })).toThrow(/PDQ_MATCH_DISTANCE/);
    expect(() => loadConfig({ PDQ_MIN_QUALITY: '101' })).toThrow(/PDQ_MIN_QUALITY/);
  });

  it('treats an empty value as unset', () => {
    expect(loadConfig({ PORT: '' }).port).toBe(8080);
  });
});
