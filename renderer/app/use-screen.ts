import { useCallback, useState } from 'react';
import { SCREENS } from './screens';

const KEY = 'ltc-desk.screen';

function homeScreen(): string {
  return (SCREENS.find((s) => s.home) ?? SCREENS[0]!).id;
}

/**
 * The screen shown, remembered on this device: a collections clerk who works on the collections
 * board all day should find it there again after a restart, not the sales home screen. Storage
 * that is unavailable (a locked-down profile) only costs the memory, never the app.
 */
export function useScreen(): [string, (id: string) => void] {
  const [screenId, setScreenId] = useState(() => {
    try {
      const saved = localStorage.getItem(KEY);
      if (SCREENS.some((s) => s.id === saved)) return saved!;
    } catch {
      // No storage: start on the home screen.
    }
    return homeScreen();
  });
  const select = useCallback((id: string) => {
    setScreenId(id);
    try {
      localStorage.setItem(KEY, id);
    } catch {
      // As above: the choice lasts for this session only.
    }
  }, []);
  return [screenId, select];
}
