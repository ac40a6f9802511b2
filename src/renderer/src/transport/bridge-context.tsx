import { createContext, useContext, type ReactNode } from 'react';
import type { WarRoomBridge } from '../../../shared/bridge';

const BridgeContext = createContext<WarRoomBridge | null>(null);

export function BridgeProvider(props: {
  bridge: WarRoomBridge;
  children: ReactNode;
}) {
  return (
    <BridgeContext.Provider value={props.bridge}>
      {props.children}
    </BridgeContext.Provider>
  );
}

export function useBridge(): WarRoomBridge {
  const bridge = useContext(BridgeContext);
  if (!bridge) throw new Error('useBridge needs a BridgeProvider above it');
  return bridge;
}
