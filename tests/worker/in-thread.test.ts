import { afterEach, describe, expect, it, vi } from 'vitest';
import type { InputFile } from '../../src/core/convert-types.ts';
import { reviewRow } from '../../src/core/review/rows.ts';
import { historyDraftFromPage, type PageConvertResult } from '../../src/worker/page-result.ts';
import type { InspectResult } from '../../src/core/convert.ts';
import { defaultPayTypeMapping, defaultProfile } from '../../src/core/profile/defaults.ts';
import type { Profile } from '../../src/core/profile/types.ts';
import { ConverterClient, ConverterError } from '../../src/worker/client.ts';
import { handleRequest } from '../../src/worker/convert.worker.ts';
import type { WorkerRequest, WorkerResponse } from '../../src/worker/protocol.ts';

const CSV = {
  'order-items.csv': 'OrderId,ProductId,ItemType,ItemName,ItemDescription,Qty,PricePerUnit,Notes\n1001,73,4,Widget,Blue widget,2,25.00,\n',
  'invoices.csv': 'Id,ContactId,JobId,DateCreated,InvoiceTotal,TotalPaid,TotalDue,PayPlanStatus\n1001,7,1001,2024-03-15 10:00:00,50.00,50.00,0.00,0\n',
  'payments.csv': 'InvoiceId,PayDate,PayType,PayAmt,PayNote\n1001,2024-03-20 00:00:00,Credit Card,50.00,\n',
  'contacts.csv':
    'Id,First Name,Last Name,Company Name,Email,Street Address 1,Street Address 2,City,State,Postal Code,Country\n7,Jane,Doe,,jane@example.com,12 Main St,,Springfield,IL,62701,USA\n',
};

function files(): InputFile[] {
  return Object.entries(CSV).map(([name, text]) => ({ name, bytes: new TextEncoder().encode(text) }));
}

function profile(): Profile {
  const p = defaultProfile('Test company');
  p.products.Widget = { item: 'Widget', itemType: 'SERV', account: 'Sales' };
  p.payTypes['Credit Card'] = defaultPayTypeMapping('Credit Card');
  return p;
}

function types(result: PageConvertResult): string[] {
  return Array.from({ length: result.rows.count }, (_, i) => reviewRow(result.rows, i).type).sort();
}

/** A fake Worker that runs the real worker handler in this thread, through structured clone. */
class LoopbackWorker extends EventTarget {
  terminated = false;
  constructor() {
    super();
    this.#send({ type: 'ready' });
  }
  postMessage(message: WorkerRequest, transfer: Transferable[] = []): void {
    const request = structuredClone(message, { transfer });
    setTimeout(() => handleRequest(request, (response) => this.#send(response)), 0);
  }
  #send(response: WorkerResponse): void {
    const data = structuredClone(response); // fails if a result is not plain data
    setTimeout(() => {
      if (!this.terminated) this.dispatchEvent(new MessageEvent('message', { data }));
    }, 0);
  }
  terminate(): void {
    this.terminated = true;
  }
}

afterEach(() => vi.restoreAllMocks());

describe('ConverterClient in the page (no Worker in Node)', () => {
  it('converts the tiny export and reports progress', async () => {
    const client = new ConverterClient();
    expect(client.mode).toBe('in-thread');
    const progress: string[] = [];
    const result = await client.convert(files(), profile(), {}, { onProgress: (stage) => progress.push(stage) });
    expect(types(result)).toEqual(['INVOICE', 'PAYMENT']);
    expect(await result.iif.text()).toContain('INVOICE');
    expect(result.history).toBeUndefined(); // review runs do not gather the ids
    expect(progress[0]).toBe('start');
    expect(progress.length).toBeGreaterThan(1); // the core's own stages come through too
  });

  it('inspects the files', async () => {
    const result: InspectResult = await new ConverterClient().inspect(files(), profile());
    expect(result.files.map((f) => f.kind).sort()).toEqual(['contacts', 'invoices', 'orderItems', 'payments']);
    expect(result.catalog.products.map((p) => p.name)).toContain('Widget');
    expect(result.catalog.payTypes.map((p) => p.name)).toContain('Credit Card');
  });

  it('leaves the caller\'s bytes and profile untouched', async () => {
    const input = files();
    const p = profile();
    const before = structuredClone(p);
    await new ConverterClient({ forceInThread: true }).convert(input, p, { alreadyExported: [] });
    expect(new TextDecoder().decode(input[0]!.bytes)).toBe(CSV['order-items.csv']);
    expect(p).toEqual(before);
  });

  it('drops the result and rejects with an AbortError when aborted while running', async () => {
    const controller = new AbortController();
    const call = new ConverterClient().convert(files(), profile(), {}, {
      signal: controller.signal,
      onProgress: (stage) => {
        if (stage === 'start') controller.abort();
      },
    });
    await expect(call).rejects.toMatchObject({ name: 'AbortError' });
  });

  it('falls back to the page when creating the worker throws (file://)', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    const client = new ConverterClient({
      createWorker: () => {
        throw new DOMException('Script cannot be accessed from origin null', 'SecurityError');
      },
    });
    expect(client.mode).toBe('worker');
    const result = await client.convert(files(), profile(), {});
    expect(client.mode).toBe('in-thread');
    expect(types(result)).toEqual(['INVOICE', 'PAYMENT']);
  });

  it('falls back to the page when the worker fails to load (error before ready)', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    const dead = new (class extends EventTarget {
      postMessage(): void {
        setTimeout(() => this.dispatchEvent(new Event('error')), 0);
      }
      terminate(): void {}
    })();
    const client = new ConverterClient({ createWorker: () => dead as unknown as Worker });
    const result = await client.convert(files(), profile(), {});
    expect(client.mode).toBe('in-thread');
    expect(types(result)).toEqual(['INVOICE', 'PAYMENT']);
  });
});

describe('the worker handler', () => {
  it('gives the same result through the worker protocol as in the page', async () => {
    const client = new ConverterClient({ createWorker: () => new LoopbackWorker() as unknown as Worker });
    const progress: [string, number][] = [];
    const viaWorker = await client.convert(files(), profile(), {}, { onProgress: (s, f) => progress.push([s, f]) });
    const inPage = await new ConverterClient().convert(files(), profile(), {});
    expect(client.mode).toBe('worker');
    expect(viaWorker).toEqual(inPage);
    expect(await viaWorker.iif.text()).toBe(await inPage.iif.text());
    expect(progress[0]).toEqual(['start', 0]);
    const inspected = await client.inspect(files(), profile());
    expect(inspected.files).toHaveLength(4);
  });

  it('sends the history ids and the customer names of an export run ahead in slices and puts them back in order', async () => {
    // 45,000 one-line, one-payment orders, each for its own contact: more id blocks and more
    // customer names than one slice holds.
    const n = 45_000;
    const lines = ['Id,ContactId,JobId,DateCreated,InvoiceTotal,TotalPaid,TotalDue,PayPlanStatus'];
    const contacts = ['Id,First Name,Last Name,Company Name,Email'];
    const pays = ['InvoiceId,PayDate,PayType,PayAmt,PayNote'];
    const items = ['OrderId,ProductId,ItemType,ItemName,ItemDescription,Qty,PricePerUnit,Notes'];
    for (let i = 1; i <= n; i++) {
      items.push(`${i},73,4,Widget,Blue widget,1,1.00,`);
      lines.push(`${i},${i},${i},2024-03-15,1.00,1.00,0.00,0`);
      contacts.push(`${i},Jane,Doe ${i},,jane${i}@example.com`);
      pays.push(`${i},2024-03-16,Credit Card,1.00,`);
    }
    const big: InputFile[] = [
      { name: 'order-items.csv', bytes: new TextEncoder().encode(items.join('\n')) },
      { name: 'contacts.csv', bytes: new TextEncoder().encode(contacts.join('\n')) },
      { name: 'invoices.csv', bytes: new TextEncoder().encode(lines.join('\n')) },
      { name: 'payments.csv', bytes: new TextEncoder().encode(pays.join('\n')) },
    ];
    const posted: WorkerResponse[] = [];
    handleRequest({ id: 9, type: 'convert', files: big.map((f) => ({ name: f.name, bytes: f.bytes.slice().buffer })), profile: profile(), selection: { forExport: true } }, (r) => posted.push(r));
    const last = posted.at(-1);
    if (last?.type === 'error') throw new Error(last.message);
    expect(posted.filter((r) => r.type === 'result-part' && r.field === 'keapIdBlocks').length).toBeGreaterThan(0);
    expect(posted.filter((r) => r.type === 'result-part' && r.field === 'wantedCustomers').length).toBeGreaterThan(1);
    expect(posted.filter((r) => r.type === 'result-part' && r.field === 'rowBlocks').length).toBeGreaterThan(1);
    const client = new ConverterClient({ createWorker: () => new LoopbackWorker() as unknown as Worker });
    const viaWorker = await client.convert(big, profile(), { forExport: true });
    const inPage = await new ConverterClient().convert(big, profile(), { forExport: true });
    expect(historyDraftFromPage(viaWorker.history!)).toEqual(historyDraftFromPage(inPage.history!));
    expect(historyDraftFromPage(viaWorker.history!).keapIds).toHaveLength(2 * n); // the sale and its payment
    expect(viaWorker.history?.keapIdBlocks.length).toBeGreaterThan(4);
    expect(viaWorker.history?.transactions).toBe(2 * n);
    expect(viaWorker.rows.count).toBe(2 * n);
    expect(viaWorker.rows.blocks).toEqual(inPage.rows.blocks);
    expect(viaWorker.wantedNames).toEqual(inPage.wantedNames);
    expect(viaWorker.wantedNames.customers).toHaveLength(n);
    expect(reviewRow(viaWorker.rows, 2 * n - 1)).toEqual(reviewRow(inPage.rows, 2 * n - 1));
  });

  it('leaves out already exported records the same way through the worker (ids sent as one joined string)', async () => {
    const first = await new ConverterClient().convert(files(), profile(), { forExport: true });
    const ids = first.history ? historyDraftFromPage(first.history).keapIds : [];
    expect(ids.length).toBeGreaterThan(1);
    const posted: WorkerRequest[] = [];
    const client = new ConverterClient({
      createWorker: () => {
        const w = new LoopbackWorker();
        const send = w.postMessage.bind(w);
        w.postMessage = (m: WorkerRequest, t?: Transferable[]) => {
          posted.push(m);
          send(m, t);
        };
        return w as unknown as Worker;
      },
    });
    const viaWorker = await client.convert(files(), profile(), { alreadyExported: ids.slice(0, 1) });
    const inPage = await new ConverterClient().convert(files(), profile(), { alreadyExported: ids.slice(0, 1) });
    expect(viaWorker.rows.count).toBe(inPage.rows.count);
    expect(viaWorker.excludedTransactions).toBe(1);
    const sent = posted[0];
    expect(sent?.type === 'convert' && sent.selection).toEqual({ alreadyExportedJoined: ids[0] });
    const none = await client.convert(files(), profile(), { alreadyExported: [] });
    expect(none.excludedTransactions).toBe(0);
  });

  it('posts a failure of the core as data, with its stack', () => {
    const posted: WorkerResponse[] = [];
    const request = { id: 7, type: 'convert', files: [], profile: null, selection: {} } as unknown as WorkerRequest;
    handleRequest(request, (r) => posted.push(r));
    const last = posted.at(-1);
    expect(last).toMatchObject({ id: 7, type: 'error' });
    expect(last?.type === 'error' && last.stack).toBeTruthy();
  });

  it.each([
    ['an unknown type', { id: 3, type: 'explode' }, 3, /Unknown request type "explode"/],
    ['a request without an id', { type: 'inspect' }, -1, /no numeric id/],
  ])('answers %s with an error', (_label, request, id, message) => {
    const posted: WorkerResponse[] = [];
    handleRequest(request as unknown as WorkerRequest, (r) => posted.push(r));
    const last = posted.at(-1);
    expect(last).toMatchObject({ id, type: 'error' });
    expect(last?.type === 'error' && last.message).toMatch(message);
  });

  it('reports an error posted by the worker as a ConverterError the UI can copy', async () => {
    const client = new ConverterClient({ createWorker: () => new LoopbackWorker() as unknown as Worker });
    const error = await client.convert(files(), null as unknown as Profile, {}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConverterError);
    expect((error as ConverterError).details.length).toBeGreaterThan((error as ConverterError).message.length);
  });
});
