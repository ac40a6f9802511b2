/**
 * Main refuses bad input with `path: reason` issues joined by "; ". These
 * turn the paths into the labels a person sees on the form.
 */
export type FieldLabeller = (path: string[]) => string | null;

export type FieldProblem = { path: string; label: string; reason: string };

export function fieldProblems(
  message: string,
  labelFor: FieldLabeller,
): FieldProblem[] {
  return message.split('; ').map((issue) => {
    const colon = issue.indexOf(': ');
    if (colon < 0) return { path: '', label: '', reason: issue };
    const path = issue.slice(0, colon);
    const label = labelFor(path.split('.')) ?? path;
    return { path, label, reason: issue.slice(colon + 2) };
  });
}

const CONTACT_FIELD_LABELS: Record<string, string> = {
  id: 'Contact',
  name: 'Name',
  organisation: 'Organisation',
  roles: 'Roles',
  channels: 'Channels',
  onCall: 'On call',
  timeZone: 'Time zone',
  notes: 'Notes',
};

/** `contact.channels.1.value` reads as "Channel 2 value". */
export const contactFieldLabel: FieldLabeller = (path) => {
  const [field, index, part] = path[0] === 'contact' ? path.slice(1) : path;
  if (index !== undefined && field === 'channels') {
    return `Channel ${Number(index) + 1}${part ? ` ${part}` : ''}`;
  }
  if (index !== undefined && field === 'roles') {
    return `Role ${Number(index) + 1}`;
  }
  return CONTACT_FIELD_LABELS[field] ?? null;
};
