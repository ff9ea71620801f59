/**
 * Document numbers (IV-00001, CN-00001, OR-00001, …) are a prefix and a number padded to five digits. Past
 * 99,999 the number has more digits, and text order puts IV-100000 between IV-10000 and IV-10001: they are
 * ordered by prefix, then by how many digits, then as text, which is the order of their values.
 */
export function compareDocNos(a: string, b: string): number {
  const dashA = a.lastIndexOf("-");
  const dashB = b.lastIndexOf("-");
  const prefixA = a.slice(0, dashA);
  const prefixB = b.slice(0, dashB);
  if (prefixA !== prefixB) return prefixA < prefixB ? -1 : 1;
  const digitsA = a.length - dashA;
  const digitsB = b.length - dashB;
  if (digitsA !== digitsB) return digitsA - digitsB;
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Documents in the order of their numbers. */
export const byDocNo = (a: { docNo: string }, b: { docNo: string }): number => compareDocNos(a.docNo, b.docNo);
