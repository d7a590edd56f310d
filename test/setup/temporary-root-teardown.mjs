// jest's globalTeardown: removes the run's temporary directory (temporary-root.mjs).
import { rmSync } from 'node:fs';

export default function removeTemporaryRoot() {
  const root = process.env.ALIPAY_CARD_TEST_RUN_TMPDIR;
  if (!root) return;
  try {
    rmSync(root, { recursive: true, force: true, maxRetries: 3 });
  } catch (err) {
    // Jest writes its report (--outputFile, which .ci/run sums) after this: a directory a process
    // still writes to must not cost the run its results.
    console.warn(`could not remove the tests' temporary directory ${root}: ${err.message}`);
  }
}
