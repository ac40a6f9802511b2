import { useState } from 'react';
import type {
  Contact,
  ContactChannel,
  ImportReport,
} from '../../../shared/contacts-types';
import { CORE_ROLES, EXTENDED_ROLES } from '../../../shared/incident-lifecycle';
import { errorMessage } from '../transport/call';
import { ContactForm } from './contact-form';
import { useInPlaceForm } from './in-place-form';
import { CopyText, ExternalLink } from './copy-text';
import { useContacts, useContactsMutation } from './contacts-queries';
import { RegimesSection } from './regimes-section';
import { ResourcesSection } from './resources-section';

const SCHEMES: Partial<Record<ContactChannel['kind'], string>> = {
  email: 'mailto:',
  phone: 'tel:',
};

function ChannelCell(props: { channel: ContactChannel; name: string }) {
  const { channel } = props;
  const scheme = SCHEMES[channel.kind];
  const href = scheme ? scheme + channel.value.replace(/\s+/g, '') : '';
  return (
    <li>
      <span className="channel-kind">{channel.kind}</span>{' '}
      <CopyText
        value={channel.value}
        label={`${props.name}'s ${channel.kind}`}
      />
      {scheme && (
        <ExternalLink href={href}>
          {scheme === 'tel:' ? 'call' : 'write'}
        </ExternalLink>
      )}
    </li>
  );
}

function ContactRow(props: {
  contact: Contact;
  focusEdit: boolean;
  onEdit: () => void;
}) {
  const { contact } = props;
  const remove = useContactsMutation('contacts:remove');
  return (
    <tr data-testid="contact-row">
      <td>
        {contact.name}
        {contact.onCall && <span className="on-call-tag"> on call</span>}
        {contact.organisation && (
          <div className="muted">{contact.organisation}</div>
        )}
      </td>
      <td>{contact.roles.join(', ')}</td>
      <td>
        <ul className="channel-list">
          {contact.channels.map((channel, i) => (
            <ChannelCell key={i} channel={channel} name={contact.name} />
          ))}
        </ul>
      </td>
      <td>{contact.timeZone}</td>
      <td className="contact-notes">{contact.notes}</td>
      <td className="row-actions">
        <button
          type="button"
          aria-label={`Edit ${contact.name}`}
          autoFocus={props.focusEdit}
          onClick={props.onEdit}
        >
          Edit
        </button>
        <button
          type="button"
          aria-label={`Remove ${contact.name}`}
          onClick={() => remove.mutate({ id: contact.id })}
        >
          Remove
        </button>
      </td>
    </tr>
  );
}

function ImportReportView(props: { report: ImportReport }) {
  const { report } = props;
  return (
    <div role="status" className="import-report">
      Imported {report.imported}.
      {report.problems.map((p) => (
        <div key={p.position} className="import-problem">
          Record at {p.position}: {p.message}
        </div>
      ))}
    </div>
  );
}

function ImportExport() {
  const importer = useContactsMutation('contacts:import');
  const exporter = useContactsMutation('contacts:export');
  async function importFile(file: File) {
    const format = /\.csv$/i.test(file.name) ? 'csv' : 'vcard';
    importer.mutate({ format, text: await file.text() });
  }
  function download(format: 'vcard' | 'csv') {
    exporter.mutate(
      { format },
      {
        onSuccess: ({ fileName, text }) => {
          const link = document.createElement('a');
          link.href = URL.createObjectURL(
            new Blob([text], { type: 'text/plain' }),
          );
          link.download = fileName;
          link.click();
          URL.revokeObjectURL(link.href);
        },
      },
    );
  }
  return (
    <div className="contact-exchange">
      <label>
        Import vCard or CSV{' '}
        <input
          type="file"
          accept=".vcf,.csv,text/vcard,text/csv"
          onChange={(e) => {
            const file = e.target.files?.[0];
            if (file) void importFile(file);
          }}
        />
      </label>
      <button type="button" onClick={() => download('vcard')}>
        Export vCard
      </button>
      <button type="button" onClick={() => download('csv')}>
        Export CSV
      </button>
      {importer.data && <ImportReportView report={importer.data} />}
      {importer.isError && (
        <span role="alert">{errorMessage(importer.error)}</span>
      )}
    </div>
  );
}

/** The plan's team roles first, then any other role already in use. */
function roleSuggestions(contacts: readonly Contact[]): string[] {
  const inUse = contacts.flatMap((c) => c.roles);
  return [...new Set([...CORE_ROLES, ...EXTENDED_ROLES, ...inUse.sort()])];
}

export function DirectorySection() {
  const [query, setQuery] = useState('');
  const [role, setRole] = useState('');
  const form = useInPlaceForm();
  const all = useContacts('', '');
  const shown = useContacts(query, role);
  const roles = [...new Set((all.data ?? []).flatMap((c) => c.roles))].sort();
  const suggestions = roleSuggestions(all.data ?? []);
  return (
    <section
      className="contacts-directory"
      aria-labelledby="directory-heading"
      data-testid="directory"
    >
      <h2 id="directory-heading">Directory</h2>
      <div className="directory-filters">
        <input
          type="search"
          aria-label="Search contacts"
          placeholder="Search contacts"
          value={query}
          onChange={(e) => setQuery(e.target.value)}
        />
        <select
          aria-label="Role"
          value={role}
          onChange={(e) => setRole(e.target.value)}
        >
          <option value="">All roles</option>
          {roles.map((r) => (
            <option key={r} value={r}>
              {r}
            </option>
          ))}
        </select>
      </div>
      <table className="contacts-table">
        <thead>
          <tr>
            <th>Name</th>
            <th>Roles</th>
            <th>Channels</th>
            <th>Time zone</th>
            <th>Notes</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {(shown.data ?? []).map((c) =>
            form.isOpen(c.id) ? (
              <tr key={c.id}>
                <td colSpan={6}>
                  <ContactForm
                    contact={c}
                    roleSuggestions={suggestions}
                    onClose={form.close}
                  />
                </td>
              </tr>
            ) : (
              <ContactRow
                key={c.id}
                contact={c}
                focusEdit={form.takesFocusBack(c.id)}
                onEdit={() => form.open(c.id)}
              />
            ),
          )}
        </tbody>
      </table>
      {form.isOpen(null) ? (
        <ContactForm roleSuggestions={suggestions} onClose={form.close} />
      ) : (
        <button
          type="button"
          autoFocus={form.takesFocusBack(null)}
          onClick={() => form.open(null)}
        >
          Add a contact
        </button>
      )}
      <ImportExport />
      <div className="directory-columns">
        <ResourcesSection />
        <RegimesSection />
      </div>
    </section>
  );
}
