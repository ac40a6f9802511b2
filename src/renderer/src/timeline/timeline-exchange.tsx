import { useState } from 'react';
import { ExportTimelineDialog } from './export-timeline-dialog';
import { ImportTimelineDialog } from './import-timeline-dialog';
import './timeline-exchange.css';

/**
 * The Timeline pane's way in and out: export the journal for Timesketch,
 * DFIR-IRIS or a spreadsheet, and import a Timesketch file or the admin
 * API's exports as events at their own times.
 */
export function TimelineExchange(props: { incidentId: string }) {
  const [open, setOpen] = useState<'export' | 'import' | null>(null);
  const close = () => setOpen(null);
  return (
    <div className="timeline-exchange">
      <button type="button" onClick={() => setOpen('import')}>
        Import timeline…
      </button>
      <button type="button" onClick={() => setOpen('export')}>
        Export timeline…
      </button>
      <ImportTimelineDialog
        open={open === 'import'}
        incidentId={props.incidentId}
        onDone={close}
      />
      <ExportTimelineDialog
        open={open === 'export'}
        incidentId={props.incidentId}
        onDone={close}
      />
    </div>
  );
}
