import { describe, expect, it } from 'vitest';
import { mapInOrder } from './map-in-order.js';

const tick = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('mapInOrder', () => {
  it('yields in input order however the calls finish, with at most `limit` in flight', async () => {
    let inFlight = 0;
    let most = 0;
    const items = Array.from({ length: 40 }, (_, i) => i);
    const out: number[] = [];
    for await (const value of mapInOrder(items, 4, async (i) => {
      most = Math.max(most, ++inFlight);
      await tick((i * 7) % 5);
      inFlight--;
      return i * 10;
    })) {
      out.push(value);
    }
    expect(out).toEqual(items.map((i) => i * 10));
    expect(most).toBe(4);
  });

  it('starts at most `window` calls ahead of the result it waits for, so a slow first item holds few results', async () => {
    let started = 0;
    let release!: () => void;
    const first = new Promise<void>((resolve) => (release = resolve));
    const run = (async () => {
      const out: number[] = [];
      for await (const value of mapInOrder(Array.from({ length: 100 }, (_, i) => i), 3, async (i) => {
        started++;
        if (i === 0) await first;
        return i;
      }, 10)) {
        out.push(value);
      }
      return out;
    })();
    await tick(20);
    expect(started).toBe(10);
    release();
    expect(await run).toHaveLength(100);
    expect(started).toBe(100);
  });

  it('a failure surfaces in its turn, after the results before it, and one waiting in line is not unhandled', async () => {
    const out: number[] = [];
    const failing = (async () => {
      for await (const value of mapInOrder([0, 1, 2, 3], 4, async (i) => {
        if (i === 2) throw new Error('item 2');
        await tick(i === 0 ? 30 : 0);
        return i;
      })) {
        out.push(value);
      }
    })();
    await expect(failing).rejects.toThrow('item 2');
    expect(out).toEqual([0, 1]);
  });
});
