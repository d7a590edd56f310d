import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { demoTemplate } from '../../src/cli/commands/demo.js';
import { runCli } from './cli.js';
import { batchProject, createTemplateFrom, gatewayForSuite, readResults } from './batch-harness.js';

const gw = gatewayForSuite();

/**
 * The demo's template: Balance, Point and Level assigned from the request (ASSIGN_FROM_REQUEST),
 * ValidDate 24 months out, levels VIP1 and VIP2. Rows 2 and 8 are valid; the others are what the
 * gateway would refuse with INVALID_PARAMETER.
 */
const MEMBERS = [
  'user_uni_id,name,level,point,balance',
  '2088802463082001,Valid One,VIP1,88,124.89',
  '2088802463082002,No Point,VIP1,,10.00',
  '2088802463082003,No Balance,VIP2,5,',
  '2088802463082004,Unknown Level,GOLD,5,10.00',
  '2088802463082005,No Level,,5,10.00',
  '2088802463082006,Nothing,,,',
  '2088802463082007,Valid Two,VIP2,0,0.00',
].join('\r\n') + '\r\n';

const ASSIGNED = (field: string) => `required by the template: its field rule fills ${field} from the request (ASSIGN_FROM_REQUEST)`;
const EXPECTED = [
  { row: 3, column: 'point', field: 'card_ext_info.point', value: null, problem: ASSIGNED('Point') },
  { row: 4, column: 'balance', field: 'card_ext_info.balance', value: null, problem: ASSIGNED('Balance') },
  { row: 5, column: 'level', field: 'card_ext_info.level', value: 'GOLD', problem: 'must be a level of the template: one of VIP1, VIP2' },
  { row: 6, column: 'level', field: 'card_ext_info.level', value: null, problem: ASSIGNED('Level') },
  { row: 7, column: 'balance', field: 'card_ext_info.balance', value: null, problem: ASSIGNED('Balance') },
  { row: 7, column: 'point', field: 'card_ext_info.point', value: null, problem: ASSIGNED('Point') },
  { row: 7, column: 'level', field: 'card_ext_info.level', value: null, problem: ASSIGNED('Level') },
];

let templateId: string;
beforeAll(async () => {
  templateId = await createTemplateFrom(gw(), demoTemplate('e2e-batch-rules'));
});

function project(): string {
  const dir = batchProject(gw());
  writeFileSync(join(dir, 'members.csv'), MEMBERS);
  return dir;
}

describe("card batch holds every row to its template's field rules and levels", () => {
  it('--validate-only lists the rows missing what the template assigns from the request, or naming a level it lacks: row, column, value; exit 2; nothing sent', async () => {
    const dir = project();
    const before = (await gw().cards()).length;
    const r = await runCli(['card', 'batch', 'members.csv', '--template-id', templateId, '--validate-only', '--output', 'ndjson'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stdout.trim().split('\n').map((l) => JSON.parse(l))).toEqual(EXPECTED);
    expect(r.stderr).toContain('5 of 7 rows are invalid (7 problems); nothing was sent');
    const table = await runCli(['card', 'batch', 'members.csv', '--template-id', templateId, '--validate-only', '-o', 'table'], { cwd: dir });
    expect(table.stdout).toContain('row 5, level (card_ext_info.level): must be a level of the template: one of VIP1, VIP2 — got "GOLD"');
    expect(table.stdout).toContain(`row 3, point (card_ext_info.point): ${ASSIGNED('Point')}\n`);
    expect((await gw().cards()).length).toBe(before);
  });

  it('a real run sends only the valid rows; the others end invalid with the same problems, not INVALID_PARAMETER from the gateway', async () => {
    const dir = project();
    const r = await runCli(['card', 'batch', 'members.csv', '--template-id', templateId], { cwd: dir });
    expect(r.code).toBe(7);
    expect(r.stderr).toMatch(/issued +2/);
    expect(r.stderr).toMatch(/invalid +5/);
    const cards = (await gw().cards()).filter((c) => c.card_template_id === templateId);
    expect(cards.map((c) => c.user_uni_id).sort()).toEqual(['2088802463082001', '2088802463082007']);
    const results = readResults(join(dir, 'members.csv.results.csv')).sort((a, b) => a.row - b.row);
    expect(results.map((l) => [l.row, l.status])).toEqual([[2, 'issued'], [3, 'invalid'], [4, 'invalid'], [5, 'invalid'], [6, 'invalid'], [7, 'invalid'], [8, 'issued']]);
    const text = readFileSync(join(dir, 'members.csv.results.csv'), 'utf8');
    expect(text).not.toContain('INVALID_PARAMETER');
    expect(text).toContain(`level: must be a level of the template: one of VIP1, VIP2 (got ""GOLD"")`);
    expect(text).toContain(`point: ${ASSIGNED('Point')}`);
    // Nothing of the invalid rows reached the journal as sent.
    const journal = readFileSync(join(dir, 'members.csv.results.journal'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(journal.filter((l) => l.send !== undefined).map((l) => l.send)).toEqual(expect.arrayContaining([2, 8]));
    expect(journal.filter((l) => l.send !== undefined)).toHaveLength(2);
  });
});
