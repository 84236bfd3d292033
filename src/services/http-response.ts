/** Reads one HTTP response into either a redirect to follow or an outcome. */
import type { Dispatcher } from 'undici';
import type { OutcomeDetails } from './http-outcome.js';

export type HopResult = { kind: 'redirect'; location: string } | OutcomeDetails;

export interface ResponseLimits {
  method: 'GET' | 'HEAD';
  maxBytes: number;
  readBody?: boolean;
}

const REDIRECT_STATUSES: ReadonlySet<number> = new Set([301, 302, 303, 307, 308]);
/** Redirect and error bodies are not needed; a small one is drained so the connection can be reused. */
const DISCARD_LIMIT = 64 * 1024;

/**
 * Turns a response into a hop result. Only a 2xx GET body is read (up to maxBytes, refused early on
 * Content-Length); redirect and error bodies are drained a little or dropped.
 */
export async function readResponse(
  response: Dispatcher.ResponseData,
  options: ResponseLimits,
  signal: AbortSignal,
): Promise<HopResult> {
  const { statusCode: status, headers, body } = response;
  const location = firstHeader(headers['location']);
  if (REDIRECT_STATUSES.has(status) && location !== undefined) {
    await body.dump({ limit: DISCARD_LIMIT, signal }).catch(() => undefined);
    return { kind: 'redirect', location };
  }
  const contentType = firstHeader(headers['content-type']);
  const declared = firstHeader(headers['content-length']);
  const contentLength = declared !== undefined && /^\d+$/.test(declared) ? Number(declared) : undefined;
  const described = {
    kind: 'response' as const,
    status,
    ...(contentType === undefined ? {} : { contentType }),
    ...(contentLength === undefined ? {} : { contentLength }),
  };
  if (options.method === 'HEAD' || status < 200 || status > 299) {
    await body.dump({ limit: DISCARD_LIMIT, signal }).catch(() => undefined);
    return described;
  }
  if (contentLength !== undefined && contentLength > options.maxBytes) {
    body.destroy();
    return { kind: 'too-large', limit: options.maxBytes, contentLength, received: 0 };
  }
  const chunks: Uint8Array[] = [];
  let received = 0;
  for await (const chunk of body as AsyncIterable<Uint8Array>) {
    received += chunk.byteLength;
    if (received > options.maxBytes) {
      body.destroy();
      return { kind: 'too-large', limit: options.maxBytes, received };
    }
    if (options.readBody === true) chunks.push(chunk);
  }
  return options.readBody === true ? { ...described, body: concatenate(chunks, received) } : described;
}

/** A plain Uint8Array of its own (Buffer.concat may hand out a slice of a shared pool). */
function concatenate(chunks: readonly Uint8Array[], length: number): Uint8Array {
  const bytes = new Uint8Array(length);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}

function firstHeader(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}
