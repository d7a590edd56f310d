import { genderOf, memberCardRequest, memberSerial } from '../../../src/cards/member-card.js';
import { callbackProblemText, checkFormTemplateSet, commonFieldsText, parseFormFields, parseInfos } from '../../../src/cards/member-form.js';
import { templateRulesOf } from '../../../src/cards/template-rules.js';
import { english } from '../../../src/i18n/text.js';

describe('the sign-up form', () => {
  it('takes names people use, or the raw values, and says which are neither', () => {
    expect(parseFormFields('mobile, Name,OPEN_FORM_FIELD_BIRTHDAY,is_student')).toEqual({ values: ['OPEN_FORM_FIELD_MOBILE', 'OPEN_FORM_FIELD_NAME', 'OPEN_FORM_FIELD_BIRTHDAY', 'OPEN_FORM_FIELD_IS_STUDENT'], unknown: [] });
    expect(parseFormFields('mobile,shoe').unknown).toEqual(['shoe']);
  });

  it('is sent as the JSON strings the API types required and optional as, and held to the reference rules', () => {
    expect(commonFieldsText(['OPEN_FORM_FIELD_MOBILE'])).toBe('{"common_fields":["OPEN_FORM_FIELD_MOBILE"]}');
    const ok = checkFormTemplateSet({ template_id: 'T', fields: { required: commonFieldsText(['OPEN_FORM_FIELD_MOBILE']) } });
    expect(ok).toEqual({ problems: [], form: { required: ['OPEN_FORM_FIELD_MOBILE'], optional: [] } });
    expect(checkFormTemplateSet({ template_id: 'T', fields: { required: { common_fields: [] } } }).problems[0]!.message).toContain('JSON string');
    expect(checkFormTemplateSet({ template_id: 'T', fields: { required: commonFieldsText([]) } }).problems[0]!.message).toBe('must name at least one field');
  });

  it('callback: an http(s) URL without a query string or fragment', () => {
    const callbackProblem = (url: string) => { const text = callbackProblemText(url); return text === undefined ? undefined : english(text); };
    expect(callbackProblem('https://shop.example.com/alipay/card')).toBeUndefined();
    expect(callbackProblem('https://shop.example.com/card?x=1')).toContain('must not have a query string');
    expect(callbackProblem('https://shop.example.com/card?')).toContain('must not have a query string');
    expect(callbackProblem('ftp://x/y')).toContain('http');
    expect(callbackProblem('https://x/y#top')).toContain('fragment');
  });

  it("reads activateform.query's infos, a JSON array as text", () => {
    expect(parseInfos('[{"OPEN_FORM_FIELD_GENDER":"男"},{"OPEN_FORM_FIELD_MOBILE":"13888888888"}]')).toEqual({ OPEN_FORM_FIELD_GENDER: '男', OPEN_FORM_FIELD_MOBILE: '13888888888' });
    expect(parseInfos('not json')).toEqual({});
  });
});

describe("a member's card", () => {
  const NOW = new Date('2024-05-01T01:30:00Z');
  it('has a serial from the request_id (the same every time, 32 characters) and the answers in member_ext_info', () => {
    expect(memberSerial('r-1')).toBe(memberSerial('r-1'));
    expect(memberSerial('r-1')).not.toBe(memberSerial('r-2'));
    expect(memberSerial('r-1')).toHaveLength(32);
    const rules = templateRulesOf({ field_rule_list: [{ field_name: 'ValidDate', rule_name: 'DATE_IN_FUTURE', rule_value: '12m' }] });
    const { biz, problems } = memberCardRequest('T1', 'r-1', '2088000000000001', { OPEN_FORM_FIELD_NAME: ' 张三 ', OPEN_FORM_FIELD_MOBILE: '13800000000', OPEN_FORM_FIELD_GENDER: '女' }, {}, rules, NOW);
    expect(problems).toEqual([]);
    expect(biz).toMatchObject({ out_serial_no: memberSerial('r-1'), card_user_info: { user_uni_id: '2088000000000001' }, member_ext_info: { name: '张三', cell: '13800000000', gende: 'FEMALE' }, card_ext_info: { valid_date: '2025-05-01 09:30:00' } });
    expect([genderOf('男'), genderOf('Male'), genderOf('?')]).toEqual(['MALE', 'MALE', undefined]);
  });
});
