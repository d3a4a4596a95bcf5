// A highlight snippet from the API: verbatim text with the matched words wrapped in <mark> and
// </mark>. Rendered as text and <mark> elements only: nothing else in it is read as HTML.
import { Fragment } from 'react';

const MARK = /<mark>(.*?)<\/mark>/gs;

export function MarkedSnippet({ snippet }: { snippet: string }) {
  const parts: { text: string; marked: boolean }[] = [];
  let last = 0;
  for (const match of snippet.matchAll(MARK)) {
    if (match.index > last) parts.push({ text: snippet.slice(last, match.index), marked: false });
    parts.push({ text: match[1] ?? '', marked: true });
    last = match.index + match[0].length;
  }
  if (last < snippet.length) parts.push({ text: snippet.slice(last), marked: false });
  return (
    <>
      {parts.map((part, index) =>
        part.marked ? <mark key={index}>{part.text}</mark> : <Fragment key={index}>{part.text}</Fragment>,
      )}
    </>
  );
}
