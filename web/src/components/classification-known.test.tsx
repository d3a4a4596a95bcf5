// "I already know a classification" in the classification wizard: a code is added for the item
// or for a component it incorporates, kept in the URL (known=6A003.b.4.b,
// known=component:6A002.a.3.f), listed, and removed.
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ClassificationKnown } from './classification-known';
import { readState, withKnown, withoutKnown } from './classification-state';

afterEach(cleanup);

describe('known classifications in the wizard', () => {
  it('a component code is added with its scope; an empty code is not', () => {
    const onAdd = vi.fn();
    render(<ClassificationKnown known={[]} onAdd={onAdd} onRemove={vi.fn()} />);
    fireEvent.click(screen.getByRole('button', { name: 'Add' }));
    expect(onAdd).not.toHaveBeenCalled();
    fireEvent.change(screen.getByLabelText('Code'), { target: { value: ' 6A002.a.3.f ' } });
    fireEvent.change(screen.getByLabelText('Whose classification'), { target: { value: 'COMPONENT' } });
    fireEvent.click(screen.getByRole('button', { name: 'Add' }));
    expect(onAdd).toHaveBeenCalledWith({ code: '6A002.a.3.f', scope: 'COMPONENT' });
  });

  it('the known codes are listed with whose they are, and each can be removed', () => {
    const onRemove = vi.fn();
    const known = [
      { code: '6A003.b.4.b', scope: 'ITEM' as const },
      { code: '6A002.a.3.f', scope: 'COMPONENT' as const },
    ];
    render(<ClassificationKnown known={known} onAdd={vi.fn()} onRemove={onRemove} />);
    const list = screen.getByRole('list', { name: 'Classifications already known' });
    expect(list.textContent).toContain('The item is controlled by 6A003.b.4.b');
    expect(list.textContent).toContain('It incorporates a component controlled by 6A002.a.3.f');
    fireEvent.click(screen.getAllByRole('button', { name: 'Remove' })[1] as HTMLElement);
    expect(onRemove).toHaveBeenCalledWith(known[1]);
  });

  it('the URL keeps them (once each) and reads them back', () => {
    let params = new URLSearchParams('kind=camera');
    params = withKnown(params, { code: '6A002.a.3.f', scope: 'COMPONENT' });
    params = withKnown(params, { code: '6A002.a.3.f', scope: 'COMPONENT' });
    params = withKnown(params, { code: '6A003.b.4.b', scope: 'ITEM' });
    expect(params.getAll('known')).toEqual(['component:6A002.a.3.f', '6A003.b.4.b']);
    expect(readState(params).known).toEqual([
      { code: '6A002.a.3.f', scope: 'COMPONENT' },
      { code: '6A003.b.4.b', scope: 'ITEM' },
    ]);
    params = withoutKnown(params, { code: '6A002.a.3.f', scope: 'COMPONENT' });
    expect(readState(params).known).toEqual([{ code: '6A003.b.4.b', scope: 'ITEM' }]);
    expect(params.get('kind')).toBe('camera');
  });
});
