import { serveCore, type CoreScope } from './core-port';
import { openWebHost } from './host';

/**
 * The web core's worker: the database, rules, sync engine and analytics of the web build, off
 * the page's thread (issue 19), as the desktop keeps them in Electron's main. The page
 * (worker-host.ts) sends `open` once, then commands and live queries; core-port.ts answers them
 * through the same dispatcher the in-page host used, so the renderer sees exactly the LtcBridge
 * it saw before. A dedicated worker belongs to one page: reloading the page ends it, and the new
 * page opens a new one.
 */
serveCore(self as unknown as CoreScope, ({ message, vault, firstScreenShown }) =>
  openWebHost({ localUser: message.profile, vault, firstScreenShown }),
);
