import '@testing-library/jest-dom/vitest';
import { cleanup } from '@testing-library/react';
import { configure } from '@testing-library/react';
import { afterEach, vi } from 'vitest';

// Every renderer test drives the real core (RxDB) through real MUI components, typing key by key
// as a person does: a few seconds per test, more on a loaded CI machine.
vi.setConfig({ testTimeout: 30_000 });
configure({ asyncUtilTimeout: 5_000 });

/*
 * What jsdom lacks and MUI or dnd-kit reach for. Each stub does the least that lets the real
 * component run; none of them fakes product behaviour.
 */

// MUI's TextareaAutosize (multiline fields) and Autocomplete watch their size.
class ResizeObserverStub {
  observe(): void {}
  unobserve(): void {}
  disconnect(): void {}
}
globalThis.ResizeObserver ??= ResizeObserverStub as unknown as typeof ResizeObserver;

// useMediaQuery (MUI breakpoints) asks matchMedia; jsdom has none. Nothing matches: desktop defaults.
window.matchMedia ??= (query: string) =>
  ({
    matches: false,
    media: query,
    onchange: null,
    addListener: () => undefined,
    removeListener: () => undefined,
    addEventListener: () => undefined,
    removeEventListener: () => undefined,
    dispatchEvent: () => false,
  }) as MediaQueryList;

// dnd-kit scrolls the picked-up card into view; MUI menus scroll to the selected item.
Element.prototype.scrollIntoView ??= function scrollIntoView() {};
Element.prototype.scrollTo ??= function scrollTo() {};

afterEach(() => {
  cleanup();
  localStorage.clear();
});
