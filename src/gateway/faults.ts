import { UsageError } from '../errors.js';
import { gatewayLocalText } from '../i18n/en/gateway-local.js';

/**
 * What can go wrong between a client and Alipay, on demand: `latency` delays the answer;
 * `http500` answers HTTP 500; `unavailable` (20000 isp.unknow-error), `system-error` (40004
 * SYSTEM_ERROR) and `throttle` (40005) answer with that error and do nothing; `bad-sign` does the
 * work and signs the answer wrongly; `reset` and `truncate` do the work (a card is stored) and then
 * drop the connection or cut the body in half — the case a client's retry must survive.
 */
export const FAULT_KINDS = ['latency', 'http500', 'reset', 'unavailable', 'system-error', 'throttle', 'bad-sign', 'truncate'] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];
/** The faults that replace or break an answer (latency only delays one). */
export type AnswerFault = Exclude<FaultKind, 'latency'>;

export interface FaultSpec {
  kind: FaultKind;
  /** latency only. */
  latencyMs?: number;
  /** Probability per request, 0..1; ignored when `next` is set. */
  rate?: number;
  /** Applies to the next N requests, then never again. */
  next?: number;
}

export interface FaultDraw {
  latencyMs: number;
  fault: AnswerFault | undefined;
}

const SPEC = /^([a-z0-9-]+)(?:=(\d+))?(?::(?:next=(\d+)|(\d*\.?\d+)))?$/;

/**
 * The longest latency a fault adds, 10 minutes: longer than any client timeout (at most 10 minutes
 * too). Node's timers hold at most 2^31 − 1 ms and fire after 1 ms past that, so `latency=3000000000`
 * used to answer at once.
 */
export const MAX_LATENCY_MS = 600_000;

/** `unavailable:0.1`, `reset:next=3`, `latency=200:0.5`, `latency=200:next=5`; no rate means every request. */
export function parseFault(text: string): FaultSpec {
  const match = SPEC.exec(text.trim());
  const kind = match?.[1] as FaultKind | undefined;
  if (!match || kind === undefined || !(FAULT_KINDS as readonly string[]).includes(kind)) {
    throw new UsageError(gatewayLocalText.notAFault({ fault: JSON.stringify(text) }), {
      hint: gatewayLocalText.notAFaultHint({ kinds: ['latency=<ms>', ...FAULT_KINDS.slice(1)] }),
    });
  }
  if ((kind === 'latency') !== (match[2] !== undefined)) {
    const fault = JSON.stringify(text);
    throw new UsageError(kind === 'latency' ? gatewayLocalText.latencyNeedsDelay({ fault }) : gatewayLocalText.faultTakesNoValue({ fault, kind }));
  }
  const spec: FaultSpec = { kind };
  if (match[2] !== undefined) {
    spec.latencyMs = Number(match[2]);
    if (spec.latencyMs > MAX_LATENCY_MS) throw new UsageError(gatewayLocalText.latencyTooLong({ fault: JSON.stringify(text), max: MAX_LATENCY_MS }));
  }
  if (match[3] !== undefined) spec.next = Number(match[3]);
  else {
    const rate = match[4] === undefined ? 1 : Number(match[4]);
    if (!(rate >= 0 && rate <= 1)) throw new UsageError(gatewayLocalText.faultRate({ fault: JSON.stringify(text) }));
    spec.rate = rate;
  }
  return spec;
}

/** The faults in force; `random` is injected so tests can say exactly which requests fail. */
export class FaultPlan {
  private readonly specs: FaultSpec[] = [];

  constructor(
    specs: ReadonlyArray<string | FaultSpec>,
    private readonly random: () => number,
  ) {
    for (const spec of specs) this.add(spec);
  }

  add(spec: string | FaultSpec): void {
    this.specs.push(typeof spec === 'string' ? parseFault(spec) : { ...spec });
  }

  clear(): void {
    this.specs.length = 0;
  }

  /** Decides this request's faults: all latencies that fire add up; the first other fault that fires wins. */
  draw(): FaultDraw {
    const draw: FaultDraw = { latencyMs: 0, fault: undefined };
    for (const spec of this.specs) {
      if (spec.kind !== 'latency' && draw.fault !== undefined) continue;
      if (!this.fires(spec)) continue;
      // Several latencies add up, to no more than one may be.
      if (spec.kind === 'latency') draw.latencyMs = Math.min(MAX_LATENCY_MS, draw.latencyMs + (spec.latencyMs ?? 0));
      else draw.fault = spec.kind;
    }
    return draw;
  }

  private fires(spec: FaultSpec): boolean {
    if (spec.next !== undefined) {
      if (spec.next <= 0) return false;
      spec.next--;
      return true;
    }
    return (spec.rate ?? 1) >= 1 || this.random() < (spec.rate ?? 0);
  }
}
