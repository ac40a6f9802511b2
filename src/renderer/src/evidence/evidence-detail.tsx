import type { ReactNode } from 'react';
import type {
  EvidenceItem,
  EvidenceSource,
} from '../../../shared/evidence-types';
import { useEvidenceDetail } from '../data/evidence-queries';
import { errorMessage } from '../transport/call';
import { formatTimestamp, type ZoneMode } from '../timeline/time-format';
import { CopyHashButton } from './copy-hash-button';
import { CustodyHistory } from './custody-history';
import {
  custodyText,
  formatBytes,
  formatExactBytes,
  typeLabel,
} from './evidence-format';
import { IntegrityBadge } from './integrity-views';

const SOURCE_LABELS: Record<EvidenceSource, string> = {
  file: 'File read from disk',
  upload: 'Uploaded from a browser',
  text: 'Pasted text',
  'api-response': 'Captured API response',
  symlink: 'Symbolic link (its target was not read)',
};

function Fact(props: { label: string; children: ReactNode }) {
  return (
    <>
      <dt>{props.label}</dt>
      <dd>{props.children}</dd>
    </>
  );
}

function Missing(props: { text: string }) {
  return <span className="muted">{props.text}</span>;
}

function HashFacts(props: { item: EvidenceItem }) {
  const { item } = props;
  const hashes = [
    ['SHA-256', item.hashes.sha256],
    ['SHA-1', item.hashes.sha1],
    ['MD5', item.hashes.md5],
  ] as const;
  return hashes.map(([algorithm, hash]) => (
    <Fact key={algorithm} label={algorithm}>
      <CopyHashButton hash={hash} algorithm={algorithm} of={item.name} />
    </Fact>
  ));
}

function OriginFacts(props: { item: EvidenceItem; zoneMode: ZoneMode }) {
  const { item, zoneMode } = props;
  const time = (utc: string) => formatTimestamp(utc, zoneMode);
  return (
    <>
      <Fact label="Original path">
        <span className="mono">{item.originalPath}</span>
      </Fact>
      <Fact label="Source">{SOURCE_LABELS[item.source]}</Fact>
      {item.linkTarget !== null && (
        <Fact label="Link target">
          <span className="mono">{item.linkTarget}</span>
        </Fact>
      )}
      <Fact label="Source host">{item.sourceHost}</Fact>
      <Fact label="Modified">
        {item.originalModifiedAt ? (
          <span className="mono">{time(item.originalModifiedAt)}</span>
        ) : (
          <Missing text="not known" />
        )}
      </Fact>
      <Fact label="Acquired">
        <span className="mono">{time(item.acquiredAt)}</span>{' '}
        <span className="nowrap">by {item.acquiredBy}</span>
      </Fact>
    </>
  );
}

function StateFacts(props: { item: EvidenceItem; zoneMode: ZoneMode }) {
  const { item } = props;
  return (
    <>
      <Fact label="Custody">{custodyText(item)}</Fact>
      <Fact label="Integrity">
        <IntegrityBadge integrity={item.integrity} />{' '}
        {item.integrityCheckedAt ? (
          <span className="muted nowrap">
            checked{' '}
            {formatTimestamp(item.integrityCheckedAt, props.zoneMode, {
              precision: 'seconds',
            })}
          </span>
        ) : (
          <Missing text="never checked" />
        )}
      </Fact>
    </>
  );
}

function NoteFacts(props: { item: EvidenceItem }) {
  const { item } = props;
  return (
    <>
      <Fact label="Description">
        {item.description ? (
          <span className="evidence-description">{item.description}</span>
        ) : (
          <Missing text="none" />
        )}
      </Fact>
      <Fact label="Tags">
        {item.tags.length > 0 ? (
          item.tags.map((tag) => (
            <span key={tag} className="tag evidence-tag">
              {tag}
            </span>
          ))
        ) : (
          <Missing text="none" />
        )}
      </Fact>
      <Fact label="Linked entries">
        {item.linkedEntries.length > 0 ? (
          <span className="mono">{item.linkedEntries.join(', ')}</span>
        ) : (
          <Missing text="none" />
        )}
      </Fact>
      <Fact label="Evidence id">
        <span className="mono">{item.id}</span>
      </Fact>
      <Fact label="Intake entry">
        <span className="mono">{item.entryId}</span>
      </Fact>
    </>
  );
}

function DetailActions(props: {
  item: EvidenceItem;
  onRecordCustody: () => void;
  onSeal: () => void;
}) {
  const released = props.item.custodyState === 'released';
  const why = released ? 'Released: no further custody is recorded' : '';
  return (
    <div className="detail-actions">
      <button
        type="button"
        disabled={released}
        title={why}
        onClick={props.onRecordCustody}
      >
        Record custody…
      </button>
      <button
        type="button"
        disabled={released}
        title={why || 'Record that it was sealed, and where it is kept'}
        onClick={props.onSeal}
      >
        Seal…
      </button>
    </div>
  );
}

/** Everything recorded about one item, and its chain of custody. */
export function EvidenceDetail(props: {
  incidentId: string;
  evidenceId: string;
  zoneMode: ZoneMode;
  onRecordCustody: () => void;
  onSeal: () => void;
}) {
  const detail = useEvidenceDetail(props.incidentId, props.evidenceId);
  if (detail.error) {
    return (
      <p className="form-error" role="alert">
        Could not load the item: {errorMessage(detail.error)}
      </p>
    );
  }
  if (!detail.data) return <p className="muted">Loading…</p>;

  const { item, custody } = detail.data;
  return (
    <article
      className="evidence-detail"
      aria-labelledby="evidence-detail-heading"
      data-testid="evidence-detail"
    >
      <div className="detail-head">
        <h2 id="evidence-detail-heading">{item.name}</h2>
        <span className="muted">{typeLabel(item.type)}</span>
        <span className="header-spacer" />
        <DetailActions
          item={item}
          onRecordCustody={props.onRecordCustody}
          onSeal={props.onSeal}
        />
      </div>
      <dl className="facts evidence-facts">
        <Fact label="Size">
          {formatBytes(item.size)}{' '}
          <span className="muted">({formatExactBytes(item.size)})</span>
        </Fact>
        <HashFacts item={item} />
        <OriginFacts item={item} zoneMode={props.zoneMode} />
        <StateFacts item={item} zoneMode={props.zoneMode} />
        <NoteFacts item={item} />
      </dl>
      <h3 className="subheading">Custody history</h3>
      <CustodyHistory events={custody} zoneMode={props.zoneMode} />
    </article>
  );
}
