import type { LtcWireBridge } from '../../shared/api';

/**
 * `window.ltc` as the preload exposes it. Absent in the web build, where the page hosts the core
 * itself: code must check for it before use.
 */
declare global {
  interface Window {
    ltc?: LtcWireBridge;
  }
}

export {};
