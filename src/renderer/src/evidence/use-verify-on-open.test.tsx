import { QueryClient } from '@tanstack/react-query';
import { render, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { AppProviders } from '../app/app-providers';
import { createFakeBridge } from '../test-support/fake-bridge';
import { useVerifyEvidenceOnOpen } from './use-verify-on-open';

const A = '01KBHQ2ZP4TS1BA5K3V3WDG2GF';
const B = '01KBHQ2ZP4TS1BA5K3V3WDG2GG';

function Opened(props: { incidentId: string | null; openCount: number }) {
  useVerifyEvidenceOnOpen(props.incidentId, props.openCount);
  return null;
}

function setUp() {
  const bridge = createFakeBridge({
    'evidence:verify': ({ incidentId }) => ({
      ok: true,
      value: {
        ok: true,
        items: 0,
        bytes: 0,
        problems: [],
        checkedAt: `${incidentId}`,
      },
    }),
  });
  const queryClient = new QueryClient();
  const ui = (incidentId: string | null, openCount: number) => (
    <AppProviders bridge={bridge} queryClient={queryClient}>
      <Opened incidentId={incidentId} openCount={openCount} />
    </AppProviders>
  );
  const checks = () =>
    bridge.calls
      .filter((call) => call.channel === 'evidence:verify')
      .map((call) => call.input);
  return { ui, checks };
}

describe('useVerifyEvidenceOnOpen', () => {
  it('checks once per opening, quietly, and not on re-renders', async () => {
    const { ui, checks } = setUp();
    const view = render(ui(null, 0));
    expect(checks()).toEqual([]);

    view.rerender(ui(A, 1));
    view.rerender(ui(A, 1));
    await waitFor(() =>
      expect(checks()).toEqual([{ incidentId: A, trigger: 'on-open' }]),
    );

    view.rerender(ui(B, 2));
    view.rerender(ui(A, 3));
    await waitFor(() =>
      expect(checks()).toEqual([
        { incidentId: A, trigger: 'on-open' },
        { incidentId: B, trigger: 'on-open' },
        { incidentId: A, trigger: 'on-open' },
      ]),
    );
  });
});
