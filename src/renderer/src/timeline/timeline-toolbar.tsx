import { useShallow } from 'zustand/react/shallow';
import { useTimelineFacets } from '../data/journal-queries';
import { useUiStore } from '../state/ui-store';
import { kindLabel } from './entry-labels';
import { FacetFilter } from './facet-filter';
import { SearchBox } from './search-box';
import { SegmentedControl } from './segmented-control';

function Filters(props: { incidentId: string }) {
  const facets = useTimelineFacets(props.incidentId).data;
  const kinds = useUiStore((state) => state.kindFilter);
  const actors = useUiStore((state) => state.actorFilter);
  const setKinds = useUiStore((state) => state.setKindFilter);
  const setActors = useUiStore((state) => state.setActorFilter);

  return (
    <>
      <FacetFilter
        label="Kinds"
        selected={kinds}
        onChange={setKinds}
        options={(facets?.kinds ?? []).map((facet) => ({
          value: facet.kind,
          label: kindLabel(facet.kind),
          count: facet.count,
        }))}
      />
      <FacetFilter
        label="Actors"
        selected={actors}
        onChange={setActors}
        options={(facets?.actors ?? []).map((facet) => ({
          value: facet.actor,
          label: facet.actor,
          count: facet.count,
        }))}
      />
    </>
  );
}

function DisplaySwitches() {
  const store = useUiStore(
    useShallow((state) => ({
      order: state.order,
      setOrder: state.setOrder,
      timeBasis: state.timeBasis,
      setTimeBasis: state.setTimeBasis,
      zoneMode: state.zoneMode,
      setZoneMode: state.setZoneMode,
    })),
  );
  return (
    <>
      <SegmentedControl
        legend="Order"
        value={store.order}
        onChange={store.setOrder}
        segments={[
          { value: 'oldest-first', label: 'Oldest first' },
          { value: 'newest-first', label: 'Newest first' },
        ]}
      />
      <SegmentedControl
        legend="Which time"
        value={store.timeBasis}
        onChange={store.setTimeBasis}
        segments={[
          { value: 'occurred', label: 'Event time' },
          { value: 'recorded', label: 'Recorded time' },
        ]}
      />
      <SegmentedControl
        legend="Time zone"
        value={store.zoneMode}
        onChange={store.setZoneMode}
        segments={[
          { value: 'utc', label: 'UTC' },
          { value: 'local', label: 'Local' },
        ]}
      />
    </>
  );
}

export function TimelineToolbar(props: { incidentId: string }) {
  return (
    <div className="timeline-toolbar">
      <SearchBox />
      <Filters incidentId={props.incidentId} />
      <span className="header-spacer" />
      <DisplaySwitches />
    </div>
  );
}
