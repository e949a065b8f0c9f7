import { describe, expect, it } from 'vitest';
import { AGE_RULE, ageOnDate, CivilDateError, isMinorOnDate, parseCivilDate } from './victim-age.ts';

describe('isMinorOnDate (G5.3.1, 民法第 124 條: the age on the incident date decides the path)', () => {
  it.each([
    ['2008-03-10', '2026-03-09', 17, true, 'the day before the 18th birthday'],
    ['2008-03-10', '2026-03-10', 18, false, 'the 18th birthday itself'],
    ['2008-03-10', '2026-03-11', 18, false, 'the day after'],
    ['2008-12-31', '2026-12-30', 17, true, 'the last day of a year, one day short'],
    ['2009-01-01', '2026-12-31', 17, true, 'New Year birth, late in the 17th year'],
    ['2010-05-20', '2010-05-20', 0, true, 'the incident on the day of birth'],
    ['1990-07-01', '2025-07-08', 35, false, 'an adult'],
  ])('born %s, incident %s → age %i, minor %s (%s)', (birth, incident, age, isMinor) => {
    expect(isMinorOnDate(birth, incident)).toEqual({ age, isMinor, rule: AGE_RULE });
  });

  describe('born on 29 February', () => {
    it('turns 18 on 1 March when the 18th year is a common year (民法第 121 條第 2 項)', () => {
      // 2008 is a leap year, 2026 is not: the year ends with February, 28 February is still 17.
      expect(isMinorOnDate('2008-02-29', '2026-02-28')).toMatchObject({ age: 17, isMinor: true });
      expect(isMinorOnDate('2008-02-29', '2026-03-01')).toMatchObject({ age: 18, isMinor: false });
    });

    it('counts the year from 29 February itself in a leap year', () => {
      // A 29 February birth year is a leap year and 18 years later never is (18 ≡ 2 mod 4), so the
      // 18th birthday is always 1 March; in leap years (the 16th, the 20th) the anniversary is 29 February.
      expect(ageOnDate(parseCivilDate('2000-02-29'), parseCivilDate('2016-02-28'))).toBe(15);
      expect(ageOnDate(parseCivilDate('2000-02-29'), parseCivilDate('2016-02-29'))).toBe(16);
      expect(ageOnDate(parseCivilDate('2008-02-29'), parseCivilDate('2028-02-28'))).toBe(19);
      expect(ageOnDate(parseCivilDate('2008-02-29'), parseCivilDate('2028-02-29'))).toBe(20);
      expect(isMinorOnDate('2004-02-29', '2020-02-29')).toMatchObject({ age: 16, isMinor: true });
      expect(isMinorOnDate('2004-02-29', '2022-02-28')).toMatchObject({ age: 17, isMinor: true });
      expect(isMinorOnDate('2004-02-29', '2022-03-01')).toMatchObject({ age: 18, isMinor: false });
    });
  });

  it('refuses an incident before the birth, without repeating either date', () => {
    let caught: unknown;
    try {
      isMinorOnDate('2010-05-20', '2010-05-19');
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(CivilDateError);
    expect((caught as CivilDateError).problem).toBe('before_birth');
    expect((caught as Error).message).not.toContain('2010');
  });

  it.each(['2025-02-29', '2025-13-01', '2025-00-10', '2025-04-31', '25-01-01', '2025/01/01', '', '1899-12-31'])('refuses %j as a date', (text) => {
    expect(() => parseCivilDate(text)).toThrow(CivilDateError);
  });
});
