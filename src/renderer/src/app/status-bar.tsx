import { useAppInfo } from '../data/incident-queries';
import { errorMessage } from '../transport/call';

/** Which data directory and identity this console writes with. */
export function StatusBar() {
  const info = useAppInfo();

  return (
    <footer className="status-bar" data-testid="status-bar">
      {info.data && (
        <>
          <span title="Entries you write are recorded under this name">
            Actor: {info.data.defaultActor}
          </span>
          <span title="This device's chains carry its id">
            Device: {info.data.deviceId}
          </span>
          <span className="status-path" title={info.data.dataDir}>
            Data: {info.data.dataDir}
          </span>
          <span>War Room {info.data.version}</span>
        </>
      )}
      {info.error && (
        <span className="status-error" role="alert">
          {errorMessage(info.error)}
        </span>
      )}
    </footer>
  );
}
