import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { setTimeout as delay } from 'node:timers/promises';
import { BatchFailedError, InterruptedError, UsageError } from '../../errors.js';
import { DELETE_REASONS } from '../../cards/card-delete.js';
import { batchCommandText } from '../../i18n/en/batch-command.js';
import { local, type Text } from '../../i18n/text.js';
import type { RunSetup } from '../../batch/run-setup.js';
import { batchAction } from '../../batch/batch-action.js';
import { BatchFileError } from '../../batch/batch-files.js';
import { parseEncoding, parseRate, parseWhole } from '../../batch/batch-options.js';
import { refuseNonFileInput, scanInputFile, type InputEncoding } from '../../batch/input-file.js';
import { batchLockDir, batchPaths } from '../../batch/paths.js';
import { outcomeObject, resultsFormatOf } from '../../batch/results-file.js';
import { batchIdOf, type BatchShape } from '../../batch/serial.js';
import type { TemplateLookup, TemplateSource } from '../../batch/template-lookups.js';
import type { RetryPolicy } from '../../client/retry.js';
import { shellQuote } from '../../config/shell-word.js';
import { canPrompt, outputFormat, writeLine, type Context } from '../context.js';
import { newPressTeller, offStopSignals, onStopSignals } from '../interrupt.js';
import { confirmBatchGateway, localResultNote } from '../gateway-banner.js';
import type { ConnectedGateway } from '../gateway-client.js';
import { stateDir } from '../local-app.js';
import { loadSession } from '../session.js';

export interface CardBatchOptions {
  action?: 'open' | 'update' | 'delete';
  reason?: string;
  templateId?: string;
  map?: string[];
  ignoreUnknownColumns?: boolean;
  encoding?: string;
  validateOnly?: boolean;
  concurrency?: string;
  rate?: string;
  maxAttempts?: number;
  results?: string;
  journal?: string;
  resume?: boolean;
  retryFailed?: boolean;
}


export async function runCardBatch(ctx: Context, file: string, opts: CardBatchOptions): Promise<void> {
  const encoding = parseEncoding(opts.encoding);
  const concurrency = parseWhole('--concurrency', opts.concurrency, 4, 256);
  const rate = opts.rate === undefined ? undefined : parseRate(opts.rate);
  if (opts.results !== undefined) resultsFormatOf(opts.results);
  const paths = batchPaths(ctx.cwd, file, opts);
  refuseNonFileInput(paths.input);
  if (opts.reason !== undefined && opts.action !== 'delete') throw new UsageError(batchCommandText.reasonIsForDelete(), { hint: 'card batch cards.csv --action delete --reason USER_UNBUND' });
  const action = opts.action === 'open' ? undefined : opts.action;
  const shape = { action, reason: opts.reason, templateId: opts.templateId, map: opts.map, ignoreUnknownColumns: opts.ignoreUnknownColumns };
  const retry: RetryPolicy = { maxAttempts: opts.maxAttempts ?? 3, baseDelayMs: 200, maxDelayMs: 5000 };
  if (opts.validateOnly || ctx.globals.dryRun) {
    // A dry run of a batch builds and checks every request and sends no card open: that is --validate-only.
    if (ctx.globals.dryRun && !opts.validateOnly) writeLine(ctx.stderr, local(batchCommandText.dryRun({ done: batchAction(opts.action).done })));
    return validateOnly(ctx, paths.input, encoding, shape, retry);
  }

  const session = await loadSession(ctx);
  const [{ setUpRun, closeSetup }, { executeRun }, { summaryJson, summaryLines }, { connectGateway }] = await Promise.all([
    import('../../batch/run-setup.js'), import('../../batch/execute-run.js'), import('../../batch/summary.js'), import('../gateway-client.js'),
  ]);
  // One attempt per client call: the batch retries itself, so every attempt is paced (--rate, 40005).
  const gateway = await connectGateway(ctx, session, { maxAttempts: 1, manyCalls: true });
  const stop = new AbortController();
  const abandon = new AbortController();
  const interrupt = (why: Text) => {
    stop.abort();
    // The progress bar has erased itself (it listens to `stop`); on a terminal this also erases
    // the ^C the terminal echoed on its line.
    if (ctx.stderr.isTTY) ctx.stderr.write('\r\x1b[K');
    writeLine(ctx.stderr, local(why));
  };
  // Ctrl-C once: take no more rows, let those in flight end. Twice: stop waiting for them.
  const isNewPress = newPressTeller();
  const onSigint = (signal: NodeJS.Signals) => {
    if (!isNewPress()) return;
    if (stop.signal.aborted) abandon.abort();
    else interrupt(batchCommandText.stopping({ signal }));
  };
  // `card batch ... | head -1`: nobody reads the row events any more. Stop as Ctrl-C does — the
  // journal, results and lock end cleanly and the exit is 130 — rather than leave quietly with 0.
  let stdoutClosed = false;
  const onStdoutError = (err: NodeJS.ErrnoException) => {
    if (err.code !== 'EPIPE' || stdoutClosed) return;
    stdoutClosed = true;
    if (!stop.signal.aborted) interrupt(batchCommandText.stoppingStdoutClosed());
  };
  ctx.stdout.on('error', onStdoutError);
  const rowEvents = outputFormat(ctx) === 'ndjson';
  let summary;
  try {
    try {
      const target = { gateway: gateway.local ? `local ${gateway.local.statePath}` : gateway.gatewayUrl, app_id: gateway.identity.appId };
      const setup = await setUpRun({ inputPath: paths.input, resultsPath: paths.results, journalPath: paths.journal, lockDir: batchLockDir(stateDir(ctx)), encoding, ...shape, action: opts.action,
        resume: Boolean(opts.resume), retryFailed: Boolean(opts.retryFailed), now: ctx.now(), target, warn: (message) => writeLine(ctx.stderr, message) })
        .catch((err: unknown) => {
          throw withNextStep(err, batchCommandText.runAgain());
        });
      // executeRun closes the setup itself; this is for a "no" or a Ctrl-C at the prompt.
      try {
        for (const note of setup.notes) writeLine(ctx.stderr, local(note));
        const runAction = setup.shape.action ?? 'open';
        await confirmBatchGateway(ctx, session.config, setup.toProcess, batchAction(runAction).verb);
        if (runAction === 'delete') await confirmDeletes(ctx, setup);
        onStopSignals(onSigint);
        summary = await executeRun(setup, {
          client: gateway.client, concurrency, rate, retry, authToken: ctx.env.ALIPAY_AUTH_TOKEN || undefined, now: ctx.now, progressStream: ctx.stderr,
          rowEnded: rowEvents ? (outcome) => (stdoutClosed ? undefined : write(ctx.stdout, JSON.stringify(outcomeObject(outcome)) + '\n')) : undefined,
        }, { stop: stop.signal, abandon: abandon.signal }).catch((err: unknown) => {
          throw withNextStep(err, batchCommandText.resumeAfter({ command: resumeCommand(ctx, file, opts) }));
        });
      } finally {
        await closeSetup(setup);
      }
    } finally {
      // Abandoned requests may never answer: do not wait on them to close the connection pool.
      // Unref'd: once the pool has closed, the timer left over must not keep the process (or a test) alive.
      await Promise.race([gateway.close(), delay(abandon.signal.aborted ? 500 : 30_000, undefined, { ref: false })]);
    }
    // Stopped once every row was out (`| head -1` on a short file): the run ended all the same.
    if (stop.signal.aborted && !summary.interrupted) writeLine(ctx.stderr, local(batchCommandText.nothingLeft()));
    for (const line of [...summaryLines(summary), ...localResultNote(gateway, batchAction(summary.action).done)]) writeLine(ctx.stderr, line);
    if (outputFormat(ctx) === 'json' && !stdoutClosed) await write(ctx.stdout, JSON.stringify(summaryJson(summary)) + '\n');
  } finally {
    // Kept until the summary is out: a second Ctrl-C while the run closes and tells its rows would
    // otherwise kill it half way through the summary (it leaves what is still out, nothing more).
    // A stopped run keeps it to the end: it exits 130 (main.ts takes Ctrl-C from there), and a
    // press between here and there was Node's, which killed the process by the signal.
    if (!stop.signal.aborted) offStopSignals(onSigint);
    ctx.stdout.off('error', onStdoutError);
  }
  if (summary.interrupted) {
    throw new InterruptedError(batchCommandText.interrupted({ ended: summary.counts.issued + summary.counts.failed + summary.counts.invalid, rows: summary.rows }), {
      hint: batchCommandText.resumeWith({ command: resumeCommand(ctx, file, opts) }),
    });
  }
  const { failed, invalid } = summary.counts;
  if (failed + invalid > 0) {
    throw new BatchFailedError(batchCommandText.batchFailed({ failed, invalid, results: paths.results }), {
      hint: summary.counts.failedRetryable > 0
        ? batchCommandText.retryFailedHint({ count: summary.counts.failedRetryable, command: resumeCommand(ctx, file, opts, '--retry-failed') })
        : batchCommandText.fixRowsHint(),
    });
  }
}

/**
 * A delete batch is confirmed as `card delete` is: on a terminal, the count and reasons, with the
 * number of cards typed when any is CANCEL (the member can never bind it again); without one, a
 * CANCEL needs --yes. USER_UNBUND and PRESENT (the card can be bound again) go ahead in a script.
 */
async function confirmDeletes(ctx: Context, setup: RunSetup): Promise<void> {
  if (ctx.globals.yes || setup.toProcess === 0) return;
  const { deleteReasons } = await import('../../batch/delete-reasons.js');
  const reasons = await deleteReasons(setup);
  const cancels = reasons.get('CANCEL') ?? 0;
  const meaning = DELETE_REASONS.CANCEL;
  if (!canPrompt(ctx)) {
    if (cancels > 0) throw new UsageError(batchCommandText.cancelNeedsYes({ count: cancels, meaning }), { hint: batchCommandText.cancelNeedsYesHint() });
    // A person at the keyboard who cannot be asked (stdout or stderr elsewhere): exit 2 wanting --yes; a script goes on.
    (await import('../prompts.js')).confirmationMode(ctx, 'card batch');
    return;
  }
  const { getPrompter } = await import('../prompts.js');
  const prompt = await getPrompter(ctx);
  const cards = setup.toProcess;
  writeLine(ctx.stderr, local(batchCommandText.aboutToDelete({ count: cards })));
  for (const [reason, n] of [...reasons].sort((a, b) => b[1] - a[1])) {
    const said = DELETE_REASONS[reason as keyof typeof DELETE_REASONS];
    const count = String(n).padStart(String(cards).length);
    const line = reason === '' ? batchCommandText.noReasonLine({ count })
      : said ? batchCommandText.reasonLine({ count, reason, meaning: said }) : batchCommandText.unknownReasonLine({ count, reason });
    writeLine(ctx.stderr, local(line));
  }
  const confirmed = cancels > 0
    ? (await prompt.input({ message: local(batchCommandText.typeCardCount({ cards, cancels })) })).trim() === String(cards)
    : await prompt.confirm({ message: local(batchCommandText.deleteThem()), default: false });
  if (!confirmed) throw new UsageError(batchCommandText.notConfirmed(), { hint: batchCommandText.yesSkipsHint() });
}

/**
 * A results or journal write that failed (a full disk, a file size limit) stopped the run: the rows
 * that ended are in the journal, those in flight go again under their serials, so once there is room
 * the run goes on where it stopped.
 */
function withNextStep(err: unknown, next: Text): unknown {
  if (!(err instanceof BatchFileError) || !err.failedWrite) return err;
  return err.withChange({ hint: batchCommandText.makeRoomHint({ next }) });
}

/** --validate-only: every invalid row, as it is found; exit 2 if there is one. Nothing is sent. */
async function validateOnly(ctx: Context, input: string, encoding: InputEncoding | undefined, shape: BatchShape, retry: RetryPolicy): Promise<void> {
  const [{ validateFile }, { ProblemListing }] = await Promise.all([import('../../batch/validate-file.js'), import('../../batch/row-problems.js')]);
  const file = await scanInputFile(input, encoding);
  const listing = new ProblemListing(outputFormat(ctx));
  const templates = lazyTemplateLookups(ctx, retry);
  let report;
  try {
    report = await validateFile(file, shape, { templateId: shape.templateId, reason: shape.reason, batchId: batchIdOf(file.sha256, shape), templates }, ctx.now, async (problems) => {
      for (const p of problems) await write(ctx.stdout, listing.problem(p));
    });
  } catch (err) {
    await write(ctx.stdout, listing.failed(err));
    throw err;
  } finally {
    await templates.close();
  }
  await write(ctx.stdout, listing.end(report, file.encoding));
  if (report.balancesNormalised > 0) writeLine(ctx.stderr, local(batchCommandText.validateBalance({ note: batchCommandText.balanceNoteUnsent({ rows: report.balancesNormalised }) })));
  if (report.invalidRows > 0) {
    throw new UsageError(batchCommandText.rowsInvalid({ invalid: report.invalidRows, rows: report.rows, problems: report.problems }));
  }
  writeLine(ctx.stderr, local((file.detected ? batchCommandText.allValidDetected : batchCommandText.allValid)({ rows: report.rows, path: input, encoding: file.encoding })));
}

/**
 * Templates for --validate-only, looked up on the profile's gateway as a real run would (one query
 * per template id), so every row is held to its template's rules. The gateway is connected to only
 * once a row names a template: a file that cannot be read sends nothing. With no profile configured
 * that is the in-process local gateway (no key, no network), and stderr says so, since a template
 * made on another gateway is not there.
 */
function lazyTemplateLookups(ctx: Context, retry: RetryPolicy): TemplateSource & { close(): Promise<void> } {
  let gateway: Promise<ConnectedGateway> | undefined;
  let lookups: Promise<TemplateSource> | undefined;
  return {
    lookUp(templateId: string): Promise<TemplateLookup> {
      lookups ??= (async () => {
        const [{ connectGateway }, { TemplateLookups }, { Pacer }] = await Promise.all([
          import('../gateway-client.js'), import('../../batch/template-lookups.js'), import('../../batch/pacer.js'),
        ]);
        const session = await loadSession(ctx);
        gateway = connectGateway(ctx, session, { maxAttempts: 1 });
        const connected = await gateway;
        if (connected.local) {
          const unconfigured = session.config.sources.gateway === 'default';
          writeLine(ctx.stderr, local((unconfigured ? batchCommandText.localTemplatesUnconfigured : batchCommandText.localTemplates)({ state: connected.local.statePath })));
        }
        const sleep = (ms: number) => delay(ms).then(() => undefined);
        return new TemplateLookups({ client: connected.client, retry, random: Math.random, sleep, pacer: new Pacer({ concurrency: 1, now: Date.now, sleep }) });
      })();
      return lookups.then((l) => l.lookUp(templateId));
    },
    close: async () => {
      if (gateway) await (await gateway).close();
    },
  };
}

async function write(stream: Writable, text: string): Promise<void> {
  if (text === '' || stream.destroyed) return;
  if (stream.write(text)) return;
  // A pipe whose reader left never drains: 'close' ends the wait too. The losers are cancelled so
  // that no listener is left behind per write.
  const done = new AbortController();
  const { signal } = done;
  await Promise.race([once(stream, 'drain', { signal }), once(stream, 'close', { signal }), delay(5000, undefined, { signal })]).catch(() => {});
  done.abort();
}

/** The command line that continues this batch: the same file, results and journal, and the same gateway. */
function resumeCommand(ctx: Context, file: string, opts: CardBatchOptions, flag = '--resume'): string {
  const args = ['alipay-card'];
  const g = ctx.globals;
  if (g.config) args.push('-c', g.config);
  if (g.profile) args.push('-p', g.profile);
  if (g.gateway) args.push('--gateway', g.gateway);
  args.push('card', 'batch', file, flag);
  if (opts.results) args.push('--results', opts.results);
  if (opts.journal) args.push('--journal', opts.journal);
  return args.map(shellQuote).join(' ');
}
