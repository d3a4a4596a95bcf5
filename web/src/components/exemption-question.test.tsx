// The exemption checker's question for the list entry and the input it builds: the entry is typed
// (the entries the waiting exemptions are written for are offered) and goes to the project's
// codes, and a project with neither codes nor item answers asks about the activity alone.
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ExemptionQuestion } from './exemption-question';
import { ENTRY_FACT, toCheckInput, withAnswer, withEntry, type CheckerState, type FactInfo } from './exemption-state';

const ENTRY: FactInfo = {
  name: ENTRY_FACT,
  type: 'ENUM',
  values: ['6A003.b.4.b', '6E001'],
  description:
    'The list entry (or paragraph) that controls what is exported, as its code (e.g. "6E001"): give it in `provisions`.',
  givenAs: 'provisions',
  acceptedUnits: [],
  canonicalUnit: null,
};
const FUNDAMENTAL: FactInfo = {
  name: 'research_is_fundamental',
  type: 'BOOLEAN',
  values: [],
  description: 'The technology arises during fundamental research.',
  givenAs: 'activity',
  acceptedUnits: [],
  canonicalUnit: null,
};
const STATE: CheckerState = { provisions: [], regimes: [], destination: null, answers: [], focus: null, started: true };

afterEach(cleanup);

describe('the entry question', () => {
  it('is typed, offers the entries the exemptions are written for, and answers with the code', () => {
    const onAnswer = vi.fn();
    render(
      <ExemptionQuestion
        info={ENTRY}
        number={1}
        current={null}
        editing={false}
        onAnswer={onAnswer}
        onCancel={null}
        exemptionNames={['6E001 TSR exclusions']}
      />,
    );
    expect(screen.getByText('Which list entry controls what you export?')).toBeTruthy();
    // No radio per code: only "I don't know".
    expect(screen.getAllByRole('radio')).toHaveLength(1);
    const field = screen.getByLabelText('Entry code');
    const offered = [...document.querySelectorAll('datalist option')].map((option) => option.getAttribute('value'));
    expect(offered).toEqual(['6A003.b.4.b', '6E001']);
    fireEvent.click(screen.getByRole('button', { name: 'Continue' }));
    expect(onAnswer).not.toHaveBeenCalled();
    expect(screen.getByRole('alert').textContent).toContain('Give the code of the entry');
    fireEvent.change(field, { target: { value: ' 6e001 ' } });
    fireEvent.click(screen.getByRole('button', { name: 'Continue' }));
    expect(onAnswer).toHaveBeenCalledWith('6e001');
  });
});

describe('the check input', () => {
  const facts = new Map([
    [ENTRY.name, ENTRY],
    [FUNDAMENTAL.name, FUNDAMENTAL],
  ]);

  it('with neither codes nor item answers, asks about the activity alone (no empty item to classify)', () => {
    const { input } = toCheckInput(withAnswer(STATE, FUNDAMENTAL.name, 'yes'), facts);
    expect(input).toEqual({ activity: [{ name: 'research_is_fundamental', boolean: true }] });
  });

  it('the entry goes to the codes (written as codes are), and an earlier "I don’t know" to it is dropped', () => {
    const unsure = withAnswer(STATE, ENTRY_FACT, 'unknown');
    expect(toCheckInput(unsure, facts).input).toEqual({});
    const given = withEntry(unsure, '6e001');
    expect(given.provisions).toEqual(['6E001']);
    expect(given.answers).toEqual([]);
    expect(toCheckInput(given, facts).input).toEqual({ provisions: ['6E001'] });
  });
});
