import { DEFAULT_FILTERS, PAGE_SIZE, filtersFromSearch, searchOfFilters, toQuery } from './filters';

const read = (query: string) => filtersFromSearch(new URLSearchParams(query));

describe('Sessions filters from the URL', () => {
  it('takes an agent only when it is one the page offers', () => {
    expect(read('agent=codex').filters.agent).toBe('codex');
    expect(read('agent=gemini').filters.agent).toBe('gemini');
    for (const bad of ['bogus', 'Codex', 'codex ', '../codex', 'claude-code,codex']) {
      expect(read(`agent=${encodeURIComponent(bad)}`).filters.agent).toBe(DEFAULT_FILTERS.agent);
    }
  });

  it('takes an offset only when it is a whole page, positive and at most 1,000,000', () => {
    expect(PAGE_SIZE).toBe(50);
    expect(read('offset=50').offset).toBe(50);
    expect(read('offset=1000000').offset).toBe(1_000_000);
    for (const bad of ['49', '51', '75', '25', '-50', '50.5', '1000050', 'abc', '', 'Infinity']) {
      expect({ bad, offset: read(`offset=${encodeURIComponent(bad)}`).offset }).toEqual({ bad, offset: 0 });
    }
  });

  it('falls back to the defaults for a status, sort or order the page does not offer', () => {
    expect(read('status=stuck&sort=cost&order=asc').filters).toMatchObject({
      status: 'stuck',
      sort: 'cost',
      order: 'asc',
    });
    expect(read('status=dead&sort=name&order=up').filters).toEqual(DEFAULT_FILTERS);
  });

  it('keeps at most 200 characters of the free-text filters', () => {
    const long = 'p'.repeat(300);
    const { filters } = read(`project=${long}&model=${long}`);
    expect(filters.project).toHaveLength(200);
    expect(filters.model).toHaveLength(200);
  });

  it('round-trips through the URL, leaving defaults out', () => {
    const filters = { ...DEFAULT_FILTERS, agent: 'codex', status: 'looping' as const, order: 'asc' as const };
    const search = searchOfFilters(filters, 100);
    expect(search).toEqual({
      agent: 'codex',
      project: null,
      model: null,
      status: 'looping',
      sort: null,
      order: 'asc',
      offset: '100',
    });
    const params = new URLSearchParams(Object.entries(search).filter((e): e is [string, string] => e[1] !== null));
    expect(filtersFromSearch(params)).toEqual({ filters, offset: 100 });
    expect(searchOfFilters(DEFAULT_FILTERS, 0)).toEqual({
      agent: null,
      project: null,
      model: null,
      status: null,
      sort: null,
      order: null,
      offset: null,
    });
  });

  it('asks the API for one page with trimmed text filters', () => {
    const q = toQuery({ ...DEFAULT_FILTERS, project: '  shop ', model: ' m1 ' }, { from: 'a', to: 'b' }, 50);
    expect(q).toEqual({
      agent: '',
      project: 'shop',
      model: 'm1',
      status: '',
      from: 'a',
      to: 'b',
      sort: 'lastActivity',
      order: 'desc',
      limit: 50,
      offset: 50,
    });
  });
});
