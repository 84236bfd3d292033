import { describe, expect, it } from 'vitest';
import { createServices } from './services.js';

describe('the outside world of a CLI run', () => {
  it('shows a progress line while links are checked, and clears it at the end', async () => {
    const written: string[] = [];
    const world = createServices({ online: true, version: '0.0.0-test', timeoutMs: 500, progress: { write: (text) => written.push(text) } });
    const io = world.forManifest('/nowhere');
    // A literal loopback address: refused before any connection, so the test needs no server.
    const outcome = await io.request('https://127.0.0.1/', { method: 'GET', maxBytes: 1024 });
    await world.close();
    expect(outcome.kind).toBe('blocked');
    expect(written.some((text) => /^\r\u001b\[KChecking links… \d+\/1$/.test(text))).toBe(true);
    expect(written.at(-1)).toBe('\r\u001b[K');
  });

  it('writes nothing and loads nothing when no link is checked', async () => {
    const written: string[] = [];
    const world = createServices({ online: false, version: '0.0.0-test', progress: { write: (text) => written.push(text) } });
    world.forManifest('/nowhere');
    await world.close();
    expect(written).toEqual([]);
  });
});
