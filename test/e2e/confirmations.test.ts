import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { demoTemplate } from '../../src/cli/commands/demo.js';
import { batchProject, createTemplate, gatewayForSuite, readResults, writeMembers } from './batch-harness.js';
import { runCli } from './cli.js';
import { runOnTerminal } from './pty.js';

const gw = gatewayForSuite();

describe('at a terminal, what cannot be undone is confirmed first', () => {
  it('card batch --action delete shows the count per reason and, with a CANCEL, wants the number of cards typed', async () => {
    const templateId = await createTemplate(gw(), 'e2e-confirm-delete');
    const dir = batchProject(gw());
    writeMembers(dir, 'members.csv', 3, 8);
    expect((await runCli(['card', 'batch', 'members.csv', '--template-id', templateId], { cwd: dir })).code).toBe(0);
    const cards = readResults(join(dir, 'members.csv.results.csv')).map((r) => r.biz_card_no);
    writeFileSync(join(dir, 'gone.csv'), `card_no,reason_code\n${cards[0]},CANCEL\n${cards[1]},USER_UNBUND\n${cards[2]},USER_UNBUND\n`);

    const wrong = await runOnTerminal(['card', 'batch', 'gone.csv', '--action', 'delete'], { cwd: dir, steps: [['Type the number of cards', '2\r']] });
    expect(wrong.code).toBe(2);
    expect(wrong.screen).toContain('About to delete 3 cards:');
    expect(wrong.screen).toMatch(/2 +USER_UNBUND — the member unbinds the card; they can bind again later/);
    expect(wrong.screen).toMatch(/1 +CANCEL — the account is closed; the member can never bind this card again/);
    expect(wrong.screen).toContain('not confirmed: nothing was sent');
    expect((await gw().cards()).filter((c) => cards.includes(String(c.biz_card_no))).every((c) => (c.state as { status: string }).status === 'ACTIVE')).toBe(true);

    const typed = await runOnTerminal(['card', 'batch', 'gone.csv', '--action', 'delete'], { cwd: dir, steps: [['Type the number of cards', '3\r']] });
    expect(typed.code).toBe(0);
    expect(typed.screen).toMatch(/deleted +3/);
  }, 120_000);

  it('template modify shows the changes and asks; "no" sends nothing', async () => {
    const dir = batchProject(gw());
    writeFileSync(join(dir, 'program.json'), JSON.stringify({ ...demoTemplate('x'), request_id: undefined }));
    const id = JSON.parse((await runCli(['template', 'create', 'program.json', '--json'], { cwd: dir })).stdout).template_id as string;
    const file = JSON.parse(readFileSync(join(dir, 'program.json'), 'utf8')) as Record<string, any>;
    file.template_style_info.slogan = '新口号';
    writeFileSync(join(dir, 'edited.json'), JSON.stringify(file));
    const no = await runOnTerminal(['template', 'modify', id, 'edited.json'], { cwd: dir, steps: [['Modify template', 'n\r']] });
    expect(no.code).toBe(2);
    expect(no.screen).toMatch(/template_style_info\.slogan +会员权益享不停 → 新口号/);
    expect(no.screen).toContain('not confirmed: nothing was sent');
    const yes = await runOnTerminal(['template', 'modify', id, 'edited.json'], { cwd: dir, steps: [['Modify template', 'y\r']] });
    expect(yes.code).toBe(0);
    expect(yes.screen).toContain(`Template ${id} modified: 1 change`);
  }, 120_000);

  it('template modify without a terminal wants --yes, pointing to the changes where they were shown: above (a table) or --dry-run (JSON)', async () => {
    const dir = batchProject(gw());
    writeFileSync(join(dir, 'program.json'), JSON.stringify({ ...demoTemplate('y'), request_id: undefined }));
    const id = JSON.parse((await runCli(['template', 'create', 'program.json', '--json'], { cwd: dir })).stdout).template_id as string;
    const file = JSON.parse(readFileSync(join(dir, 'program.json'), 'utf8')) as Record<string, any>;
    file.template_style_info.slogan = '另一个口号';
    writeFileSync(join(dir, 'edited.json'), JSON.stringify(file));
    const table = await runCli(['template', 'modify', id, 'edited.json', '-o', 'table'], { cwd: dir });
    expect([table.code, table.stdout, table.stderr]).toEqual([2, expect.stringContaining('template_style_info.slogan'), expect.stringContaining('hint: look at the changes above (or --dry-run), then add --yes')]);
    const json = await runCli(['template', 'modify', id, 'edited.json', '--json'], { cwd: dir });
    expect([json.code, json.stdout, json.stderr]).toEqual([2, '', expect.stringContaining('hint: see the changes with --dry-run, then add --yes')]);
  }, 120_000);
});
