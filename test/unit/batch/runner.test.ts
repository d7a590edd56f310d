import { appendFileSync, existsSync, linkSync, readFileSync, rmSync, truncateSync, statSync, writeFileSync } from 'node:fs';
import iconv from 'iconv-lite';
import { join } from 'node:path';
import { batchPaths } from '../../../src/batch/paths.js';
import { DEMO_RULES, FakeGateway, type Fault } from './fake-gateway.js';
import { journalLines, memberRows, resultsCsv, runFile, tempDir, writeFile } from './helpers.js';

describe('card batch runner: every row ends exactly once', () => {
  it('issues every row, journals send before end, and writes one results line per row', async () => {
    const gateway = new FakeGateway();
    const input = writeFile(tempDir(), 'members.csv', memberRows(25));
    const summary = await runFile(gateway, input);
    expect(summary.counts).toMatchObject({ issued: 25, failed: 0, invalid: 0, inFlight: 0 });
    expect(gateway.cards.size).toBe(25);
    const results = resultsCsv(input);
    expect(results[0]).toEqual(['row', 'out_serial_no', 'status', 'biz_card_no', 'code', 'sub_code', 'sub_msg', 'user_uni_id', 'external_card_no']);
    expect(results.slice(1).map((r) => Number(r[0])).sort((a, b) => a - b)).toEqual(Array.from({ length: 25 }, (_, i) => i + 2));
    expect(results.slice(1).every((r) => r[2] === 'issued' && /^C\d{6}$/.test(r[3]!))).toBe(true);
    const journal = journalLines(input);
    expect(journal[0]).toMatchObject({ journal: 'alipay-card card batch', version: 1, template_id: 'T1' });
    for (let row = 2; row <= 26; row++) {
      const send = journal.findIndex((r) => r.send === row);
      const end = journal.findIndex((r) => r.end === row);
      expect(send).toBeGreaterThan(0);
      expect(end).toBeGreaterThan(send);
    }
    expect(journal.at(-1)).toMatchObject({ run: 'finished' });
  });

  it('never has more than --concurrency requests out, with rows ahead of them ready to go', async () => {
    const gateway = new FakeGateway();
    gateway.latencyMs = (biz) => (Number(biz.card_user_info?.user_uni_id?.slice(-1) ?? 0) % 3) * 5;
    const input = writeFile(tempDir(), 'members.csv', memberRows(60));
    const summary = await runFile(gateway, input, { concurrency: 3 });
    expect(summary.counts.issued).toBe(60);
    expect(gateway.maxInFlight).toBe(3);
  });

  it('builds the request as card open does: derived serial, open_date now, UID, external_card_no, valid_date from the template rule', async () => {
    const gateway = new FakeGateway();
    const input = writeFile(tempDir(), 'members.csv', memberRows(1));
    await runFile(gateway, input);
    const { biz } = gateway.calls.find((c) => c.method === 'alipay.marketing.card.open')!;
    const batchId = journalLines(input)[0]!.batch_id as string;
    expect(biz).toEqual({
      card_user_info: { user_uni_id: '2088000000000001', user_uni_id_type: 'UID' },
      member_ext_info: { name: 'Member 1' },
      card_ext_info: { level: 'VIP1', open_date: '2024-05-01 09:30:00', external_card_no: `${batchId}00000002`, valid_date: '2025-05-01 09:30:00' },
      card_template_id: 'T1',
      out_serial_no: `${batchId}00000002`,
    });
    // One template query for the whole file, not one per row.
    expect(gateway.calls.filter((c) => c.method === 'alipay.marketing.card.template.query')).toHaveLength(1);
  });

  it.each<[Fault]>([['transport'], ['unavailable'], ['system-error'], ['throttle'], ['reset-after-store']])(
    'retries %s with the same request, and a card stored before a lost answer is not issued twice',
    async (fault) => {
      const gateway = new FakeGateway();
      const failed = new Set<string>();
      gateway.fault = ({ method, biz }) => {
        if (method !== 'alipay.marketing.card.open' || failed.has(biz.out_serial_no)) return undefined;
        failed.add(biz.out_serial_no);
        return fault;
      };
      const input = writeFile(tempDir(), 'members.csv', memberRows(10));
      const summary = await runFile(gateway, input);
      expect(summary.counts.issued).toBe(10);
      expect(gateway.cards.size).toBe(10);
      expect(gateway.cardOpens()).toBe(20);
      // Each retry sent exactly the bytes of the first attempt.
      const bySerial = new Map<string, string[]>();
      for (const c of gateway.calls.filter((c) => c.method === 'alipay.marketing.card.open')) {
        bySerial.set(c.biz.out_serial_no, [...(bySerial.get(c.biz.out_serial_no) ?? []), JSON.stringify(c.biz)]);
      }
      for (const sent of bySerial.values()) expect(new Set(sent).size).toBe(1);
    },
  );

  it('records rows that fail after every attempt with the gateway code, and non-retryable failures after one', async () => {
    const gateway = new FakeGateway();
    gateway.fault = ({ method, biz }) => {
      if (method !== 'alipay.marketing.card.open') return undefined;
      if (biz.card_user_info.user_uni_id.endsWith('1')) return 'system-error';
      if (biz.card_user_info.user_uni_id.endsWith('2')) return 'invalid';
      if (biz.card_user_info.user_uni_id.endsWith('3')) return 'bad-sign';
      return undefined;
    };
    const input = writeFile(tempDir(), 'members.csv', memberRows(4));
    const summary = await runFile(gateway, input, { maxAttempts: 4 });
    expect(summary.counts).toMatchObject({ issued: 1, failed: 3, failedRetryable: 2 });
    expect(Object.fromEntries(summary.counts.failedByReason)).toEqual({ SYSTEM_ERROR: 1, INVALID_PARAMETER: 1, 'cli.verification-failed': 1 });
    const attempts = (id: string) => gateway.calls.filter((c) => c.method === 'alipay.marketing.card.open' && c.biz.card_user_info.user_uni_id === id).length;
    expect([attempts('2088000000000001'), attempts('2088000000000002'), attempts('2088000000000003')]).toEqual([4, 1, 1]);
    const rows = resultsCsv(input);
    expect(rows.find((r) => r[0] === '2')).toEqual(['2', expect.any(String), 'failed', '', '40004', 'SYSTEM_ERROR', '系统异常', '2088000000000001', expect.any(String)]);
  });

  it('does not retry an HTTP 4xx, ends a row with a character the charset lacks as invalid while the others go on, and keeps the token out of sub_msg', async () => {
    const gateway = new FakeGateway();
    gateway.fault = ({ method, biz }) => {
      if (method !== 'alipay.marketing.card.open') return undefined;
      if (biz.card_user_info.user_uni_id.endsWith('1')) return 'http404';
      if (biz.card_user_info.user_uni_id.endsWith('2')) return 'unencodable';
      if (biz.card_user_info.user_uni_id.endsWith('3')) return 'signature-echo';
      return undefined;
    };
    const input = writeFile(tempDir(), 'members.csv', memberRows(4));
    const summary = await runFile(gateway, input, { maxAttempts: 4, authToken: 'authusrSECRET42' });
    expect(summary.counts).toMatchObject({ issued: 1, failed: 2, failedRetryable: 0, invalid: 1 });
    const attempts = (id: string) => gateway.calls.filter((c) => c.method === 'alipay.marketing.card.open' && c.biz.card_user_info.user_uni_id === id).length;
    expect([attempts('2088000000000001'), attempts('2088000000000002'), attempts('2088000000000003')]).toEqual([1, 1, 1]);
    const rows = resultsCsv(input);
    expect(rows.find((r) => r[0] === '2')).toEqual(['2', expect.any(String), 'failed', '', '', 'cli.transport-error', 'the gateway answered HTTP 404', '2088000000000001', expect.any(String)]);
    expect(rows.find((r) => r[0] === '3')).toEqual(['3', expect.any(String), 'invalid', '', '', 'cli.invalid-row', expect.stringContaining('cannot be encoded in gbk'), '2088000000000002', expect.any(String)]);
    expect(rows.find((r) => r[0] === '4')![6]).toContain('auth_token=<redacted auth_token>&biz_content');
    expect(readFileSync(batchPaths(process.cwd(), input, {}).results, 'utf8')).not.toContain('SECRET42');
    expect(JSON.stringify(journalLines(input))).not.toContain('SECRET42');
  });

  it('records invalid rows without sending them, with every problem and its column', async () => {
    const gateway = new FakeGateway();
    const input = writeFile(tempDir(), 'members.csv', 'user_uni_id,name,birth,point\n2088000000000001,A,1990-01-01,1\n123,B,1990-02-30,1.234\n');
    const summary = await runFile(gateway, input);
    expect(summary.counts).toMatchObject({ issued: 1, invalid: 1 });
    expect(gateway.cardOpens()).toBe(1);
    const invalid = journalLines(input).find((r) => r.end === 3);
    expect(invalid).toMatchObject({ status: 'invalid', sub_code: 'cli.invalid-row' });
    expect(invalid!.sub_msg).toContain('user_uni_id: must be');
    expect(invalid!.sub_msg).toContain('birth: must be');
    expect(invalid!.sub_msg).toContain('point: must be');
    expect(journalLines(input).some((r) => r.send === 3)).toBe(false);
  });

  it('makes rows of a template that does not exist invalid, and rows of one with no ValidDate rule need valid_date', async () => {
    const gateway = new FakeGateway();
    gateway.templates.set('T2', undefined);
    const input = writeFile(tempDir(), 'members.csv', 'user_uni_id,card_template_id\n2088000000000001,T1\n2088000000000002,NOPE\n2088000000000003,T2\n');
    const summary = await runFile(gateway, input);
    expect(summary.counts).toMatchObject({ issued: 1, invalid: 2 });
    const lines = journalLines(input);
    expect(lines.find((r) => r.end === 3)!.sub_msg).toMatch(/card_template_id: template query for NOPE failed: 40004 TEMPLATE_NOT_EXIT/);
    expect(lines.find((r) => r.end === 4)!.sub_msg).toMatch(/valid_date: required: a valid_date column .* template T2 has no DATE_IN_FUTURE rule/);
  });

  it("holds every row to its template's field rules and levels: the rows the gateway would refuse are invalid, never sent", async () => {
    const gateway = new FakeGateway();
    gateway.templates.set('DEMO', DEMO_RULES);
    gateway.templates.set('T2', { field_rule_list: [{ field_name: 'Point', rule_name: 'ASSIGN_FROM_REQUEST', rule_value: 'Point' }], card_level_confs: [{ level: 'GOLD' }] });
    const input = writeFile(tempDir(), 'members.csv', [
      'user_uni_id,level,point,balance,valid_date,card_template_id',
      '2088000000000001,VIP1,88,124.89,,', // valid: DEMO from --template-id, valid_date from its rule
      '2088000000000002,VIP1,,124.89,,', // no point
      '2088000000000003,VIP3,1,1.00,,', // not a DEMO level
      '2088000000000004,GOLD,5,,2030-01-01 00:00:00,T2', // valid for T2, which wants only a point
      '2088000000000005,VIP1,5,,2030-01-01 00:00:00,T2', // not a T2 level
    ].join('\n') + '\n');
    const summary = await runFile(gateway, input, { templateId: 'DEMO' });
    expect(summary.counts).toMatchObject({ issued: 2, invalid: 3, failed: 0 });
    expect(gateway.calls.filter((c) => c.method === 'alipay.marketing.card.open').map((c) => c.biz.card_user_info.user_uni_id).sort()).toEqual(['2088000000000001', '2088000000000004']);
    // One template query per template id, however many rows name it.
    expect(gateway.calls.filter((c) => c.method === 'alipay.marketing.card.template.query').map((c) => c.biz.template_id).sort()).toEqual(['DEMO', 'T2']);
    const lines = journalLines(input);
    expect(lines.find((r) => r.end === 3)).toMatchObject({ status: 'invalid', sub_code: 'cli.invalid-row', sub_msg: 'point: required by the template: its field rule fills Point from the request (ASSIGN_FROM_REQUEST)' });
    expect(lines.find((r) => r.end === 4)!.sub_msg).toBe('level: must be a level of the template: one of VIP1, VIP2 (got "VIP3")');
    expect(lines.find((r) => r.end === 6)!.sub_msg).toBe('level: must be a level of the template: one of GOLD (got "VIP1")');
    expect(lines.some((r) => r.send === 3 || r.send === 4 || r.send === 6)).toBe(false);
  });

  it('uses an auth_token column for its row only, and never writes it to the journal or results', async () => {
    const gateway = new FakeGateway();
    const input = writeFile(tempDir(), 'members.csv', 'user_uni_id,auth_token\n2088000000000001,composeB-secret-token\n');
    await runFile(gateway, input);
    expect(gateway.calls.at(-1)!.authToken).toBe('composeB-secret-token');
    const { journal, results } = batchPaths(process.cwd(), input, {});
    expect(readFileSync(journal, 'utf8')).not.toContain('secret');
    expect(readFileSync(results, 'utf8')).not.toContain('secret');
  });

  it('a fatal failure (the template query refused for our signature) stops the run and is thrown', async () => {
    const gateway = new FakeGateway();
    gateway.fault = ({ method }) => (method === 'alipay.marketing.card.template.query' ? 'bad-sign' : undefined);
    const input = writeFile(tempDir(), 'members.csv', memberRows(3));
    await expect(runFile(gateway, input)).rejects.toThrow('the signature does not verify');
    expect(gateway.cardOpens()).toBe(0);
  });
});

describe('card batch runner: interruption and resume', () => {
  it('a stop takes no more rows, lets those in flight end, and --resume finishes the rest', async () => {
    const gateway = new FakeGateway();
    const input = writeFile(tempDir(), 'members.csv', memberRows(40));
    const stop = new AbortController();
    let ended = 0;
    const first = await runFile(gateway, input, { stop: stop.signal, rowEnded: () => void (++ended === 10 && stop.abort()) });
    expect(first.interrupted).toBe(true);
    expect(first.counts.issued).toBeGreaterThanOrEqual(10);
    expect(first.counts.issued).toBeLessThan(40);
    expect(first.counts.inFlight).toBe(0);
    expect(journalLines(input).at(-1)).toMatchObject({ run: 'interrupted' });

    const second = await runFile(gateway, input, { resume: true });
    expect(second.interrupted).toBe(false);
    expect(second.counts.issued).toBe(40);
    expect(second.ended).toBe(40 - first.counts.issued);
    expect(gateway.cards.size).toBe(40);
    expect(gateway.cardOpens()).toBe(40);
    expect(resultsCsv(input)).toHaveLength(41);
  });

  it('a stop withdraws rows still waiting for the pacer: never journaled as sent, never sent; --resume sends them', async () => {
    const gateway = new FakeGateway();
    gateway.latencyMs = 20;
    const input = writeFile(tempDir(), 'members.csv', memberRows(30));
    const stop = new AbortController();
    // Ctrl-C while the first two requests are out and the rows after them wait for the pacer.
    gateway.fault = ({ method }) => void (method === 'alipay.marketing.card.open' && stop.abort());
    const first = await runFile(gateway, input, { stop: stop.signal, concurrency: 2 });
    expect(first.interrupted).toBe(true);
    const lines = journalLines(input);
    const sent = lines.filter((l) => 'send' in l).map((l) => l.send);
    const ended = lines.filter((l) => 'end' in l).map((l) => l.end);
    // The two out ended; the rows built and waiting behind them neither went out nor were recorded.
    expect(sent).toEqual([2, 3]); // spreadsheet rows: the header is row 1
    expect(ended.sort()).toEqual([2, 3]);
    expect(gateway.cardOpens()).toBe(2);
    expect(first.counts).toMatchObject({ issued: 2, inFlight: 0 });

    const second = await runFile(gateway, input, { resume: true, concurrency: 2 });
    expect(second.counts.issued).toBe(30);
    expect(gateway.cards.size).toBe(30);
    expect(gateway.cardOpens()).toBe(30);
  });

  it('counts a balance given in whole yuan as sent with two decimals only for rows sent: not for rows a stop withdrew', async () => {
    const gateway = new FakeGateway();
    gateway.latencyMs = 20;
    const rows = ['user_uni_id,name,level,balance', ...Array.from({ length: 30 }, (_, i) => `2088${String(i + 1).padStart(12, '0')},Member ${i + 1},VIP1,100`)];
    const input = writeFile(tempDir(), 'members.csv', rows.join('\n') + '\n');
    const stop = new AbortController();
    gateway.fault = ({ method }) => void (method === 'alipay.marketing.card.open' && stop.abort());
    const first = await runFile(gateway, input, { stop: stop.signal, concurrency: 2 });
    expect(first.interrupted).toBe(true);
    expect(gateway.cardOpens()).toBe(2);
    expect(first.balancesNormalised).toBe(2);
    const second = await runFile(gateway, input, { resume: true, concurrency: 2 });
    expect(second.counts.issued).toBe(30);
    // The two runs together: each row once.
    expect(first.balancesNormalised + second.balancesNormalised).toBe(30);
  });

  it('a crash between "send" and "end" is resumed by sending the row again with its recorded serial and dates', async () => {
    const gateway = new FakeGateway();
    const dir = tempDir();
    const input = writeFile(dir, 'members.csv', memberRows(3));
    await runFile(gateway, input);
    const { journal, results } = batchPaths(process.cwd(), input, {});
    // Drop row 3's "end" and what followed the runs: as if killed while its request was out
    // (the other rows had ended), in the middle of writing its outcome.
    const lines = readFileSync(journal, 'utf8').trim().split('\n');
    const sendAt = lines.findIndex((l) => l.includes('"send":3'));
    const kept = lines.filter((l) => !l.includes('"end":3') && !l.includes('"finished"')).join('\n') + '\n';
    truncateSync(journal, 0);
    appendFileSync(journal, kept + '{"end":3,"out_s');
    const sentBefore = JSON.parse(lines[sendAt]!);
    gateway.templates.set('T1', '24m'); // a changed template must not change what is re-sent

    const resumed = await runFile(gateway, input, { resume: true, now: new Date('2024-06-01T00:00:00Z') });
    expect(resumed.counts).toMatchObject({ issued: 3, inFlight: 0 });
    expect(resumed.ended).toBe(1);
    const resent = gateway.calls.at(-1)!.biz;
    expect(resent.out_serial_no).toBe(sentBefore.out_serial_no);
    expect(resent.card_ext_info.valid_date).toBe(sentBefore.valid_date);
    expect(resent.card_ext_info.open_date).toBe(sentBefore.open_date);
    // The gateway answered the replay with the card it had issued: still three cards.
    expect(gateway.cards.size).toBe(3);
    // The results file was rebuilt: every row once, no half line.
    const rows = readFileSync(results, 'utf8').trim().split('\n');
    expect(rows).toHaveLength(4);
    expect(statSync(journal).size).toBeGreaterThan(0);
    expect(readFileSync(journal, 'utf8')).not.toContain('"out_s\n');
  });

  it('refuses to start over a journal with rows unless told to resume, and refuses a changed file', async () => {
    const gateway = new FakeGateway();
    const input = writeFile(tempDir(), 'members.csv', memberRows(2));
    await runFile(gateway, input);
    await expect(runFile(gateway, input)).rejects.toThrow(/already has a batch journal .* 2 rows ended/);
    appendFileSync(input, '2088000000000099,New,VIP1\n');
    await expect(runFile(gateway, input, { resume: true })).rejects.toThrow(/has changed since its batch started/);
  });

  it('a file edited since its batch started is not started over: its rows would have new serials, and issued cards would be issued again', async () => {
    const gateway = new FakeGateway();
    const input = writeFile(tempDir(), 'members.csv', memberRows(2));
    await runFile(gateway, input);
    const sent = gateway.calls.length;
    appendFileSync(input, '2088000000000099,New,VIP1\n');
    const refused = runFile(gateway, input);
    await expect(refused).rejects.toThrow(expect.objectContaining({
      exitCode: 2,
      message: expect.stringMatching(/members\.csv has changed since its batch started \(journal .*: 2 cards issued\): its rows now have other out_serial_no, so a new run would issue those cards again$/),
      hint: expect.stringContaining('put only the rows still to do (see their status in '),
    }));
    await expect(refused).rejects.toThrow(expect.objectContaining({ hint: expect.not.stringContaining('delete the journal') }));
    expect(gateway.calls.length).toBe(sent);
  });

  it('a file edited since another batch (another --results) issued cards is refused: its rows have new serials; the same bytes, or that journal deleted, run', async () => {
    const gateway = new FakeGateway();
    const dir = tempDir();
    const input = writeFile(dir, 'members.csv', memberRows(2));
    const lockDir = join(dir, 'locks');
    await runFile(gateway, input, { lockDir });
    const firstJournal = join(dir, 'members.csv.results.journal');
    // The same bytes under another --results: the same serials, which the gateway answers with the cards it issued.
    const same = await runFile(gateway, input, { lockDir, resultsPath: join(dir, 'same.csv'), journalPath: join(dir, 'same.journal') });
    expect(same.counts.issued).toBe(2);
    expect(gateway.cards.size).toBe(2);

    appendFileSync(input, '2088000000000099,New,VIP1\n');
    const sent = gateway.calls.length;
    const other = { lockDir, resultsPath: join(dir, 'other.csv'), journalPath: join(dir, 'other.journal') };
    await expect(runFile(gateway, input, other)).rejects.toThrow(expect.objectContaining({
      exitCode: 2,
      message: `${input} has changed since another batch ran it (journal ${firstJournal}: 2 cards issued): its rows now have other out_serial_no, so this run would issue those cards again`,
      hint: `put only the rows still to do (see their status in ${join(dir, 'members.csv.results.csv')}) in a new file and run that; to run this file all the same, delete ${firstJournal}`,
    }));
    expect(gateway.calls.length).toBe(sent);
    expect(existsSync(other.resultsPath)).toBe(false);
    expect(existsSync(other.journalPath)).toBe(false);

    // Both earlier journals deleted: the person means it.
    rmSync(firstJournal);
    rmSync(join(dir, 'same.journal'));
    const anyway = await runFile(gateway, input, other);
    expect(anyway.counts.issued).toBe(3);
  });

  it('a hard link of a file another batch issued cards from is the same file: edited, it is refused under its other name too', async () => {
    const gateway = new FakeGateway();
    const dir = tempDir();
    const input = writeFile(dir, 'members.csv', memberRows(2));
    const link = join(dir, 'link.csv');
    linkSync(input, link);
    const lockDir = join(dir, 'locks');
    await runFile(gateway, input, { lockDir });
    const firstJournal = join(dir, 'members.csv.results.journal');
    // Edited in place: the link sees the edit (the same file).
    appendFileSync(input, '2088000000000099,New,VIP1\n');
    const sent = gateway.calls.length;
    await expect(runFile(gateway, link, { lockDir })).rejects.toThrow(expect.objectContaining({
      exitCode: 2,
      message: `${link} has changed since another batch ran it (journal ${firstJournal}: 2 cards issued): its rows now have other out_serial_no, so this run would issue those cards again`,
    }));
    expect(gateway.calls.length).toBe(sent);
    expect(existsSync(join(dir, 'link.csv.results.journal'))).toBe(false);
    // That journal deleted: the person means it.
    rmSync(firstJournal);
    await expect(runFile(gateway, link, { lockDir })).resolves.toMatchObject({ rows: 3 });
  });

  it('the same bytes with another --map (another batch id, so other serials) are refused while the other batch issued cards', async () => {
    const gateway = new FakeGateway();
    const dir = tempDir();
    const input = writeFile(dir, 'members.csv', memberRows(2));
    const lockDir = join(dir, 'locks');
    await runFile(gateway, input, { lockDir });
    const other = { lockDir, map: ['level=level'], resultsPath: join(dir, 'other.csv'), journalPath: join(dir, 'other.journal') };
    await expect(runFile(gateway, input, other)).rejects.toThrow(`another batch of ${input} for this template ran with other --map or --ignore-unknown-columns (journal ${join(dir, 'members.csv.results.journal')}: 2 cards issued): this run's rows have other out_serial_no, so it would issue those cards again`);
    expect(gateway.cards.size).toBe(2);
    // Another template asks for other cards: not refused (the fake gateway has no T2: its rows end invalid).
    await expect(runFile(gateway, input, { ...other, templateId: 'T2' })).resolves.toMatchObject({ rows: 2 });
  });

  it('rows that bring their own out_serial_no keep it in any batch: an edited file of them is not refused as if its serials had changed', async () => {
    const gateway = new FakeGateway();
    const dir = tempDir();
    const rows = ['user_uni_id,name,level,out_serial_no', '2088000000000001,A,VIP1,OWN-1', '2088000000000002,B,VIP1,OWN-2'];
    const input = writeFile(dir, 'members.csv', rows.join('\n') + '\n');
    const lockDir = join(dir, 'locks');
    await runFile(gateway, input, { lockDir });
    appendFileSync(input, '2088000000000003,C,VIP1,OWN-3\n');
    // The same journal: the plain "already has a journal", whose hint (delete it: the same serials) is true here.
    await expect(runFile(gateway, input, { lockDir })).rejects.toThrow(/already has a batch journal .* 2 rows ended/);
    // Another --results: runs; the two cards issued are answered as issued, one new.
    const other = await runFile(gateway, input, { lockDir, resultsPath: join(dir, 'other.csv'), journalPath: join(dir, 'other.journal') });
    expect(other.counts.issued).toBe(3);
    expect(gateway.cards.size).toBe(3);
  });

  it('a GBK file saved again as UTF-8 is a changed file, on --resume and on a new run, not "--encoding gb18030: is UTF-8 text"', async () => {
    const gateway = new FakeGateway();
    const dir = tempDir();
    const text = 'user_uni_id,name,level\n2088000000000001,张三,VIP1\n2088000000000002,李四,VIP1\n';
    const input = writeFile(dir, 'members.csv', iconv.encode(text, 'gbk'));
    await runFile(gateway, input);
    writeFileSync(input, text);
    await expect(runFile(gateway, input, { resume: true })).rejects.toThrow(/members\.csv has changed since its batch started \(journal .*\)$/);
    await expect(runFile(gateway, input)).rejects.toThrow(/members\.csv has changed since its batch started \(journal .*: 2 cards issued\)/);
  });

  it('goes on only where it started: the same gateway and app, or a usage error naming both and sending nothing', async () => {
    const gateway = new FakeGateway();
    const input = writeFile(tempDir(), 'members.csv', memberRows(6));
    const stop = new AbortController();
    const started = { gateway: 'https://openapi.alipay.com/gateway.do', app_id: '2021000000000001' };
    await runFile(gateway, input, { stop: stop.signal, concurrency: 1, target: started, rowEnded: () => stop.abort() });
    expect(journalLines(input)[0]).toMatchObject({ target: started });
    const sent = gateway.calls.length;
    for (const target of [{ ...started, gateway: 'local /home/u/.local/state/alipay-card/in-process/gateway.json' }, { ...started, app_id: '2021000000000002' }]) {
      for (const flag of [{ resume: true }, { retryFailed: true }]) {
        await expect(runFile(gateway, input, { ...flag, target })).rejects.toThrow(expect.objectContaining({
          exitCode: 2,
          message: expect.stringContaining(`this batch was sent to ${started.gateway} as app ${started.app_id}; this command would send to ${target.gateway} as app ${target.app_id}`),
        }));
      }
    }
    expect(gateway.calls.length).toBe(sent);
    const resumed = await runFile(gateway, input, { resume: true, target: started });
    expect(resumed.counts.issued).toBe(6);
  });

  it('--resume or --retry-failed with no journal is a usage error naming where it looked, and sends nothing', async () => {
    const gateway = new FakeGateway();
    const dir = tempDir();
    const input = writeFile(dir, 'members.csv', memberRows(2));
    for (const flag of [{ resume: true }, { retryFailed: true }]) {
      const attempt = runFile(gateway, input, { ...flag, resultsPath: join(dir, 'elsewhere.csv'), journalPath: join(dir, 'elsewhere.journal') });
      await expect(attempt).rejects.toThrow(expect.objectContaining({
        exitCode: 2,
        message: expect.stringContaining(`no journal at ${join(dir, 'elsewhere.journal')}`),
        hint: expect.stringContaining('pass the same --results (and --journal) as the run you are resuming'),
      }));
    }
    expect(gateway.calls).toEqual([]);
    expect(existsSync(join(dir, 'elsewhere.csv'))).toBe(false);
  });

  it('--retry-failed sends again only rows that failed for a transient reason, under the same serial', async () => {
    const gateway = new FakeGateway();
    gateway.fault = ({ method, biz }) => {
      if (method !== 'alipay.marketing.card.open') return undefined;
      return biz.card_user_info.user_uni_id.endsWith('1') ? 'unavailable' : biz.card_user_info.user_uni_id.endsWith('2') ? 'invalid' : undefined;
    };
    const input = writeFile(tempDir(), 'members.csv', memberRows(3));
    const first = await runFile(gateway, input);
    expect(first.counts).toMatchObject({ issued: 1, failed: 2, failedRetryable: 1 });
    gateway.fault = () => undefined;
    const resumed = await runFile(gateway, input, { resume: true });
    expect(resumed.ended).toBe(0);
    // A day later: the retried row must still carry the dates it was first sent with, or the
    // gateway (which may have stored the card behind the lost answer) would refuse it as a new request.
    const retried = await runFile(gateway, input, { retryFailed: true, now: new Date('2024-05-02T01:30:00Z') });
    const sends = gateway.calls.filter((c) => c.method === 'alipay.marketing.card.open' && c.biz.card_user_info.user_uni_id === '2088000000000001');
    expect(new Set(sends.map((c) => JSON.stringify(c.biz))).size).toBe(1);
    expect(retried.ended).toBe(1);
    expect(retried.counts).toMatchObject({ issued: 2, failed: 1 });
    // The results file holds each row once, with its last outcome.
    const rows = resultsCsv(input).slice(1);
    expect(rows).toHaveLength(3);
    expect(rows.find((r) => r[0] === '2')![2]).toBe('issued');
  });

  it('a second stop abandons rows in flight; they stay journaled as sent and --resume sends them again', async () => {
    const gateway = new FakeGateway();
    // Rows answer at different speeds, so some are still out when the first ones end.
    gateway.latencyMs = (biz) => (Number(biz.card_user_info?.user_uni_id?.slice(-2) ?? 0) % 4) * 40;
    const input = writeFile(tempDir(), 'members.csv', memberRows(12));
    const stop = new AbortController();
    const abandon = new AbortController();
    let ended = 0;
    const first = await runFile(gateway, input, {
      stop: stop.signal, abandon: abandon.signal, concurrency: 4,
      rowEnded: () => {
        if (++ended === 2) {
          stop.abort();
          abandon.abort();
        }
      },
    });
    expect(first.interrupted).toBe(true);
    expect(first.abandoned).toBeGreaterThan(0);
    await new Promise((r) => setTimeout(r, 100)); // the abandoned requests come back to a closed journal
    const second = await runFile(gateway, input, { resume: true });
    expect(second.counts.issued).toBe(12);
    expect(gateway.cards.size).toBe(12);
    expect(resultsCsv(input)).toHaveLength(13);
  });
});
