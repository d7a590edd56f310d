import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync, statfsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { projectWithConfig, runCli } from './cli.js';
import { noisePng } from './images.js';
import { batchProject, createTemplate, expectEveryRowIssuedOnce, finish, readResults, writeMembers } from './batch-harness.js';
import { APP_ID, appPrivateKeyPem, serveGateway, type ServedGateway } from './serve.js';
import { mountTmpfs, tmpfsUnavailable } from '../tmpfs.js';

// A full disk under the gateway's state, for real: a tmpfs far too small for the cards a batch
// issues (root only; elsewhere the test says why it does not run). The injected-failure unit tests
// (test/unit/gateway/state-durability.test.ts) cover the same rules everywhere.
const maybe = tmpfsUnavailable('the gateway full-disk test') ? it.skip : it;

describe('the local gateway on a full disk', () => {
  maybe('answers "issued" only for cards it has stored: after a restart it holds exactly the rows the batch reported issued', async () => {
    const dir = mountTmpfs(160) as string;
    let gw: ServedGateway | undefined;
    try {
      const state = join(dir, 'state.json');
      gw = await serveGateway([], state);
      const templateId = await createTemplate(gw, 'e2e-full-disk');
      const project = batchProject(gw);
      writeMembers(project, 'members.csv', 1500, 7);
      const args = ['card', 'batch', 'members.csv', '--template-id', templateId, '--concurrency', '8', '--max-attempts', '2'];
      const full = await runCli(args, { cwd: project, timeoutMs: 240_000 });
      expect(full.code).toBe(7);
      const results = join(project, 'members.csv.results.csv');
      const ended = readResults(results);
      const issued = ended.filter((r) => r.status === 'issued');
      // The rest failed retryable, with the gateway's 20000 (not lost, not half-issued).
      expect(new Set(readFileSync(results, 'utf8').split('\n').slice(1, -1).filter((l) => !l.includes(',issued,')).map((l) => l.split(',')[4]))).toEqual(new Set(['20000']));
      expect(issued.length).toBeGreaterThan(0);
      expect(issued.length).toBeLessThan(1500);
      // Said when appends start failing (and when they work again: a state write that fails frees
      // its temporary file's room for a few lines), not once a request.
      const said = gw.stderr().split('\n').filter((l) => /state log .* is written again|cannot append to the gateway state log/.test(l));
      expect(said.length).toBeLessThan(10);
      said.forEach((line, i) => expect(line).toMatch(i % 2 === 0 ? /cannot append/ : /written again/));

      // Stopped while the disk is still full: it says what it could not write, and keeps its log.
      await gw.stop();
      expect(gw.stderr()).toMatch(/cannot write the gateway state file/);

      // Room again: a new gateway on the same state holds every card reported issued, and no other.
      execFileSync('mount', ['-o', 'remount,size=20m', dir]);
      gw = await serveGateway(['--port', new URL(gw.url).port], state);
      {
        const cards = (await gw.cards()).filter((c) => c.card_template_id === templateId);
        expect(cards.map((c) => `${c.out_serial_no} ${c.biz_card_no}`).sort()).toEqual(issued.map((r) => `${r.out_serial_no} ${r.biz_card_no}`).sort());
        expect(gw.stderr()).not.toMatch(/damaged|cut short/);
        // And the rows that failed are issued by a retry, each once.
        const done = await finish(args, project);
        expect(done.code).toBe(0);
        await expectEveryRowIssuedOnce(gw, templateId, results, 1500);
      }
      await gw.stop();
      expect(readFileSync(state, 'utf8')).toContain(templateId);
    } finally {
      await gw?.stop();
      execFileSync('umount', ['-l', dir]);
    }
  }, 300_000);

  maybe('an image upload that does not fit is answered 20000 and stores nothing: no image cut short, no temporary file left, said once on stderr; with room again it is stored whole', async () => {
    const dir = mountTmpfs(2048) as string;
    let gw: ServedGateway | undefined;
    try {
      gw = await serveGateway([], join(dir, 'state.json'));
      const cwd = projectWithConfig({ profiles: { local: { appId: APP_ID, gateway: gw.url, privateKeyFile: 'app.pem', alipayPublicKey: gw.alipayPublicKey } } }, { 'app.pem': appPrivateKeyPem });
      const image = noisePng(300, 300); // about 270 KB
      writeFileSync(join(cwd, 'noise.png'), image);
      // What the tester saw: 148 KiB left, and a 147,456-byte image answered Success.
      const { bavail, bsize } = statfsSync(dir);
      writeFileSync(join(dir, 'filler'), Buffer.alloc(bavail * bsize - 148 * 1024));

      // Two uploads, each sent again by the client's retries: one line on the gateway's stderr, no stack.
      for (let i = 0; i < 2; i++) {
        const full = await runCli(['image', 'upload', 'noise.png', '--json'], { cwd, timeoutMs: 60_000 });
        expect(JSON.parse(full.stdout)).toMatchObject({ code: '20000', sub_code: 'isp.unknow-error', sub_msg: expect.stringContaining('could not write the uploaded image; nothing was stored, retry later') });
        expect(full.code).toBe(4);
      }
      expect(gw.stderr()).not.toMatch(/internal error|at writeSync/);
      expect(gw.stderr().match(/cannot write an uploaded image in .*ENOSPC.*image uploads are answered 20000/g)).toHaveLength(1);
      const images = join(dir, 'images');
      expect(existsSync(images) ? readdirSync(images) : []).toEqual([]);

      rmSync(join(dir, 'filler'));
      const roomy = await runCli(['image', 'upload', 'noise.png', '--json'], { cwd });
      expect(roomy.code).toBe(0);
      const node = JSON.parse(roomy.stdout) as { code: string; image_id: string };
      expect(node.code).toBe('10000');
      expect(Buffer.from(await (await fetch(`${gw.base}/_local/images/${node.image_id}`)).arrayBuffer())).toEqual(image);
      expect(readdirSync(images)).toHaveLength(1);
      expect(gw.stderr()).toContain(`uploaded images are written again in ${images}`);
    } finally {
      await gw?.stop();
      execFileSync('umount', ['-l', dir]);
    }
  }, 120_000);
});
