// jest's globalSetup: every temporary file and directory of a test run goes in one directory,
// removed when the run ends (temporary-root-teardown.mjs). The tests make their own with
// mkdtemp(tmpdir()); set before jest starts its workers, TMPDIR reaches each of them, and every
// process a test starts, those given an environment of their own too (runTemporaryDir(),
// test/e2e/cli.ts): the CLI keeps its code caches under TMPDIR. Without it each run left a thousand
// directories in /tmp (keys, configs, journals, gateway state), and each build the caches of its
// runs (2,000 files).
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export default function temporaryRoot() {
  // Short: every path a test prints grows by it, and some are checked against a terminal's width.
  const root = mkdtempSync(join(tmpdir(), 'ac-'));
  process.env.ALIPAY_CARD_TEST_RUN_TMPDIR = root;
  process.env.TMPDIR = root;
}
