import { QueryClientProvider, type QueryClient } from '@tanstack/react-query';
import { useEffect, type ReactNode } from 'react';
import type { WarRoomBridge } from '../../../shared/bridge';
import { connectLiveInvalidation } from '../data/live-invalidation';
import { BridgeProvider } from '../transport/bridge-context';

export function AppProviders(props: {
  bridge: WarRoomBridge;
  queryClient: QueryClient;
  children: ReactNode;
}) {
  const { bridge, queryClient } = props;
  useEffect(
    () => connectLiveInvalidation(bridge, queryClient),
    [bridge, queryClient],
  );

  return (
    <BridgeProvider bridge={bridge}>
      <QueryClientProvider client={queryClient}>
        {props.children}
      </QueryClientProvider>
    </BridgeProvider>
  );
}
