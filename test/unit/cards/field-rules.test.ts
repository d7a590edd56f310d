import { dateInFuture, deriveCardInfo, type TemplateDefinition } from '../../../src/cards/index.js';
import { cardOpenSample, templateSample } from './samples.js';

// 2024-01-31 10:00:00 in Beijing.
const NOW = new Date('2024-01-31T02:00:00Z');

function template(rules: unknown[], levels?: string[]): TemplateDefinition {
  const t = templateSample();
  t.field_rule_list = rules;
  if (levels) t.card_level_confs = levels.map((level) => ({ level, level_show_name: level, level_icon: 'i', level_desc: 'd' }));
  return t as TemplateDefinition;
}

describe('dateInFuture', () => {
  it('adds days, or calendar months with the day clamped to the month end, in Beijing time', () => {
    expect(dateInFuture(NOW, '10d')).toBe('2024-02-10 10:00:00');
    expect(dateInFuture(NOW, '1m')).toBe('2024-02-29 10:00:00');
    expect(dateInFuture(NOW, '13m')).toBe('2025-02-28 10:00:00');
    expect(dateInFuture(new Date('2024-12-31T20:00:00Z'), '1d')).toBe('2025-01-02 04:00:00');
    expect(() => dateInFuture(NOW, '10y')).toThrow(RangeError);
  });
});

describe('deriveCardInfo', () => {
  it('applies CONST, DATE_IN_FUTURE and ASSIGN_FROM_REQUEST, and drops a requested biz_card_no', () => {
    const request = { ...cardOpenSample('T').card_ext_info, biz_card_no: 'mine' };
    const result = deriveCardInfo(template(templateSample().field_rule_list), request, NOW);
    expect(result).toEqual({
      cardInfo: {
        external_card_no: request.external_card_no,
        open_date: '2024-05-01 09:30:00',
        valid_date: '2024-11-30 10:00:00',
        level: 'VIP1',
        point: '100',
        balance: '124.89',
        front_text_list: request.front_text_list,
      },
    });
  });

  it('copies ASSIGN_FROM_REQUEST from the field its rule_value names', () => {
    const request = { open_date: '2024-01-01 00:00:00', valid_date: '2025-01-01 00:00:00', point: '7' };
    const result = deriveCardInfo(template([{ field_name: 'Balance', rule_name: 'ASSIGN_FROM_REQUEST', rule_value: 'point' }]), request, NOW);
    expect(result).toEqual({ cardInfo: { ...request, balance: '7' } });
  });

  it('needs the request to carry what ASSIGN_FROM_REQUEST copies', () => {
    const { balance: _b, ...request } = cardOpenSample('T').card_ext_info;
    expect(deriveCardInfo(template([{ field_name: 'Balance', rule_name: 'ASSIGN_FROM_REQUEST', rule_value: 'Balance' }]), request as any, NOW)).toEqual({
      problems: [
        {
          path: 'card_ext_info.balance',
          value: undefined,
          message: 'required by the template: its field rule fills Balance from the request (ASSIGN_FROM_REQUEST)',
        },
      ],
    });
  });

  it("refuses a level the template does not define, and a derived valid_date not after open_date", () => {
    const request = { ...cardOpenSample('T').card_ext_info, level: 'VIP9', open_date: '2024-12-01 00:00:00' };
    const result = deriveCardInfo(template([{ field_name: 'ValidDate', rule_name: 'DATE_IN_FUTURE', rule_value: '1d' }], ['VIP1', 'VIP2']), request, NOW);
    expect('problems' in result && result.problems.map((p) => [p.path, p.message])).toEqual([
      ['card_ext_info.level', 'must be a level of the template: one of VIP1, VIP2'],
      ['card_ext_info.valid_date', "must be after open_date (2024-12-01 00:00:00) once the template's field rules are applied"],
    ]);
  });
});
