import { useEffect } from 'react';
import { useUiStore } from '../state/ui-store';

/** Puts the chosen theme on <html>, where the stylesheet's variables hang. */
export function useAppliedTheme(): void {
  const theme = useUiStore((state) => state.theme);
  useEffect(() => {
    document.documentElement.dataset.theme = theme;
  }, [theme]);
}
