import type { TeamMember } from '../../core/domain';
import { NoExecutiveError, routeRequest } from '../../core/routing';

const member = (id: string, overrides: Partial<TeamMember> = {}): TeamMember => ({
  _id: id,
  pointId: 'p',
  name: id,
  role: '成员',
  helpsWith: '',
  skills: [],
  isExecutive: false,
  active: true,
  order: Number(id.replace(/\D/g, '')) || 0,
  ...overrides,
});

const executive = member('m0', { isExecutive: true, role: '执委', skills: ['rights'] });
const now = new Date('2026-11-23T08:00:00Z');

describe('routeRequest', () => {
  test('assigns to the member whose skills match the category', () => {
    const members = [executive, member('m1', { skills: ['mental'] }), member('m2', { skills: ['rights'] })];
    expect(routeRequest({ category: 'rights', members, openLoad: {}, now })).toMatchObject({ memberId: 'm2', executiveId: 'm0' });
    expect(routeRequest({ category: 'mental', members, openLoad: {}, now })).toMatchObject({ memberId: 'm1' });
  });

  test('least open load first, then roster order', () => {
    const members = [executive, member('m1', { skills: ['care'] }), member('m2', { skills: ['care'] }), member('m3', { skills: ['care'] })];
    expect(routeRequest({ category: 'care', members, openLoad: { m1: 3, m2: 1, m3: 1 }, now }).memberId).toBe('m2');
    expect(routeRequest({ category: 'care', members, openLoad: { m1: 0, m2: 0 }, now }).memberId).toBe('m1');
  });

  test('skips members marked away until they are back, and inactive ones', () => {
    const members = [
      executive,
      member('m1', { skills: ['family'], awayUntil: '2026-11-30' }),
      member('m2', { skills: ['family'], active: false }),
      member('m3', { skills: ['family'], awayUntil: '2026-11-01' }),
    ];
    expect(routeRequest({ category: 'family', members, openLoad: { m3: 9 }, now }).memberId).toBe('m3');
  });

  test("a point's own handler list for a category comes first", () => {
    const members = [executive, member('m1', { skills: ['policy'] }), member('m2')];
    const decision = routeRequest({ category: 'policy', members, openLoad: {}, overrides: { policy: ['m2'] }, now });
    expect(decision.memberId).toBe('m2');
    expect(decision.reason).toMatch(/指定的处理人/);
  });

  test('an override whose members are all away falls back to skills', () => {
    const members = [executive, member('m1', { skills: ['policy'] }), member('m2', { awayUntil: '2027-01-01' })];
    expect(routeRequest({ category: 'policy', members, openLoad: {}, overrides: { policy: ['m2'] }, now }).memberId).toBe('m1');
  });

  test('with no matching member left, the executive herself, with the reason recorded', () => {
    const decision = routeRequest({ category: 'employment', members: [executive, member('m1', { skills: ['care'] })], openLoad: {}, now });
    expect(decision).toEqual({ memberId: 'm0', executiveId: 'm0', reason: expect.stringMatching(/由执委本人负责/) });
  });

  test('the executive is not picked by skill ahead of her team', () => {
    const members = [executive, member('m1', { skills: ['rights'] })];
    expect(routeRequest({ category: 'rights', members, openLoad: { m1: 5 }, now }).memberId).toBe('m1');
  });

  test('a point without an active executive is an error, not a silent drop', () => {
    expect(() => routeRequest({ category: 'care', members: [member('m1', { skills: ['care'] })], openLoad: {}, now })).toThrow(NoExecutiveError);
  });
});
