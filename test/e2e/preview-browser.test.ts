import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import { demoTemplate } from '../../src/cli/commands/demo.js';
import { projectWithConfig, runCli } from './cli.js';
import { png } from './images.js';
import { APP_ID, appPrivateKeyPem, serveGateway, type ServedGateway } from './serve.js';

// `template preview` opened in a real browser: Debian's chromium, installed here when missing (CI
// runs as root with the archive reachable), as the completion tests install their shells.
function chromium(): string | undefined {
  const found = () => ['chromium', 'chromium-browser'].find((b) => spawnSync(b, ['--version'], { stdio: 'ignore' }).status === 0);
  if (found() === undefined && process.getuid?.() === 0) {
    const apt = (...args: string[]) => spawnSync('apt-get', args, { env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' }, stdio: 'ignore', timeout: 600_000 }).status === 0;
    const install = () => apt('install', '-y', '--no-install-recommends', 'chromium');
    if (!install()) apt('update') && install();
  }
  return found();
}

const browser = chromium();
const BACKGROUND: [number, number, number] = [30, 60, 200];
let gw: ServedGateway;
let cwd: string;

beforeAll(async () => {
  gw = await serveGateway();
  cwd = projectWithConfig({ profiles: { local: { appId: APP_ID, gateway: gw.url, privateKeyFile: 'app.pem', alipayPublicKey: gw.alipayPublicKey } } }, { 'app.pem': appPrivateKeyPem });
  writeFileSync(join(cwd, 'logo.png'), png(500, 500, [250, 250, 250]));
  writeFileSync(join(cwd, 'bg.png'), png(1020, 643, BACKGROUND));
}, 30_000);

afterAll(async () => {
  await gw?.stop();
});

/** The page in headless Chromium: its rendered DOM, and a screenshot's pixels. */
function open(page: string): { dom: string; shot: PNG } {
  const profile = mkdtempSync(join(tmpdir(), 'alipay-card-chromium-'));
  const flags = ['--headless', '--no-sandbox', '--disable-gpu', `--user-data-dir=${profile}`, '--window-size=420,700'];
  const dom = spawnSync(browser!, [...flags, '--dump-dom', `file://${page}`], { encoding: 'utf8', timeout: 120_000 }).stdout;
  const shotPath = join(profile, 'shot.png');
  spawnSync(browser!, [...flags, `--screenshot=${shotPath}`, `file://${page}`], { stdio: 'ignore', timeout: 120_000 });
  return { dom, shot: PNG.sync.read(readFileSync(shotPath)) };
}

function pixel(image: PNG, x: number, y: number): [number, number, number] {
  const i = (image.width * y + x) * 4;
  return [image.data[i]!, image.data[i + 1]!, image.data[i + 2]!];
}

describe('template preview in a browser', () => {
  it('has Chromium to open the page in', () => {
    expect(browser).toBeDefined();
  });

  it("shows the card: its name in the rendered page, its uploaded background's colour on the card face", async () => {
    const { request_id: _r, ...template } = demoTemplate('unused') as Record<string, any>;
    template.template_style_info = { ...template.template_style_info, logo_id: './logo.png', background_id: './bg.png', card_show_name: '蓝色会员卡' };
    writeFileSync(join(cwd, 'program.json'), JSON.stringify(template));
    const created = JSON.parse((await runCli(['template', 'create', 'program.json', '--json'], { cwd })).stdout) as { template_id: string };
    const preview = await runCli(['template', 'preview', created.template_id, '--out', 'card.html'], { cwd });
    expect(preview.code).toBe(0);

    const { dom, shot } = open(join(cwd, 'card.html'));
    expect(dom).toContain('蓝色会员卡');
    // The card is 344×216 at (24, 24): inside it, away from the logo, name and number, the background.
    expect(pixel(shot, 24 + 300, 24 + 120)).toEqual(BACKGROUND);
  }, 300_000);

  it("the demo's template, whose images the gateway does not have, still shows the card with placeholders", async () => {
    const client = gw.client();
    const templateId = String((await client.call('alipay.marketing.card.template.create', { bizContent: JSON.stringify(demoTemplate('preview-demo')), retrySafe: false })).node.template_id);
    await client.close();
    const preview = await runCli(['template', 'preview', templateId, '--out', 'demo.html'], { cwd });
    expect(preview.code).toBe(0);
    const { dom, shot } = open(join(cwd, 'demo.html'));
    expect(dom).toContain('演示会员卡');
    expect(dom).toContain('background');
    expect(shot.width).toBeGreaterThan(300);
  }, 300_000);
});
