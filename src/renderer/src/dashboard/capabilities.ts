import type {
  AdminCapability,
  AdminStatus,
  CapabilityView,
} from '../../../shared/admin-api-types';

/** The capability, once discovered; undefined before the first discovery. */
export function capabilityOf(
  status: AdminStatus,
  capability: AdminCapability,
): CapabilityView | undefined {
  return status.capabilities.find((item) => item.capability === capability);
}
