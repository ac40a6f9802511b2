import { useId, type ReactNode } from 'react';

/** One titled block of the incident card. */
export function CardSection(props: {
  title: string;
  className?: string;
  testId?: string;
  actions?: ReactNode;
  children: ReactNode;
}) {
  const headingId = useId();
  return (
    <section
      className={`card-section ${props.className ?? ''}`}
      aria-labelledby={headingId}
      data-testid={props.testId}
    >
      <div className="card-section-head">
        <h2 id={headingId}>{props.title}</h2>
        {props.actions}
      </div>
      {props.children}
    </section>
  );
}
