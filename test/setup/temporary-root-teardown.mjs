// jest's globalTeardown: removes the run's temporary directory (temporary-root.mjs).
import { rmSync } from 'node:fs';

export default function removeTemporaryRoot() {
  const root = process.env.ALIPAY_CARD_TEST_RUN_TMPDIR;
  if (root) rmSync(root, { recursive: true, force: true, maxRetries: 3 });
}
