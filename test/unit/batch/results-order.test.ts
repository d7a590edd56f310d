import { linkSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { batchPaths } from '../../../src/batch/paths.js';
import { RESULTS_WINDOW, ResultsWriter } from '../../../src/batch/results-file.js';
import { FakeGateway } from './fake-gateway.js';
import { memberRows, runFile, tempDir, writeFile } from './helpers.js';

const iconv = createRequire(import.meta.url)('iconv-lite') as typeof import('iconv-lite');
const { parse } = createRequire(import.meta.url)('csv-parse/sync') as typeof import('csv-parse/sync');

function results(input: string): { bom: boolean; rows: Array<Record<string, string>> } {
  const text = readFileSync(batchPaths(process.cwd(), input, {}).results, 'utf8');
  return { bom: text.startsWith('\ufeff'), rows: parse(text, { bom: true, columns: true }) as Array<Record<string, string>> };
}

describe('card batch results file, for Excel users', () => {
  it('lists rows in file order though they end out of order, each with its member (user id and external card no)', async () => {
    const gateway = new FakeGateway();
    // The first rows answer last.
    gateway.latencyMs = (biz) => Math.max(0, 30 - Number(biz.card_user_info?.user_uni_id?.slice(-2) ?? 30));
    const input = writeFile(tempDir(), 'members.csv', memberRows(40));
    const ended: number[] = [];
    await runFile(gateway, input, { concurrency: 8, rowEnded: (o) => void ended.push(o.row) });
    expect(ended).not.toEqual([...ended].sort((a, b) => a - b));
    const { bom, rows } = results(input);
    expect(bom).toBe(false);
    expect(rows.map((r) => Number(r.row))).toEqual(Array.from({ length: 40 }, (_, i) => i + 2));
    expect(rows[0]).toMatchObject({ status: 'issued', user_uni_id: '2088000000000001', external_card_no: rows[0]!.out_serial_no });
    expect(rows[39]).toMatchObject({ user_uni_id: '2088000000000040' });
  });

  it('names the member of an invalid row too, as the row had it, and its own external card no', async () => {
    const input = writeFile(tempDir(), 'members.csv', 'user_uni_id,external_card_no,level\n123,EXT-1,VIP1\n2088000000000002,EXT-2,VIP1\n');
    await runFile(new FakeGateway(), input);
    expect(results(input).rows.map((r) => [r.row, r.status, r.user_uni_id, r.external_card_no])).toEqual([['2', 'invalid', '123', 'EXT-1'], ['3', 'issued', '2088000000000002', 'EXT-2']]);
  });

  it.each([
    ['GBK (Excel in a Chinese locale)', true, (text: string) => iconv.encode(text, 'gbk')],
    ['UTF-8 with a BOM (Excel "CSV UTF-8")', true, (text: string) => Buffer.from('\ufeff' + text)],
    ['UTF-8 without a BOM (a script)', false, (text: string) => Buffer.from(text)],
  ])('%s input: results in UTF-8, with a BOM: %s', async (_name, withBom, encode) => {
    const input = writeFile(tempDir(), 'members.csv', encode('user_uni_id,name,level\n2088000000000001,张三,VIP1\n123,李四,VIP1\n'));
    await runFile(new FakeGateway(), input);
    const { bom, rows } = results(input);
    expect(bom).toBe(withBom);
    expect(rows.map((r) => r.status)).toEqual(['issued', 'invalid']);
  });

  it('after --retry-failed the whole file is in file order again, the rows sent again in their place', async () => {
    const gateway = new FakeGateway();
    const failOnce = new Set(['2088000000000003', '2088000000000007']);
    gateway.fault = ({ method, biz }) => (method === 'alipay.marketing.card.open' && failOnce.has(biz.card_user_info.user_uni_id) ? 'system-error' : undefined);
    const input = writeFile(tempDir(), 'members.csv', memberRows(10));
    await runFile(gateway, input, { maxAttempts: 1 });
    expect(results(input).rows.filter((r) => r.status === 'failed').map((r) => r.row)).toEqual(['4', '8']);
    gateway.fault = () => undefined;
    await runFile(gateway, input, { retryFailed: true });
    const { rows } = results(input);
    expect(rows.map((r) => [Number(r.row), r.status])).toEqual(Array.from({ length: 10 }, (_, i) => [i + 2, 'issued']));
    expect(rows[2]).toMatchObject({ user_uni_id: '2088000000000003' });
  });
});

describe('results writer: file order within a bounded window', () => {
  it('a row that ends early waits for those before it; past RESULTS_WINDOW rows waiting, the next row is not admitted until the first is written', async () => {
    const path = `${tempDir()}/r.csv`;
    const writer = await ResultsWriter.open(path, 'csv', 'create');
    const never = new AbortController().signal;
    for (let row = 2; row < 2 + RESULTS_WINDOW; row++) expect(await writer.admit(row, never)).toBe(true);
    let admitted = false;
    const next = writer.admit(2 + RESULTS_WINDOW, never).then((ok) => (admitted = ok));
    await writer.write({ row: 3, out_serial_no: 'S3', status: 'issued' });
    await new Promise((r) => setImmediate(r));
    expect(admitted).toBe(false);
    await writer.write({ row: 2, out_serial_no: 'S2', status: 'issued' });
    await next;
    expect(admitted).toBe(true);
    // Row 4 never ends (left in flight by a second Ctrl-C): the close writes the rows after it all the same.
    await writer.write({ row: 5, out_serial_no: 'S5', status: 'issued' });
    await writer.close();
    expect(readFileSync(path, 'utf8').trim().split('\n').map((l) => l.split(',')[0])).toEqual(['row', '2', '3', '5']);
  });

  it('a stop ends the wait for room', async () => {
    const writer = await ResultsWriter.open(`${tempDir()}/r.csv`, 'csv', 'create');
    const never = new AbortController().signal;
    for (let row = 2; row < 2 + RESULTS_WINDOW; row++) await writer.admit(row, never);
    const stop = new AbortController();
    const next = writer.admit(2 + RESULTS_WINDOW, stop.signal);
    stop.abort();
    expect(await next).toBe(false);
    await writer.close();
  });
});

describe('results writer: the temp file of a rewrite', () => {
  it('is created exclusively: a file put at its path (a hard link to another file) is refused, naming it, and left as it was', async () => {
    const dir = tempDir();
    const other = `${dir}/precious.txt`;
    writeFileSync(other, 'keep me\n');
    const temp = `${dir}/r.csv.${process.pid}.tmp`;
    linkSync(other, temp);
    await expect(ResultsWriter.open(temp, 'csv', 'createNew')).rejects.toThrow(`results file ${temp}`);
    expect(readFileSync(other, 'utf8')).toBe('keep me\n');
  });
});
