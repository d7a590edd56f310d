import { cardsFieldsText as t } from '../i18n/en/cards-fields.js';
import type { Text } from '../i18n/text.js';
import { parseTimestamp } from '../protocol/timestamp.js';
import { charLength, fieldProblem, isJsonObject, TIMESTAMP_FORMAT_TEXT, type FieldProblem, type JsonObject } from './problems.js';

export { changeTextParams, charLength, copyProblem, describeProblems, fieldProblem, isJsonObject, problemText, TIMESTAMP_FORMAT_TEXT, withText, type FieldProblem } from './problems.js';

/**
 * Checks the members of one JSON object and records every problem under its path, so a caller
 * gets all of them at once. Each check returns the value only when it passed, so later checks that
 * depend on it (valid_date after open_date) never pile a second message onto a broken field.
 */
export class Fields {
  constructor(
    readonly source: JsonObject,
    readonly path: string,
    readonly problems: FieldProblem[],
  ) {}

  /** Starts checking biz_content; a value that is not an object is one problem at path ''. */
  static root(value: unknown, problems: FieldProblem[]): Fields | undefined {
    if (isJsonObject(value)) return new Fields(value, '', problems);
    problems.push(fieldProblem('', value, t.bizNotObject()));
    return undefined;
  }

  pathOf(key: string | number): string {
    if (typeof key === 'number') return `${this.path}[${key}]`;
    return this.path === '' ? key : `${this.path}.${key}`;
  }

  /** A problem with the member `key`: its message as data (a plain string is English only). */
  report(key: string, value: unknown, message: Text | string): void {
    this.problems.push(fieldProblem(this.pathOf(key), value, message));
  }

  has(key: string): boolean {
    const value = this.source[key];
    return value !== undefined && value !== null && value !== '';
  }

  /**
   * A `String(max)` member (`max` undefined: a `String` whose reference states no length). A JSON
   * number is accepted as its decimal text, as the gateway's JSON binding (fastjson) would coerce
   * it; objects, arrays and booleans are not strings.
   */
  text(key: string, max: number | undefined, required = false): string | undefined {
    const value = this.source[key];
    const expected = max === undefined ? t.aString() : t.textOfAtMost({ max });
    if (value === undefined || value === null || value === '') {
      if (required) this.report(key, value, t.required({ what: expected }));
      return undefined;
    }
    if (typeof value !== 'string' && !(typeof value === 'number' && Number.isFinite(value))) {
      this.report(key, value, t.mustBeNot({ expected, got: describe(value) }));
      return undefined;
    }
    const text = String(value);
    const length = charLength(text);
    if (max !== undefined && length > max) {
      this.report(key, value, t.tooLong({ max, length }));
      return undefined;
    }
    return text;
  }

  /** A text member that must also match `pattern`; `expected` says what would be valid. */
  matching(key: string, max: number | undefined, required: boolean, pattern: RegExp, expected: Text | string): string | undefined {
    const text = this.text(key, max, required);
    if (text === undefined) return undefined;
    if (!pattern.test(text)) {
      this.report(key, this.source[key], t.mustBe({ expected }));
      return undefined;
    }
    return text;
  }

  oneOf<T extends string>(key: string, max: number | undefined, required: boolean, values: readonly T[]): T | undefined {
    const text = this.text(key, max, required);
    if (text === undefined) return undefined;
    if (!(values as readonly string[]).includes(text)) {
      this.report(key, text, t.mustBe({ expected: t.oneOf({ values: values.join(', ') }) }));
      return undefined;
    }
    return text as T;
  }

  /** 'yyyy-MM-dd HH:mm:ss' in Beijing time, a calendar date that exists. */
  timestamp(key: string, max: number | undefined, required = false): Date | undefined {
    const text = this.text(key, max, required);
    if (text === undefined) return undefined;
    const date = parseTimestamp(text);
    if (date === undefined) this.report(key, text, t.mustBe({ expected: TIMESTAMP_FORMAT_TEXT }));
    return date;
  }

  /** `Boolean(5)`: JSON true/false, or the strings "true"/"false" a form or CSV would carry. */
  bool(key: string): boolean | undefined {
    const value = this.source[key];
    if (value === undefined || value === null) return undefined;
    if (typeof value === 'boolean') return value;
    if (value === 'true' || value === 'false') return value === 'true';
    this.report(key, value, t.mustBe({ expected: t.trueOrFalse() }));
    return undefined;
  }

  object(key: string, required = false): Fields | undefined {
    const value = this.source[key];
    if (value === undefined || value === null) {
      if (required) this.report(key, value, t.required({ what: t.jsonObject() }));
      return undefined;
    }
    if (!isJsonObject(value)) {
      this.report(key, value, t.mustBeNot({ expected: t.jsonObject(), got: describe(value) }));
      return undefined;
    }
    return new Fields(value, this.pathOf(key), this.problems);
  }

  /** An array of objects, each returned as Fields; `maxItems` from the reference's "at most N". */
  objects(key: string, options: { required?: boolean; maxItems?: number } = {}): Fields[] | undefined {
    const items = this.array(key, options);
    if (items === undefined) return undefined;
    const out: Fields[] = [];
    this.eachItem(key, items, (item, at) => {
      if (isJsonObject(item)) out.push(new Fields(item, at, this.problems));
      else this.problems.push(fieldProblem(at, item, t.mustBeNot({ expected: t.jsonObject(), got: describe(item) })));
    });
    return out;
  }

  /**
   * A list of strings the reference types as `String(n)` or `String[](n)`: the query result shows
   * an array (feature_descriptions, benefit_desc, service_label_list), so one string or an array
   * of strings is accepted, and `max` applies to each entry.
   */
  texts(key: string, max: number | undefined, required = false): string[] | undefined {
    const value = this.source[key];
    if (typeof value === 'string' || value === undefined || value === null) {
      const one = this.text(key, max, required);
      return one === undefined ? undefined : [one];
    }
    const items = this.array(key, { required });
    if (items === undefined) return undefined;
    const texts: (string | undefined)[] = [];
    const whole = this.eachItem(key, items, (item, at) => texts.push(this.itemText(at, item, max)));
    return whole && texts.every((text) => text !== undefined) ? (texts as string[]) : undefined;
  }

  /** The serialized JSON of a member fits `max` characters (`MdCodeInfoDTO (1024)` and the like). */
  jsonSize(key: string, max: number): void {
    const value = this.source[key];
    if (value === undefined || value === null) return;
    const length = charLength(JSON.stringify(value));
    if (length > max) this.report(key, value, t.tooLongAsJson({ max, length }));
  }

  /**
   * `visit` for each item of the list `items` (at `key`), with its path; an item left out before one
   * given (`x[1]` set, no `x[0]`: JSON would send null) is a problem instead. False when one was.
   */
  private eachItem(key: string, items: unknown[], visit: (item: unknown, at: string) => void): boolean {
    let whole = true;
    for (let index = 0; index < items.length; index++) {
      const at = `${this.pathOf(key)}[${index}]`;
      if (index in items) {
        visit(items[index], at);
      } else {
        this.problems.push(fieldProblem(at, undefined, t.listGap()));
        whole = false;
      }
    }
    return whole;
  }

  private itemText(at: string, value: unknown, max: number | undefined): string | undefined {
    if (typeof value !== 'string' || value === '') {
      this.problems.push(fieldProblem(at, value, t.mustBe({ expected: max === undefined ? t.nonEmptyText() : t.nonEmptyTextOfAtMost({ max }) })));
      return undefined;
    }
    if (max !== undefined && charLength(value) > max) {
      this.problems.push(fieldProblem(at, value, t.tooLong({ max, length: charLength(value) })));
      return undefined;
    }
    return value;
  }

  private array(key: string, options: { required?: boolean; maxItems?: number }): unknown[] | undefined {
    const value = this.source[key];
    if (value === undefined || value === null) {
      if (options.required) this.report(key, value, t.required({ what: t.jsonArray() }));
      return undefined;
    }
    if (!Array.isArray(value)) {
      this.report(key, value, t.mustBeNot({ expected: t.jsonArray(), got: describe(value) }));
      return undefined;
    }
    if (options.required && value.length === 0) {
      this.report(key, value, t.required({ what: t.nonEmptyJsonArray() }));
      return undefined;
    }
    if (options.maxItems !== undefined && value.length > options.maxItems) {
      this.report(key, value, t.tooManyItems({ max: options.maxItems, length: value.length }));
      return undefined;
    }
    return value;
  }
}

/** What a JSON value is, as a problem says it: `an array`, `a number`. */
function describe(value: unknown): Text {
  if (Array.isArray(value)) return t.anArray();
  if (value === null) return t.aNull();
  switch (typeof value) {
    case 'object': return t.anObject();
    case 'string': return t.aString();
    case 'number': return t.aNumber();
    case 'boolean': return t.aBoolean();
    default: return t.aValueOfType({ type: typeof value });
  }
}
