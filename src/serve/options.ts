import type { Registration } from '../check-request/index.js';
import type { LogEntry } from './log.js';
import type { ConsentContent } from './pages.js';

/** What the local authorization server enforces and shows. */
export interface ServeOptions {
  registration: Registration;
  clientId: string;
  /** Confidential clients only. */
  clientSecret?: string;
  consent: ConsentContent;
  /** The logo's bytes, served at /logo so the consent page loads nothing from elsewhere. */
  logo?: { bytes: Uint8Array; contentType: string };
  /** 0: any free port. */
  port: number;
  autoApprove: boolean;
  accessTokenTtl: number;
  log(entry: LogEntry): void;
}
