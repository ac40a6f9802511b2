import { useState } from 'react';

/** `null` stands for the add form; any other id for that item's edit form. */
type FormTarget = { id: string | null };

/**
 * Which one form of a list is open, at most one at a time. When it closes,
 * the control that opened it takes the focus back (it mounts again with
 * `autoFocus`), so a keyboard user carries on where they were.
 */
export function useInPlaceForm() {
  const [open, setOpen] = useState<FormTarget>();
  const [closed, setClosed] = useState<FormTarget>();
  return {
    isOpen: (id: string | null) => open?.id === id,
    open: (id: string | null) => {
      setClosed(undefined);
      setOpen({ id });
    },
    close: () => {
      setClosed(open);
      setOpen(undefined);
    },
    takesFocusBack: (id: string | null) => closed?.id === id,
  };
}
