// One formatter for every count on screen: building an Intl formatter per
// call (what toLocaleString does) costs more than the rest of a row render.
const counts = new Intl.NumberFormat();

export function formatCount(count: number): string {
  return counts.format(count);
}
