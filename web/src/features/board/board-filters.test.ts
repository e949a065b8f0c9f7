import dayjs from 'dayjs';
import { describe, expect, it } from 'vitest';
import {
  filterParams,
  fromFormValues,
  locationParams,
  normalizeFilters,
  readBoardLocation,
  sameFilters,
  toFormValues,
  type BoardFilters,
} from './board-filters.ts';

const UNIT = '0b6f3a52-4c1e-4b8a-9d55-2f1e7c3a9b10';
const PLATFORM = '5d8e1f20-7a3b-4c6d-8e9f-0a1b2c3d4e5f';

describe('readBoardLocation', () => {
  it('reads every filter, lists in either spelling, in catalogue order', () => {
    const params = new URLSearchParams(
      `unitId=${UNIT}&includeSubunits=false&status=closed,open&status=assessed&platformId=${PLATFORM}&serious=true&overdue=false` +
        '&art40Outcome=pending,art40&from=2025-07-01&to=2025-07-31&q=%20DA-114%20&sort=dueNext&order=desc&page=3&pageSize=100',
    );
    expect(readBoardLocation(params)).toEqual({
      filters: {
        unitId: UNIT,
        includeSubunits: false,
        status: ['open', 'assessed', 'closed'],
        platformId: PLATFORM,
        serious: true,
        overdue: false,
        art40Outcome: ['art40', 'pending'],
        from: '2025-07-01',
        to: '2025-07-31',
        q: 'DA-114',
        sort: 'dueNext',
        order: 'desc',
      },
      page: 3,
      pageSize: 100,
    });
  });

  it('ignores what the API would refuse instead of sending it on', () => {
    const params = new URLSearchParams('unitId=DA&status=lost,open&serious=maybe&from=2025-13-01&to=2025-02-30&sort=colour&page=0&pageSize=7&q=' + 'x'.repeat(150));
    const { filters, page, pageSize } = readBoardLocation(params);
    expect(filters).toEqual({ status: ['open'], q: 'x'.repeat(100) });
    expect(page).toBe(1);
    expect(pageSize).toBe(50);
  });

  it('keeps includeSubunits only as "false" under a unit (the server defaults to true)', () => {
    expect(readBoardLocation(new URLSearchParams('includeSubunits=false')).filters).toEqual({});
    expect(readBoardLocation(new URLSearchParams(`unitId=${UNIT}&includeSubunits=true`)).filters).toEqual({ unitId: UNIT });
  });
});

describe('normalizeFilters and the address bar', () => {
  it('drops the default sort (newest first) and spells out any other', () => {
    expect(normalizeFilters({ sort: 'createdAt', order: 'desc' })).toEqual({});
    expect(normalizeFilters({ sort: 'createdAt' })).toEqual({});
    expect(normalizeFilters({ order: 'asc' })).toEqual({ sort: 'createdAt', order: 'asc' });
    expect(normalizeFilters({ sort: 'number' })).toEqual({ sort: 'number', order: 'asc' });
  });

  it('round-trips through the address bar', () => {
    const filters: BoardFilters = { status: ['open'], art40Outcome: ['pending'], q: '端對端', overdue: true, sort: 'status', order: 'desc' };
    const params = new URLSearchParams(locationParams({ filters, page: 2, pageSize: 20 }));
    expect(params.toString()).toBe('status=open&overdue=true&art40Outcome=pending&q=%E7%AB%AF%E5%B0%8D%E7%AB%AF&sort=status&order=desc&page=2&pageSize=20');
    expect(readBoardLocation(params)).toEqual({ filters, page: 2, pageSize: 20 });
  });

  it('leaves out the first page and the default page size', () => {
    expect(locationParams({ filters: { q: 'a' }, page: 1, pageSize: 50 })).toEqual({ q: 'a' });
  });

  it('gives the API comma lists and true/false', () => {
    expect(filterParams({ status: ['open', 'closed'], serious: false })).toEqual({ status: 'open,closed', serious: 'false' });
  });

  it('compares views regardless of list order and spelled-out defaults', () => {
    expect(sameFilters({ status: ['closed', 'open'], sort: 'createdAt', order: 'desc' }, { status: ['open', 'closed'] })).toBe(true);
    expect(sameFilters({ unitId: UNIT, includeSubunits: true }, { unitId: UNIT })).toBe(true);
    expect(sameFilters({ status: ['open'] }, { status: ['open'], q: 'x' })).toBe(false);
  });
});

describe('the filter form', () => {
  it('turns filters into form values and back, keeping the sort', () => {
    const filters: BoardFilters = { unitId: UNIT, includeSubunits: false, status: ['open'], serious: true, overdue: false, from: '2025-07-01', to: '2025-07-31', q: 'DA' };
    const values = toFormValues(filters);
    expect(values.serious).toBe('yes');
    expect(values.overdue).toBe('no');
    expect(values.range?.[0]?.format('YYYY-MM-DD')).toBe('2025-07-01');
    expect(fromFormValues(values, { sort: 'number', order: 'asc' })).toEqual({ ...filters, sort: 'number', order: 'asc' });
  });

  it('reads an empty form as no filters', () => {
    expect(fromFormValues({ includeSubunits: true, status: [], art40Outcome: [], range: [null, dayjs('2025-07-31')], q: '  ' })).toEqual({ to: '2025-07-31' });
  });
});
