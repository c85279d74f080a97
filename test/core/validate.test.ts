import { ACTION_INPUTS } from '../../core/actions';
import { SENSITIVE_DATA_CONSENT } from '../../core/consent';
import { ActionError } from '../../core/envelope';
import { parse, textLength } from '../../core/validate';

const submit = (input: unknown) => parse(ACTION_INPUTS.resident.submitRequest, input);
const valid = {
  pointId: 'point-1',
  category: 'care',
  urgency: 'worry',
  description: '想了解一下关爱帮扶的政策',
  contact: { anonymous: true },
  inDanger: false,
  consentVersion: SENSITIVE_DATA_CONSENT.version,
  clientKey: 'abcdefgh12',
};

const codeOf = (work: () => unknown) => {
  try {
    work();
  } catch (error) {
    return (error as ActionError).code;
  }
  return 'ok';
};

describe('action input checks', () => {
  test('accepts a valid request and trims its text', () => {
    expect(submit({ ...valid, description: '  想了解一下关爱帮扶的政策 ' }).description).toBe('想了解一下关爱帮扶的政策');
  });

  test.each([
    ['an operator object as an id', { pointId: { $gt: '' } }],
    ['an array as text', { description: ['a'] }],
    ['an unknown key', { extra: 1 }],
    ['a lone surrogate', { description: '想了解一下\uD800政策' }],
    ['a control character', { description: '想了解一下\u0007政策' }],
    ['a number as a boolean', { contact: { anonymous: 1 } }],
    ['a too-short key', { clientKey: 'abc' }],
    ['no phone without anonymity', { contact: { anonymous: false, safeTimes: '上午' } }],
  ])('refuses %s with InvalidParameter', (_label, overrides) => {
    expect(codeOf(() => submit({ ...valid, ...overrides }))).toBe('InvalidParameter');
  });

  test('counts code points, not UTF-16 units, so one emoji is one character', () => {
    expect(textLength('👩‍👧')).toBe(3);
    expect(textLength('妇联')).toBe(2);
    expect(codeOf(() => submit({ ...valid, description: '😀'.repeat(1000) }))).toBe('ok');
    expect(codeOf(() => submit({ ...valid, description: '😀'.repeat(1001) }))).toBe('InvalidParameter');
  });
});
