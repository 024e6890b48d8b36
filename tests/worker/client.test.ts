import { afterEach, describe, expect, it, vi } from 'vitest';
import { defaultProfile } from '../../src/core/profile/defaults.ts';
import type { InputFile } from '../../src/core/convert-types.ts';
import { ConverterClient, ConverterError } from '../../src/worker/client.ts';
import type { WorkerRequest, WorkerResponse } from '../../src/worker/protocol.ts';

type Behaviour = (worker: FakeWorker, request: WorkerRequest) => void;

/** A stand-in for a module worker: clones and transfers like the real thing, answers as told. */
class FakeWorker extends EventTarget {
  readonly received: WorkerRequest[] = [];
  readonly transfers: Transferable[][] = [];
  terminated = false;

  constructor(private readonly behave: Behaviour, ready = true) {
    super();
    if (ready) this.reply({ type: 'ready' });
  }

  postMessage(message: WorkerRequest, transfer: Transferable[] = []): void {
    // structuredClone with a transfer list detaches the buffers, as postMessage does.
    const cloned = structuredClone(message, { transfer });
    this.received.push(cloned);
    this.transfers.push(transfer);
    this.behave(this, cloned);
  }

  reply(response: WorkerResponse): void {
    setTimeout(() => {
      if (!this.terminated) this.dispatchEvent(new MessageEvent('message', { data: structuredClone(response) }));
    }, 0);
  }

  crash(message: string): void {
    setTimeout(() => this.dispatchEvent(Object.assign(new Event('error'), { message })), 0);
  }

  terminate(): void {
    this.terminated = true;
  }
}

/** Progress, then a result naming the request. */
const echo: Behaviour = (w, req) => {
  w.reply({ id: req.id, type: 'progress', stage: 'parse', fraction: 0.5 });
  w.reply({ id: req.id, type: 'result', result: { echo: req.id, type: req.type } as never });
};
const silent: Behaviour = () => {};

function setup(behave: Behaviour | Behaviour[], ready = true) {
  const workers: FakeWorker[] = [];
  const behaviours = Array.isArray(behave) ? behave : [behave];
  const client = new ConverterClient({
    createWorker: () => {
      const w = new FakeWorker(behaviours[Math.min(workers.length, behaviours.length - 1)]!, ready);
      workers.push(w);
      return w as unknown as Worker;
    },
  });
  return { client, workers };
}

const profile = defaultProfile('Test');
const files = (): InputFile[] => [{ name: 'a.csv', bytes: new TextEncoder().encode('Id\n1\n') }];
const tick = () => new Promise((r) => setTimeout(r, 5));

afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

describe('ConverterClient with a worker', () => {
  it('correlates answers by id, routes progress, and copies the bytes it transfers', async () => {
    const pending: WorkerRequest[] = [];
    // answers only once both requests are in, and in reverse order
    const { client, workers } = setup((w, req) => {
      pending.push(req);
      if (pending.length === 2) for (const r of [...pending].reverse()) echo(w, r);
    });
    expect(client.mode).toBe('worker');
    const input = files();
    const progressA: [string, number][] = [];
    const a = client.inspect(input, profile, { onProgress: (s, f) => progressA.push([s, f]) });
    const b = client.convert(input, profile, { firstN: 5 });
    expect(await a).toEqual({ echo: 1, type: 'inspect' });
    expect(await b).toEqual({ echo: 2, type: 'convert' });
    expect(progressA).toEqual([['parse', 0.5]]);

    const [worker] = workers;
    expect(workers).toHaveLength(1);
    expect(worker!.received[1]).toMatchObject({ type: 'convert', selection: { firstN: 5 }, profile: { name: 'Test' } });
    // the originals are intact (a copy was transferred) and reusable for a re-run
    expect(new TextDecoder().decode(input[0]!.bytes)).toBe('Id\n1\n');
    expect(worker!.transfers[0]).toHaveLength(1);
    expect(worker!.transfers[0]![0]).not.toBe(input[0]!.bytes.buffer);
    expect(new TextDecoder().decode(worker!.received[0]!.files[0]!.bytes)).toBe('Id\n1\n');
  });

  it('sends a plain copy of a proxied (Svelte $state) profile', async () => {
    const { client, workers } = setup(echo);
    const proxied = new Proxy(structuredClone(profile), {}); // structured clone refuses proxies
    await client.inspect(files(), proxied);
    expect(workers[0]!.received[0]!.profile).toEqual(profile);
  });

  it('rejects with the message and stack the worker posted', async () => {
    const { client } = setup((w, req) => w.reply({ id: req.id, type: 'error', message: 'boom', stack: 'Error: boom\n    at core.ts:1' }));
    const error = await client.convert(files(), profile, {}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConverterError);
    expect((error as ConverterError).message).toBe('boom');
    expect((error as ConverterError).details).toContain('at core.ts:1');
    expect((error as ConverterError).crashed).toBe(false);
  });

  it('rejects every pending call when the worker reports an error it cannot attribute (id -1)', async () => {
    const { client } = setup((w, req) => {
      if (req.id === 2) w.reply({ id: -1, type: 'error', message: 'messageerror' });
    });
    const a = client.inspect(files(), profile);
    const b = client.inspect(files(), profile);
    await expect(a).rejects.toThrow('messageerror');
    await expect(b).rejects.toThrow('messageerror');
  });

  it('aborts by terminating the worker, and the next call starts a fresh one', async () => {
    const { client, workers } = setup([silent, echo]);
    const controller = new AbortController();
    const call = client.convert(files(), profile, {}, { signal: controller.signal });
    await tick();
    controller.abort();
    await expect(call).rejects.toMatchObject({ name: 'AbortError' });
    expect(workers[0]!.terminated).toBe(true);
    expect(await client.inspect(files(), profile)).toEqual({ echo: 2, type: 'inspect' });
    expect(workers).toHaveLength(2);
  });

  it('moves the other pending calls to the fresh worker when one is aborted', async () => {
    const { client, workers } = setup([silent, echo]);
    const controller = new AbortController();
    const aborted = client.convert(files(), profile, {}, { signal: controller.signal });
    const other = client.inspect(files(), profile);
    await tick();
    controller.abort();
    await expect(aborted).rejects.toMatchObject({ name: 'AbortError' });
    expect(await other).toEqual({ echo: 2, type: 'inspect' });
    expect(workers[1]!.received.map((r) => r.id)).toEqual([2]);
  });

  it('rejects at once, without a worker, when the signal is already aborted', async () => {
    const { client, workers } = setup(echo);
    await expect(client.inspect(files(), profile, { signal: AbortSignal.abort() })).rejects.toMatchObject({ name: 'AbortError' });
    expect(workers).toHaveLength(0);
  });

  it.each(['error', 'messageerror'] as const)('rejects pending calls when the worker dies (%s) and restarts on the next call', async (kind) => {
    const { client, workers } = setup([
      (w) => {
        if (kind === 'error') w.crash('Out of memory');
        else setTimeout(() => w.dispatchEvent(new MessageEvent('messageerror')), 0);
      },
      echo,
    ]);
    const error = await client.convert(files(), profile, {}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConverterError);
    expect((error as ConverterError).crashed).toBe(true);
    expect((error as ConverterError).message).toMatch(/stopped unexpectedly/);
    if (kind === 'error') expect((error as ConverterError).message).toContain('Out of memory');
    expect(workers[0]!.terminated).toBe(true);
    expect(client.mode).toBe('worker');
    expect(await client.inspect(files(), profile)).toEqual({ echo: 2, type: 'inspect' });
  });

  it('ignores late answers from a terminated worker', async () => {
    const { client, workers } = setup([silent, echo]);
    const controller = new AbortController();
    const call = client.inspect(files(), profile, { signal: controller.signal });
    await tick();
    controller.abort();
    await expect(call).rejects.toMatchObject({ name: 'AbortError' });
    workers[0]!.terminated = false; // let a stale answer through
    workers[0]!.reply({ id: 1, type: 'result', result: {} as never });
    await tick();
  });

  it('dispose terminates the worker, rejects pending calls and refuses new ones', async () => {
    const { client, workers } = setup(silent);
    const call = client.inspect(files(), profile);
    await tick();
    client.dispose();
    await expect(call).rejects.toMatchObject({ name: 'AbortError' });
    expect(workers[0]!.terminated).toBe(true);
    await expect(client.inspect(files(), profile)).rejects.toThrow(/closed/);
  });

  it('shuts an idle worker down when asked to', async () => {
    vi.useFakeTimers();
    const workers: FakeWorker[] = [];
    const client = new ConverterClient({
      idleTimeoutMs: 1000,
      createWorker: () => {
        const w = new FakeWorker(echo);
        workers.push(w);
        return w as unknown as Worker;
      },
    });
    const call = client.inspect(files(), profile);
    await vi.advanceTimersByTimeAsync(10);
    await call;
    expect(workers[0]!.terminated).toBe(false);
    await vi.advanceTimersByTimeAsync(1000);
    expect(workers[0]!.terminated).toBe(true);
    const again = client.inspect(files(), profile);
    await vi.advanceTimersByTimeAsync(10);
    await again;
    expect(workers).toHaveLength(2);
  });
});
