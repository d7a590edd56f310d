import { parseTimestamp } from '../protocol/timestamp.js';
import { charLength, isJsonObject, TIMESTAMP_FORMAT, type FieldProblem, type JsonObject } from './problems.js';

export { charLength, describeProblems, isJsonObject, TIMESTAMP_FORMAT, type FieldProblem } from './problems.js';

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
    problems.push({ path: '', value, message: 'biz_content must be a JSON object' });
    return undefined;
  }

  pathOf(key: string | number): string {
    if (typeof key === 'number') return `${this.path}[${key}]`;
    return this.path === '' ? key : `${this.path}.${key}`;
  }

  report(key: string, value: unknown, message: string): void {
    this.problems.push({ path: this.pathOf(key), value, message });
  }

  has(key: string): boolean {
    const value = this.source[key];
    return value !== undefined && value !== null && value !== '';
  }

  /**
   * A `String(max)` member. A JSON number is accepted as its decimal text, as the gateway's JSON
   * binding (fastjson) would coerce it; objects, arrays and booleans are not strings.
   */
  text(key: string, max: number, required = false): string | undefined {
    const value = this.source[key];
    if (value === undefined || value === null || value === '') {
      if (required) this.report(key, value, `required: a string of at most ${max} characters`);
      return undefined;
    }
    if (typeof value !== 'string' && !(typeof value === 'number' && Number.isFinite(value))) {
      this.report(key, value, `must be a string of at most ${max} characters, not ${describe(value)}`);
      return undefined;
    }
    const text = String(value);
    const length = charLength(text);
    if (length > max) {
      this.report(key, value, `must be at most ${max} characters (it has ${length})`);
      return undefined;
    }
    return text;
  }

  /** A text member that must also match `pattern`; `expected` says what would be valid. */
  matching(key: string, max: number, required: boolean, pattern: RegExp, expected: string): string | undefined {
    const text = this.text(key, max, required);
    if (text === undefined) return undefined;
    if (!pattern.test(text)) {
      this.report(key, this.source[key], `must be ${expected}`);
      return undefined;
    }
    return text;
  }

  oneOf<T extends string>(key: string, max: number, required: boolean, values: readonly T[]): T | undefined {
    const text = this.text(key, max, required);
    if (text === undefined) return undefined;
    if (!(values as readonly string[]).includes(text)) {
      this.report(key, text, `must be one of ${values.join(', ')}`);
      return undefined;
    }
    return text as T;
  }

  /** 'yyyy-MM-dd HH:mm:ss' in Beijing time, a calendar date that exists. */
  timestamp(key: string, max: number, required = false): Date | undefined {
    const text = this.text(key, max, required);
    if (text === undefined) return undefined;
    const date = parseTimestamp(text);
    if (date === undefined) this.report(key, text, `must be ${TIMESTAMP_FORMAT}`);
    return date;
  }

  /** `Boolean(5)`: JSON true/false, or the strings "true"/"false" a form or CSV would carry. */
  bool(key: string): boolean | undefined {
    const value = this.source[key];
    if (value === undefined || value === null) return undefined;
    if (typeof value === 'boolean') return value;
    if (value === 'true' || value === 'false') return value === 'true';
    this.report(key, value, 'must be true or false');
    return undefined;
  }

  object(key: string, required = false): Fields | undefined {
    const value = this.source[key];
    if (value === undefined || value === null) {
      if (required) this.report(key, value, 'required: a JSON object');
      return undefined;
    }
    if (!isJsonObject(value)) {
      this.report(key, value, `must be a JSON object, not ${describe(value)}`);
      return undefined;
    }
    return new Fields(value, this.pathOf(key), this.problems);
  }

  /** An array of objects, each returned as Fields; `maxItems` from the reference's "at most N". */
  objects(key: string, options: { required?: boolean; maxItems?: number } = {}): Fields[] | undefined {
    const items = this.array(key, options);
    if (items === undefined) return undefined;
    const out: Fields[] = [];
    items.forEach((item, index) => {
      const at = `${this.pathOf(key)}[${index}]`;
      if (isJsonObject(item)) out.push(new Fields(item, at, this.problems));
      else this.problems.push({ path: at, value: item, message: `must be a JSON object, not ${describe(item)}` });
    });
    return out;
  }

  /**
   * A list of strings the reference types as `String(n)` or `String[](n)`: the query result shows
   * an array (feature_descriptions, benefit_desc, service_label_list), so one string or an array
   * of strings is accepted, and `max` applies to each entry.
   */
  texts(key: string, max: number, required = false): string[] | undefined {
    const value = this.source[key];
    if (typeof value === 'string' || value === undefined || value === null) {
      const one = this.text(key, max, required);
      return one === undefined ? undefined : [one];
    }
    const items = this.array(key, { required });
    if (items === undefined) return undefined;
    const texts = items.map((item, index) => this.itemText(`${this.pathOf(key)}[${index}]`, item, max));
    return texts.every((t) => t !== undefined) ? (texts as string[]) : undefined;
  }

  /** The serialized JSON of a member fits `max` characters (`MdCodeInfoDTO (1024)` and the like). */
  jsonSize(key: string, max: number): void {
    const value = this.source[key];
    if (value === undefined || value === null) return;
    const length = charLength(JSON.stringify(value));
    if (length > max) this.report(key, value, `must be at most ${max} characters as JSON (it has ${length})`);
  }

  private itemText(at: string, value: unknown, max: number): string | undefined {
    if (typeof value !== 'string' || value === '') {
      this.problems.push({ path: at, value, message: `must be a non-empty string of at most ${max} characters` });
      return undefined;
    }
    if (charLength(value) > max) {
      this.problems.push({ path: at, value, message: `must be at most ${max} characters (it has ${charLength(value)})` });
      return undefined;
    }
    return value;
  }

  private array(key: string, options: { required?: boolean; maxItems?: number }): unknown[] | undefined {
    const value = this.source[key];
    if (value === undefined || value === null) {
      if (options.required) this.report(key, value, 'required: a JSON array');
      return undefined;
    }
    if (!Array.isArray(value)) {
      this.report(key, value, `must be a JSON array, not ${describe(value)}`);
      return undefined;
    }
    if (options.required && value.length === 0) {
      this.report(key, value, 'required: a JSON array with at least one item');
      return undefined;
    }
    if (options.maxItems !== undefined && value.length > options.maxItems) {
      this.report(key, value, `must have at most ${options.maxItems} items (it has ${value.length})`);
      return undefined;
    }
    return value;
  }
}

function describe(value: unknown): string {
  if (Array.isArray(value)) return 'an array';
  if (value === null) return 'null';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}
