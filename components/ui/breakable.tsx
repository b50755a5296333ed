import { Fragment } from 'react';

/**
 * A name without spaces (`org.opencontainers.image.source`, `registry/repo:tag`) that wraps after
 * its separators, not in the middle of a word.
 */
export function Breakable({ text, after = /(?<=[./:@])/ }: { text: string; after?: RegExp }) {
  return (
    <>
      {text.split(after).map((part, i) => (
        <Fragment key={i}>
          {i > 0 ? <wbr /> : null}
          <span>{part}</span>
        </Fragment>
      ))}
    </>
  );
}
