import { splitHighlights } from './highlight';

/** Text with search hits as <mark>; plain text when there are no markers. */
export function HighlightedText(props: { text: string; marked?: string }) {
  if (props.marked === undefined) return <>{props.text}</>;

  return (
    <>
      {splitHighlights(props.marked).map((segment, index) =>
        segment.hit ? (
          <mark key={index}>{segment.text}</mark>
        ) : (
          <span key={index}>{segment.text}</span>
        ),
      )}
    </>
  );
}
