/**
 * The client's watchdog (issue 12 §5): a worker that goes quiet (no message and no pulse) for
 * the stall timeout has its calls ended with a ConverterError and is replaced on the next call;
 * a worker whose pulse keeps beating is never ended however long it works; a worker without a
 * pulse cannot be told from a busy one, so it is left to finish; one that never starts is ended.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { defaultProfile } from '../../src/core/profile/defaults.ts';
import type { InputFile } from '../../src/core/convert-types.ts';
import { ConverterClient, ConverterError, STALL_TIMEOUT_MS } from '../../src/worker/client.ts';
import type { WorkerRequest, WorkerResponse } from '../../src/worker/protocol.ts';

const STALL = 150;
const profile = defaultProfile('Test');
const files = (): InputFile[] => [{ name: 'a.csv', bytes: new TextEncoder().encode('Id\n1\n') }];
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const open: { close(): void }[] = [];
afterEach(() => {
  for (const c of open.splice(0)) c.close();
});

interface Plan {
  /** Post `ready` (with a pulse port when `pulse`). */
  ready: boolean;
  pulse: boolean;
  /** Answer each request after this many ms (never when undefined). */
  answerAfter?: number;
  /** The pulse stops (the worker "closes") this many ms after the first request. */
  dieAfter?: number;
}

/** A worker whose pulse is a real MessageChannel beating every 30 ms, as the helper thread does. */
class PulsingWorker extends EventTarget {
  terminated = false;
  readonly requests: WorkerRequest[] = [];
  #beat: ReturnType<typeof setInterval> | undefined;

  constructor(private readonly plan: Plan) {
    super();
    setTimeout(() => {
      if (!plan.ready) return;
      if (!plan.pulse) return this.#send({ type: 'ready' });
      const channel = new MessageChannel();
      open.push(channel.port1, channel.port2);
      channel.port2.postMessage(0);
      this.#beat = setInterval(() => channel.port2.postMessage(0), 30);
      this.#send({ type: 'ready', pulse: channel.port1 as unknown as MessagePort });
    }, 0);
  }

  postMessage(request: WorkerRequest): void {
    this.requests.push(request);
    if (this.plan.dieAfter !== undefined) setTimeout(() => this.#stopBeating(), this.plan.dieAfter);
    if (this.plan.answerAfter !== undefined) {
      setTimeout(() => this.#send({ id: request.id, type: 'result', result: { echo: request.id } as never }), this.plan.answerAfter);
    }
  }

  #send(data: WorkerResponse): void {
    if (!this.terminated) this.dispatchEvent(new MessageEvent('message', { data }));
  }

  #stopBeating(): void {
    clearInterval(this.#beat);
  }

  terminate(): void {
    this.terminated = true;
    this.#stopBeating();
  }
}

function setup(plans: Plan[], stallTimeoutMs = STALL) {
  const workers: PulsingWorker[] = [];
  const client = new ConverterClient({
    stallTimeoutMs,
    createWorker: () => {
      const w = new PulsingWorker(plans[Math.min(workers.length, plans.length - 1)] as Plan);
      workers.push(w);
      return w as unknown as Worker;
    },
  });
  return { client, workers };
}

describe('the converter watchdog', () => {
  it('waits 20 seconds by default', () => {
    expect(STALL_TIMEOUT_MS).toBe(20_000);
  });

  it('ends the calls of a worker whose pulse stops, and the next call runs in a fresh worker', async () => {
    const { client, workers } = setup([{ ready: true, pulse: true, dieAfter: 50 }, { ready: true, pulse: true, answerAfter: 20 }]);
    const started = performance.now();
    const first = client.convert(files(), profile, {}).catch((e: unknown) => e);
    const second = client.inspect(files(), profile).catch((e: unknown) => e);
    const [a, b] = await Promise.all([first, second]);
    const waited = performance.now() - started;
    for (const e of [a, b]) {
      expect(e).toBeInstanceOf(ConverterError);
      expect((e as ConverterError).message).toMatch(/stopped responding: nothing was heard from it for \d+ seconds.*try again/);
      expect((e as ConverterError).crashed).toBe(true);
    }
    // Not before the pulse stopped plus the timeout.
    expect(waited).toBeGreaterThanOrEqual(50 + STALL - 20);
    expect(workers[0]?.terminated).toBe(true);
    await expect(client.convert(files(), profile, {})).resolves.toEqual({ echo: 3 });
    expect(workers).toHaveLength(2);
  });

  it('never ends a worker that works long but keeps pulsing', async () => {
    const { client, workers } = setup([{ ready: true, pulse: true, answerAfter: STALL * 6 }]);
    await expect(client.convert(files(), profile, {})).resolves.toEqual({ echo: 1 });
    expect(workers[0]?.terminated).toBe(false);
    // It is still watched afterwards: a second long run also finishes.
    await expect(client.convert(files(), profile, {})).resolves.toEqual({ echo: 2 });
  });

  it('leaves a worker without a pulse to finish (busy and dead look the same)', async () => {
    const { client, workers } = setup([{ ready: true, pulse: false, answerAfter: STALL * 4 }]);
    await expect(client.convert(files(), profile, {})).resolves.toEqual({ echo: 1 });
    expect(workers[0]?.terminated).toBe(false);
  });

  it('ends a call whose worker never starts', async () => {
    const { client, workers } = setup([{ ready: false, pulse: false }, { ready: true, pulse: true, answerAfter: 10 }]);
    const e = await client.convert(files(), profile, {}).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(ConverterError);
    expect((e as ConverterError).details).toContain('never started');
    expect(workers[0]?.terminated).toBe(true);
    await expect(client.convert(files(), profile, {})).resolves.toEqual({ echo: 2 });
  });

  it('is off with a stall timeout of 0', async () => {
    const { client } = setup([{ ready: true, pulse: true, dieAfter: 0, answerAfter: STALL * 3 }], 0);
    await expect(client.convert(files(), profile, {})).resolves.toEqual({ echo: 1 });
  });

  it('stops watching once nothing is in flight (an idle worker may be quiet)', async () => {
    const { client, workers } = setup([{ ready: true, pulse: true, answerAfter: 10, dieAfter: 20 }]);
    await expect(client.convert(files(), profile, {})).resolves.toEqual({ echo: 1 });
    await sleep(STALL * 2);
    expect(workers[0]?.terminated).toBe(false);
  });
});
