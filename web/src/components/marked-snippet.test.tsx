// A snippet from the API is verbatim source text: only its <mark> pairs become elements.
import { render } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { MarkedSnippet } from './marked-snippet';

describe('MarkedSnippet', () => {
  it('wraps the marked words and keeps everything else as text, markup included', () => {
    const { container } = render(
      <p>
        <MarkedSnippet snippet={'Imaging <mark>cameras</mark> <b>bold</b> & "<mark>focal</mark> plane"'} />
      </p>,
    );
    expect([...container.querySelectorAll('mark')].map((mark) => mark.textContent)).toEqual(['cameras', 'focal']);
    expect(container.querySelector('b')).toBeNull();
    expect(container.textContent).toBe('Imaging cameras <b>bold</b> & "focal plane"');
  });

  it('renders a snippet without marks as it is', () => {
    const { container } = render(<MarkedSnippet snippet="no match here <mark" />);
    expect(container.textContent).toBe('no match here <mark');
    expect(container.querySelector('mark')).toBeNull();
  });
});
