import { spawn, type ChildProcess } from 'node:child_process';
import { createPrivateKey, createPublicKey } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GatewayClient } from '../../src/client/client.js';
import { binPath, vectorsDir } from './cli.js';

export const APP_ID = '2021000000000001';
export const appPrivateKeyPem = readFileSync(join(vectorsDir, 'app-private-key.pem'), 'utf8');

export interface ServedGateway {
  url: string;
  base: string;
  alipayPublicKey: string;
  process: ChildProcess;
  stderr: () => string;
  stop(): Promise<number | null>;
  cards(): Promise<Array<Record<string, unknown>>>;
  fault(spec: string): Promise<void>;
  /** Takes every fault away: the next requests are answered plainly. */
  clearFaults(): Promise<void>;
  /** A client signing as APP_ID, verifying with the gateway's key (for setting up templates). */
  client(): GatewayClient;
}

/** Spawns the real `alipay-card gateway serve --json` with the test app registered; its state in a new temporary folder unless given. */
export async function serveGateway(extra: string[] = [], state = join(mkdtempSync(join(tmpdir(), 'alipay-card-gw-')), 'state.json')): Promise<ServedGateway> {
  const child = spawn(process.execPath, [binPath, 'gateway', 'serve', '--json', '--port', '0', '--state', state,
    '--app', `${APP_ID}=${join(vectorsDir, 'app-public-key.pem')}`, ...extra], { stdio: ['ignore', 'pipe', 'pipe'] });
  let err = '';
  child.stderr!.setEncoding('utf8').on('data', (d: string) => (err += d));
  const first = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout!.setEncoding('utf8').on('data', (d: string) => {
      out += d;
      if (out.includes('\n')) resolve(out.slice(0, out.indexOf('\n')));
    });
    child.on('exit', (code) => reject(new Error(`gateway serve exited ${code}: ${err}`)));
  });
  const { url, alipayPublicKey } = JSON.parse(first) as { url: string; alipayPublicKey: string };
  const base = url.replace(/\/gateway\.do$/, '');
  return {
    url,
    base,
    alipayPublicKey,
    process: child,
    stderr: () => err,
    stop: () => new Promise((resolve) => {
      if (child.exitCode !== null) return resolve(child.exitCode);
      child.once('exit', (code) => resolve(code));
      child.kill('SIGINT');
    }),
    cards: async () => (await (await fetch(`${base}/_local/cards`)).json()) as Array<Record<string, unknown>>,
    clearFaults: async () => {
      const res = await fetch(`${base}/_local/faults`, { method: 'DELETE' });
      if (!res.ok) throw new Error(`clearing faults: HTTP ${res.status} ${await res.text()}`);
    },
    fault: async (spec) => {
      const res = await fetch(`${base}/_local/faults`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ fault: spec }) });
      if (!res.ok) throw new Error(`fault ${spec}: HTTP ${res.status} ${await res.text()}`);
    },
    client: () => new GatewayClient({
      gatewayUrl: url,
      identity: { appId: APP_ID, privateKey: createPrivateKey(appPrivateKeyPem), signType: 'RSA2', charset: 'utf-8' },
      verifier: { signType: 'RSA2', charset: 'utf-8', keyFor: () => createPublicKey({ key: Buffer.from(alipayPublicKey, 'base64'), format: 'der', type: 'spki' }) },
      transport: { timeoutMs: 5000, userAgent: 'alipay-card-tests' },
    }),
  };
}
