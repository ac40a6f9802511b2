import { useState } from 'react';
import { ulid } from 'ulid';
import type { EvidenceItem, VaultCheck } from '../../../shared/evidence-types';
import {
  useEvidenceIntake,
  useEvidenceList,
  useVerifyEvidence,
} from '../data/evidence-queries';
import { useAppInfo, useIncident } from '../data/incident-queries';
import { useUiStore } from '../state/ui-store';
import { errorMessage } from '../transport/call';
import { isDesktopApp } from '../transport/resolve-bridge';
import { formatTimestamp, type ZoneMode } from '../timeline/time-format';
import { AddFilesDialog, type FileBatch } from './add-files-dialog';
import { AddPathsDialog, type PathEvidence } from './add-paths-dialog';
import { AddTextDialog, type TextEvidence } from './add-text-dialog';
import { CustodyDialog, type CustodyRequest } from './custody-dialog';
import { EvidenceDetail } from './evidence-detail';
import { formatBytes } from './evidence-format';
import { EvidenceList } from './evidence-list';
import { ExportDialog } from './export-dialog';
import { IntakePanel } from './intake-panel';
import { IntegrityBanner } from './integrity-views';
import {
  useFileDrop,
  useIgnoreStrayDrops,
  type DroppedFiles,
} from './use-file-drop';

type OpenDialog =
  | { kind: 'files'; initial: DroppedFiles }
  | { kind: 'text' | 'paths' | 'export' }
  | null;

const NO_FILES: DroppedFiles = { files: [], folders: [] };

function checkText(check: VaultCheck, zoneMode: ZoneMode): string {
  const at = formatTimestamp(check.checkedAt, zoneMode, {
    precision: 'seconds',
  });
  const items = `${check.items} ${check.items === 1 ? 'item' : 'items'}`;
  const outcome = check.ok
    ? 'all intact'
    : `${check.problems.length} failed, see above`;
  return `Checked ${items} (${formatBytes(check.bytes)}) at ${at}: ${outcome}`;
}

function EvidenceToolbar(props: {
  incidentId: string;
  zoneMode: ZoneMode;
  onOpen: (dialog: OpenDialog) => void;
}) {
  const verify = useVerifyEvidence(props.incidentId);
  const check = verify.data;
  return (
    <div
      className="evidence-toolbar"
      role="group"
      aria-label="Evidence actions"
    >
      <button
        type="button"
        className="button-primary"
        onClick={() => props.onOpen({ kind: 'files', initial: NO_FILES })}
      >
        Add files…
      </button>
      <button type="button" onClick={() => props.onOpen({ kind: 'text' })}>
        Add text…
      </button>
      <button type="button" onClick={() => props.onOpen({ kind: 'paths' })}>
        Add by path…
      </button>
      <span className="toolbar-divider" aria-hidden="true" />
      <button
        type="button"
        disabled={verify.isPending}
        onClick={() => verify.mutate('on-demand')}
      >
        {verify.isPending ? 'Verifying…' : 'Verify now'}
      </button>
      <button type="button" onClick={() => props.onOpen({ kind: 'export' })}>
        Export bundle…
      </button>
      <span
        className={`verify-result${check && !check.ok ? ' has-problems' : ''}`}
        role="status"
        data-testid="verify-result"
      >
        {check && checkText(check, props.zoneMode)}
        {verify.error && `Not verified: ${errorMessage(verify.error)}`}
      </span>
      {!check && !verify.error && (
        <span className="muted hint toolbar-hint">
          or drop files anywhere on this pane
        </span>
      )}
    </div>
  );
}

function EmptyEvidence() {
  return (
    <div className="empty-state evidence-empty">
      <p>
        <strong>No evidence yet.</strong>
      </p>
      <p className="muted">
        Add files, paste command output, or drop files here. Each is copied into
        the vault and hashed (SHA-256, SHA-1, MD5) in the same pass; its custody
        is recorded from then on.
      </p>
    </div>
  );
}

function EvidenceBody(props: {
  incidentId: string;
  items: EvidenceItem[];
  zoneMode: ZoneMode;
  onCustody: (request: CustodyRequest) => void;
}) {
  const { items } = props;
  const selectedId = useUiStore((store) => store.selectedEvidenceId);
  const select = useUiStore((store) => store.selectEvidence);
  const selected =
    items.find((item) => item.id === selectedId) ?? items[0] ?? null;
  if (!selected) return <EmptyEvidence />;

  const custody = (action: CustodyRequest['action']) =>
    props.onCustody({ evidenceId: selected.id, name: selected.name, action });
  return (
    <div className="evidence-body">
      <div className="evidence-list-scroll">
        <EvidenceList
          items={items}
          selectedId={selected.id}
          zoneMode={props.zoneMode}
          onSelect={select}
        />
      </div>
      <div className="evidence-detail-scroll">
        <EvidenceDetail
          incidentId={props.incidentId}
          evidenceId={selected.id}
          zoneMode={props.zoneMode}
          onRecordCustody={() => custody('transferred')}
          onSeal={() => custody('sealed')}
        />
      </div>
    </div>
  );
}

/** Starts intakes, each with an id of its own so it can be cancelled. */
function useStartIntake(incidentId: string) {
  const intake = useEvidenceIntake(incidentId);
  return {
    files(batch: FileBatch) {
      const intakeId = ulid();
      const details = { incidentId, ...batch.details, intakeId };
      intake.mutate({ kind: 'files', intakeId, files: batch.files, details });
    },
    text(evidence: TextEvidence) {
      const intakeId = ulid();
      const input = { incidentId, ...evidence, intakeId };
      intake.mutate({ kind: 'text', intakeId, input });
    },
    paths(evidence: PathEvidence) {
      const intakeId = ulid();
      const input = { incidentId, ...evidence, intakeId };
      intake.mutate({ kind: 'paths', intakeId, input });
    },
  };
}

function EvidenceDialogs(props: {
  incidentId: string;
  dialog: OpenDialog;
  custody: CustodyRequest | null;
  onClose: () => void;
  onCustodyDone: () => void;
}) {
  const { dialog, incidentId, onClose } = props;
  const start = useStartIntake(incidentId);
  const actor = useAppInfo().data?.defaultActor ?? '';
  const then =
    <T,>(run: (value: T) => void) =>
    (value: T) => {
      onClose();
      run(value);
    };
  return (
    <>
      <AddFilesDialog
        open={dialog?.kind === 'files'}
        initial={dialog?.kind === 'files' ? dialog.initial : NO_FILES}
        desktop={isDesktopApp()}
        onAdd={then(start.files)}
        onCancel={onClose}
      />
      <AddTextDialog
        open={dialog?.kind === 'text'}
        onAdd={then(start.text)}
        onCancel={onClose}
      />
      <AddPathsDialog
        open={dialog?.kind === 'paths'}
        onAdd={then(start.paths)}
        onCancel={onClose}
      />
      <ExportDialog
        open={dialog?.kind === 'export'}
        incidentId={incidentId}
        onDone={onClose}
      />
      <CustodyDialog
        incidentId={incidentId}
        request={props.custody}
        handler={actor}
        onDone={props.onCustodyDone}
      />
    </>
  );
}

function EvidenceHeader(props: { incidentId: string; items?: EvidenceItem[] }) {
  const incident = useIncident(props.incidentId);
  const items = props.items;
  const bytes = items?.reduce((sum, item) => sum + item.size, 0) ?? 0;
  return (
    <div className="pane-header">
      <h1 id="evidence-heading">
        Evidence
        {incident && <span className="muted">: {incident.title}</span>}
      </h1>
      {items && (
        <span className="muted" data-testid="evidence-total">
          {items.length} {items.length === 1 ? 'item' : 'items'} ·{' '}
          {formatBytes(bytes)}
        </span>
      )}
    </div>
  );
}

function EvidenceContent(props: {
  incidentId: string;
  zoneMode: ZoneMode;
  onCustody: (request: CustodyRequest) => void;
}) {
  const list = useEvidenceList(props.incidentId);
  if (list.error) {
    return (
      <p className="form-error pane-error" role="alert">
        Could not load the evidence: {errorMessage(list.error)}
      </p>
    );
  }
  if (!list.data) return <p className="muted pane-loading">Loading…</p>;
  return (
    <EvidenceBody
      incidentId={props.incidentId}
      items={list.data}
      zoneMode={props.zoneMode}
      onCustody={props.onCustody}
    />
  );
}

/**
 * The incident's evidence log: what was collected, its hashes, who has held
 * it, and whether the vault copy still matches. Files can be dropped
 * anywhere on the pane.
 */
export function EvidencePane(props: { incidentId: string }) {
  const { incidentId } = props;
  const list = useEvidenceList(incidentId);
  const zoneMode = useUiStore((store) => store.zoneMode);
  const select = useUiStore((store) => store.selectEvidence);
  const [dialog, setDialog] = useState<OpenDialog>(null);
  const [custody, setCustody] = useState<CustodyRequest | null>(null);
  const drop = useFileDrop((dropped) =>
    setDialog({ kind: 'files', initial: dropped }),
  );
  useIgnoreStrayDrops();

  return (
    <section
      className="pane evidence-pane"
      aria-labelledby="evidence-heading"
      data-testid="evidence-pane"
      {...drop.handlers}
    >
      <EvidenceHeader incidentId={incidentId} items={list.data} />
      <IntegrityBanner items={list.data ?? []} onSelect={select} />
      <EvidenceToolbar
        incidentId={incidentId}
        zoneMode={zoneMode}
        onOpen={setDialog}
      />
      <IntakePanel incidentId={incidentId} />
      <EvidenceContent
        incidentId={incidentId}
        zoneMode={zoneMode}
        onCustody={setCustody}
      />
      {drop.dragging && (
        <div className="drop-overlay" aria-hidden="true">
          Drop files to add them as evidence
        </div>
      )}
      <EvidenceDialogs
        incidentId={incidentId}
        dialog={dialog}
        custody={custody}
        onClose={() => setDialog(null)}
        onCustodyDone={() => setCustody(null)}
      />
    </section>
  );
}
