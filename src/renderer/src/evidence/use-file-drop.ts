import { useEffect, useRef, useState, type DragEvent } from 'react';

/** Files dropped; folders are kept apart, as a browser cannot read them. */
export type DroppedFiles = { files: File[]; folders: File[] };

function carriesFiles(transfer: DataTransfer | null): boolean {
  return Array.from(transfer?.types ?? []).includes('Files');
}

export function droppedFiles(transfer: DataTransfer): DroppedFiles {
  const dropped: DroppedFiles = { files: [], folders: [] };
  const items = Array.from(transfer.items ?? []);
  if (items.length === 0) {
    return { files: Array.from(transfer.files), folders: [] };
  }
  for (const item of items) {
    const file = item.kind === 'file' ? item.getAsFile() : null;
    if (!file) continue;
    const isFolder = item.webkitGetAsEntry?.()?.isDirectory ?? false;
    (isFolder ? dropped.folders : dropped.files).push(file);
  }
  return dropped;
}

/**
 * Drag-and-drop of files onto an element: whether files are being dragged
 * over it (enter and leave fire for every child, hence the depth count),
 * and the files once dropped. Other drags (text, links) are left alone.
 */
export function useFileDrop(onDrop: (dropped: DroppedFiles) => void) {
  const [dragging, setDragging] = useState(false);
  const depth = useRef(0);

  const handlers = {
    onDragEnter(event: DragEvent) {
      if (!carriesFiles(event.dataTransfer)) return;
      event.preventDefault();
      depth.current += 1;
      setDragging(true);
    },
    onDragOver(event: DragEvent) {
      if (!carriesFiles(event.dataTransfer)) return;
      event.preventDefault();
      event.dataTransfer.dropEffect = 'copy';
    },
    onDragLeave(event: DragEvent) {
      if (!carriesFiles(event.dataTransfer)) return;
      depth.current = Math.max(0, depth.current - 1);
      if (depth.current === 0) setDragging(false);
    },
    onDrop(event: DragEvent) {
      if (!carriesFiles(event.dataTransfer)) return;
      event.preventDefault();
      event.stopPropagation();
      depth.current = 0;
      setDragging(false);
      onDrop(droppedFiles(event.dataTransfer));
    },
  };
  return { dragging, handlers };
}

/**
 * While mounted, a file dropped anywhere else on the page is ignored
 * rather than opened by the browser in place of the console.
 */
export function useIgnoreStrayDrops(): void {
  useEffect(() => {
    function ignore(event: globalThis.DragEvent) {
      if (carriesFiles(event.dataTransfer)) event.preventDefault();
    }
    window.addEventListener('dragover', ignore);
    window.addEventListener('drop', ignore);
    return () => {
      window.removeEventListener('dragover', ignore);
      window.removeEventListener('drop', ignore);
    };
  }, []);
}
