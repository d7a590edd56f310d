import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli } from './cli.js';
import { batchProject, createTemplate, gatewayForSuite } from './batch-harness.js';

const served = gatewayForSuite();

/**
 * A person reads card batch in Chinese under a Chinese locale; what a machine reads — the results
 * file, NDJSON row events, --validate-only's JSON, sub_msg — is the same bytes in either language.
 * The valid rows bring their own dates, so the second run sends the very same requests under the
 * same serials and the gateway answers with the cards the first run issued: nothing differs by run.
 */
describe('card batch in Chinese', () => {
  const csv = [
    'user_uni_id,level,open_date,valid_date',
    '2088610000000001,VIP1,2026-01-01 00:00:00,2099-01-01 00:00:00',
    '123,VIP1,2026-01-01 00:00:00,2099-01-01 00:00:00',
    '2088610000000003,VIP1,2026-01-01 00:00:00,2099-01-01 00:00:00',
  ].join('\r\n') + '\r\n';

  async function runIn(lang: string, templateId: string, extra: readonly string[]) {
    const dir = batchProject(served());
    writeFileSync(join(dir, 'members.csv'), csv);
    const r = await runCli(['card', 'batch', 'members.csv', '--template-id', templateId, ...extra], { cwd: dir, env: { LANG: lang }, timeoutMs: 60_000 });
    const results = extra.includes('--validate-only') ? '' : readFileSync(join(dir, 'members.csv.results.csv'), 'utf8');
    return { ...r, results };
  }

  it('an invalid row: the summary and the error in Chinese on stderr; the results file and --output ndjson stdout byte-identical to the English run', async () => {
    const templateId = await createTemplate(served(), 'e2e-batch-language');
    // One request at a time: the row events come out as rows end, in the same order in both runs.
    const en = await runIn('en_US.UTF-8', templateId, ['--output', 'ndjson', '--concurrency', '1']);
    const zh = await runIn('zh_CN.UTF-8', templateId, ['--output', 'ndjson', '--concurrency', '1']);

    expect([en.code, zh.code]).toEqual([7, 7]);
    expect(en.stderr).toContain('  invalid  1');
    expect(en.stderr).toMatch(/error: 0 rows failed and 1 was invalid: see \S*members\.csv\.results\.csv/);
    expect(zh.stderr).toMatch(/^完成：\S*members\.csv 共 3 行$/m);
    expect(zh.stderr).toContain('  已开卡   2');
    expect(zh.stderr).toContain('  无效     1');
    expect(zh.stderr).toMatch(/错误：0 行失败，1 行无效：详见 \S*members\.csv\.results\.csv/);
    expect(zh.stderr).toContain('提示：把这些行修正后放进新文件，再运行新文件');
    expect(zh.stderr).not.toMatch(/invalid|rows\/s|results {2}/);

    // Machine output: the same bytes, the row's problem in English.
    expect(zh.stdout).toBe(en.stdout);
    expect(zh.results).toBe(en.results);
    const invalid = en.stdout.trim().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>).find((e) => e.status === 'invalid');
    expect(invalid).toMatchObject({ row: 3, status: 'invalid', sub_code: 'cli.invalid-row', sub_msg: expect.stringContaining('user_uni_id: ') });
    expect(en.stdout.split('\n').filter(Boolean).map((line) => (JSON.parse(line) as { status: string }).status).sort()).toEqual(['invalid', 'issued', 'issued']);
    expect(en.results).toContain('user_uni_id: ');
  }, 120_000);

  it("--validate-only: the invalid row listed for a person in Chinese; its JSON is the English run's", async () => {
    const templateId = await createTemplate(served(), 'e2e-batch-language-check');
    const zhTable = await runIn('zh_CN.UTF-8', templateId, ['--validate-only', '--output', 'table']);
    expect(zhTable.code).toBe(2);
    expect(zhTable.stdout).toMatch(/^第 3 行，user_uni_id \(card_user_info\.user_uni_id\)：.*——实际为 "123"$/m);
    expect(zhTable.stderr).toContain('错误：3 行中有 1 行无效（共 1 个问题）；未发送任何请求');

    const en = await runIn('en_US.UTF-8', templateId, ['--validate-only', '--output', 'json']);
    const zh = await runIn('zh_CN.UTF-8', templateId, ['--validate-only', '--output', 'json']);
    expect([en.code, zh.code]).toEqual([2, 2]);
    expect(zh.stdout).toBe(en.stdout);
    expect(JSON.parse(en.stdout)).toMatchObject({ problems: [{ row: 3, column: 'user_uni_id', value: '123' }], rows: 3, invalid_rows: 1 });
    expect(en.stderr).toContain('error: 1 of 3 rows are invalid (1 problem); nothing was sent');
  }, 120_000);
});
