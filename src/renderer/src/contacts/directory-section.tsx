import { useState, type FormEvent } from 'react';
import type {
  Contact,
  ContactChannel,
  ImportReport,
} from '../../../shared/contacts-types';
import { errorMessage } from '../transport/call';
import { CopyText, ExternalLink } from './copy-text';
import {
  useContacts,
  useContactsMutation,
  useResources,
} from './contacts-queries';

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

function ContactRow(props: { contact: Contact }) {
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
      <td>
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

function AddContactForm() {
  const save = useContactsMutation('contacts:save');
  const [name, setName] = useState('');
  const [role, setRole] = useState('');
  const [email, setEmail] = useState('');
  function submit(event: FormEvent) {
    event.preventDefault();
    const channels = email ? [{ kind: 'email' as const, value: email }] : [];
    save.mutate(
      { contact: { name, roles: role ? [role] : [], channels } },
      { onSuccess: () => setName('') },
    );
  }
  return (
    <form className="contact-add" onSubmit={submit} aria-label="Add a contact">
      <input
        aria-label="Name"
        placeholder="Name"
        value={name}
        onChange={(e) => setName(e.target.value)}
      />
      <input
        aria-label="Role"
        placeholder="Role (e.g. security-team)"
        value={role}
        onChange={(e) => setRole(e.target.value)}
      />
      <input
        aria-label="E-mail"
        placeholder="E-mail"
        value={email}
        onChange={(e) => setEmail(e.target.value)}
      />
      <button type="submit" disabled={!name.trim()}>
        Add contact
      </button>
      {save.isError && <span role="alert">{errorMessage(save.error)}</span>}
    </form>
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

function ResourceList() {
  const resources = useResources();
  return (
    <section
      className="resource-list"
      aria-labelledby="resources-heading"
      data-testid="resources"
    >
      <h3 id="resources-heading">Tools and resources</h3>
      <ul>
        {(resources.data ?? []).map((resource) => (
          <li key={resource.id}>
            <span className="muted">{resource.group}</span> {resource.label}:{' '}
            <CopyText value={resource.target} label={resource.label} />{' '}
            <ExternalLink href={resource.target}>open</ExternalLink>
          </li>
        ))}
      </ul>
    </section>
  );
}

export function DirectorySection() {
  const [query, setQuery] = useState('');
  const [role, setRole] = useState('');
  const all = useContacts('', '');
  const shown = useContacts(query, role);
  const roles = [...new Set((all.data ?? []).flatMap((c) => c.roles))].sort();
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
      <div className="directory-columns">
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
            {(shown.data ?? []).map((c) => (
              <ContactRow key={c.id} contact={c} />
            ))}
          </tbody>
        </table>
        <ResourceList />
      </div>
      <AddContactForm />
      <ImportExport />
    </section>
  );
}
