import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import type { VerifyReport } from '../../../shared/journal-types';
import { resetUiStore } from '../state/ui-store';
import { createFakeBridge } from '../test-support/fake-bridge';
import { renderWithApp } from '../test-support/render-with-app';
import { INCIDENT_ID } from '../test-support/sample-data';
import { ChainStatus } from './chain-status';
import { TamperBanner } from './tamper-banner';

type FullReport = VerifyReport & { vault: null };

const verified: FullReport = {
  ok: true,
  chains: 1,
  entries: 42,
  problems: [],
  verifiedAt: '2026-12-03T16:25:32.123456Z',
  vault: null,
};

const tampered: FullReport = {
  ...verified,
  ok: false,
  problems: [
    {
      incident: INCIDENT_ID,
      entry: '01KBHQ3A0000000000000000AA',
      kind: 'altered',
      detail: 'stored hash does not match the entry',
    },
    {
      incident: INCIDENT_ID,
      entry: '01KBHQ3A0000000000000000AB',
      kind: 'missing',
      detail: 'chain position 7 is missing',
    },
  ],
};

function renderStatus(report: FullReport) {
  const bridge = createFakeBridge({
    'journal:verify': () => ({ ok: true, value: report }),
  });
  renderWithApp(
    <>
      <ChainStatus incidentId={INCIDENT_ID} />
      <TamperBanner incidentId={INCIDENT_ID} />
    </>,
    bridge,
  );
  return bridge;
}

beforeEach(() => resetUiStore());

describe('ChainStatus', () => {
  it('says the chain is verified and when', async () => {
    renderStatus(verified);

    const status = await screen.findByTestId('chain-status');
    await waitFor(() =>
      expect(status).toHaveAttribute('data-state', 'verified'),
    );
    expect(status).toHaveTextContent('Chain verified 2026-12-03 16:25:32Z');
    expect(status).toHaveAttribute(
      'title',
      expect.stringContaining('42 entries checked'),
    );
    expect(screen.queryByTestId('tamper-banner')).toBeNull();
  });

  it('shows tampering in the header and across the timeline', async () => {
    renderStatus(tampered);

    const banner = await screen.findByTestId('tamper-banner');
    expect(screen.getByTestId('chain-status')).toHaveTextContent(
      'Chain broken: 2 problems',
    );
    expect(banner).toHaveTextContent('hash chain is broken');
    expect(banner).toHaveTextContent('chain position 7 is missing');
  });

  it('verifies again on click', async () => {
    const user = userEvent.setup();
    const bridge = renderStatus(verified);
    const status = await screen.findByTestId('chain-status');
    await waitFor(() =>
      expect(status).toHaveAttribute('data-state', 'verified'),
    );

    await user.click(status);

    await waitFor(() =>
      expect(
        bridge.calls.filter((call) => call.channel === 'journal:verify'),
      ).toHaveLength(2),
    );
    expect(bridge.calls[1].input).toEqual({ incidentId: INCIDENT_ID });
  });
});
