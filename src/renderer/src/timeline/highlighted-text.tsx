import type { TextSegment } from './highlight';

/** Text with its search hits as <mark>. */
export function HighlightedSegments(props: {
  segments: readonly TextSegment[];
}) {
  return props.segments.map((segment, index) =>
    segment.hit ? (
      <mark key={index}>{segment.text}</mark>
    ) : (
      <span key={index}>{segment.text}</span>
    ),
  );
}
